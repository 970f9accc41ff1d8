import SitBreakModel

/// A text progress bar for countdowns.
public enum ProgressBar {
    /// Exactly `width` cells, filled from the left in eighths of a cell, e.g. "███▍░░░░" at 42 %.
    /// A zero or negative `total` shows a full bar.
    public static func render(elapsed: Seconds, total: Seconds, width: Int) -> String {
        guard width > 0 else { return "" }
        let fraction = total > 0 ? min(max(elapsed / total, 0), 1) : 1
        let eighths = Int((fraction * Double(width * 8)).rounded(.down))
        let full = eighths / 8
        let partial = eighths % 8 > 0 ? partialCells[eighths % 8] : ""
        let empty = width - full - partial.count
        return String(repeating: "█", count: full) + partial + String(repeating: "░", count: empty)
    }

    /// One to seven eighths of a cell.
    private static let partialCells = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
}
