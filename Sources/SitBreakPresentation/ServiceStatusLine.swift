import SitBreakModel

/// The one line `systemctl --user status sitbreak` shows. It names clock times rather than
/// running counts, so it stays true between state changes and needs no periodic update.
public enum ServiceStatusLine {
    public static func make(_ status: SittingStatus, at now: Moment, sources: [String]) -> String {
        let clock = { (offset: Seconds) in now.clockTime(inSeconds: offset) }
        var parts: [String]
        switch status.state {
        case .sitting:
            parts = ["Sitting since \(clock(-status.sittingSeconds))"]
            if status.overdueReminders > 0 { parts.append("break overdue") }
        case .snoozed: parts = ["Snoozed, sitting since \(clock(-status.sittingSeconds))"]
        case .away: parts = ["Away"]
        case .break: parts = ["On a break since \(clock(-(status.breakElapsedSeconds ?? 0)))"]
        case .standing: parts = ["Standing"]
        case .paused:
            parts = [status.pauseRemainingSeconds.map { "Paused until \(clock($0))" } ?? "Paused until resumed"]
        }
        if let next = status.nextReminderSeconds { parts.append("next reminder \(clock(next))") }
        parts.append("source \(sources.joined(separator: "+"))")
        return parts.joined(separator: " · ")
    }
}
