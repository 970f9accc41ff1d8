import SitBreakModel

/// The one line `systemctl --user status sitbreak` shows. It names clock times rather than
/// running counts, so it stays true between state changes and needs no periodic update.
public enum ServiceStatusLine {
    public static func make(_ status: SittingStatus, at now: Moment, sources: [String]) -> String {
        func clock(inSeconds offset: Seconds) -> String {
            let local = now.localSeconds + offset
            let intoDay = Int((local - LocalDay(localSeconds: local).startLocalSeconds).rounded(.down))
            let (hours, minutes) = (intoDay / 3_600, intoDay % 3_600 / 60)
            return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
        }
        var parts: [String]
        switch status.state {
        case .sitting:
            parts = ["Sitting since \(clock(inSeconds: -status.sittingSeconds))"]
            if status.overdueReminders > 0 { parts.append("break overdue") }
        case .snoozed: parts = ["Snoozed, sitting since \(clock(inSeconds: -status.sittingSeconds))"]
        case .away: parts = ["Away"]
        case .break: parts = ["On a break since \(clock(inSeconds: -(status.breakElapsedSeconds ?? 0)))"]
        case .standing: parts = ["Standing"]
        case .paused:
            parts = [status.pauseRemainingSeconds.map { "Paused until \(clock(inSeconds: $0))" } ?? "Paused until resumed"]
        }
        if let next = status.nextReminderSeconds { parts.append("next reminder \(clock(inSeconds: next))") }
        parts.append("source \(sources.joined(separator: "+"))")
        return parts.joined(separator: " · ")
    }
}
