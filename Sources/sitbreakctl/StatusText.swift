import SitBreakModel
import SitBreakPresentation
import SitBreakProtocol

/// `sitbreakctl status` for people.
enum StatusText {
    static func render(_ status: StatusReport) -> String {
        let span = { (seconds: Seconds) in TimeSpan.format(seconds) }
        var headline: String
        switch status.state {
        case .sitting:
            headline = "Sitting for \(span(status.sittingSeconds))"
            if status.overdueReminders > 0 { headline += " — break overdue" }
        case .snoozed: headline = "Snoozed; sitting for \(span(status.sittingSeconds))"
        case .away: headline = "Away"
        case .break:
            let progress = status.breakProgressText ?? "on break"
            headline = progress.prefix(1).uppercased() + progress.dropFirst()
                + " (started \(span(status.breakElapsedSeconds ?? 0)) ago; counts after \(span(status.breakLengthSeconds)) without input)"
        case .standing: headline = "Standing"
        case .paused: headline = status.pauseRemainingSeconds.map { "Paused for \(span($0)) more" } ?? "Paused until resumed"
        }
        if let next = status.nextReminderSeconds { headline += " · next reminder in \(span(next))" }
        if let held = status.reminderHeld { headline += " · reminder held: \(held)" }
        let today = status.today
        var lines = [headline]
        if let suggestion = status.suggestion {
            lines.append("Suggested move: \(suggestion.line) (`sitbreakctl break` guides it)")
        }
        lines += [
            "Today: \(span(today.sittingSeconds)) sitting · " + counted(today.breaks, "break") + ", \(today.naturalBreaks) natural"
                + ((today.abandonedBreaks ?? 0) > 0 ? ", \(today.abandonedBreaks ?? 0) abandoned" : "")
                + " · \(today.skipped) skipped · \(today.snoozed) snoozed · longest sit \(span(today.longestSitSeconds))",
            "Activity: \(status.activitySources.joined(separator: ", ")) · reminders: \(status.reminderChannels.joined(separator: ", "))"
                + (status.doNotDisturb.map { " · do not disturb \($0.on ? "on" : "off") (\($0.watched))" } ?? ""),
        ]
        if !status.problems.isEmpty {
            lines.append("Problems:")
            lines += status.problems.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
