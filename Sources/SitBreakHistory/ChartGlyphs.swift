import SitBreakModel

/// Block characters that draw amounts in a terminal.
enum ChartGlyphs {
    /// Rising eighths of a cell, for a row of columns.
    static let columns: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// Widening eighths of a cell, for a horizontal bar.
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    /// A column for `fraction` of full height: blank for nothing, the lowest step for any
    /// amount at all, so a short sit is still seen.
    static func column(_ fraction: Double) -> Character {
        guard fraction > 0 else { return " " }
        let level = Int((min(fraction, 1) * 8).rounded(.up))
        return columns[max(level, 1) - 1]
    }

    /// A bar `width` cells long at `fraction` 1, drawn in eighths and padded with spaces.
    static func bar(_ fraction: Double, width: Int) -> String {
        let units = fraction > 0 ? max(1, Int((min(fraction, 1) * Double(width * 8)).rounded())) : 0
        var bar = String(repeating: "█", count: units / 8)
        if units % 8 > 0 { bar.append(eighths[units % 8 - 1]) }
        return bar + String(repeating: " ", count: width - bar.count)
    }

    /// Hours and minutes to the nearest minute: "0m", "42m", "1h 5m", "12h".
    static func duration(_ seconds: Seconds) -> String {
        let minutes = Int((max(seconds, 0) / 60).rounded())
        if minutes < 60 { return "\(minutes)m" }
        return minutes % 60 == 0 ? "\(minutes / 60)h" : "\(minutes / 60)h \(minutes % 60)m"
    }
}
