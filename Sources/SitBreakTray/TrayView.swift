import SitBreakModel
import SitBreakProtocol

/// What the panel shows for one status: the icon, the item's status, the tooltip and the menu.
/// A pure function of the status the CLI reads, so the panel and `sitbreakctl status` never
/// disagree; the daemon sends a change to the host only when this value changes.
public struct TrayView: Equatable, Sendable {
    public var icon: TrayIcon
    public var itemStatus: ItemStatus
    /// The menu's first line, read when the menu opens: "Sitting 38 min · next reminder in 7 min · 4 breaks today".
    public var summary: String
    /// The tooltip names clock times, "Sitting since 14:02 · next reminder at 14:47 · 4 breaks
    /// today", so it stays true without a timer: a host that shows it costs no wake-ups.
    public var tooltip: String
    public var menu: [TrayMenuItem]
    /// What a left click does.
    public var activation: TrayAction

    /// `org.kde.StatusNotifierItem`'s `Status`.
    public enum ItemStatus: String, Sendable {
        case active = "Active"
        case passive = "Passive"
        case needsAttention = "NeedsAttention"
    }

    /// - Parameters:
    ///   - snooze: `break.snooze`, for the menu's "Snooze 10 min".
    ///   - passiveWhilePaused: `[tray] passive_while_paused`: hosts may hide a passive item.
    public init(_ status: StatusReport, at now: Moment, snooze: Seconds, passiveWhilePaused: Bool) {
        icon = TrayIcon(status)
        let due = status.state == .sitting && status.overdueReminders > 0
        itemStatus = due ? .needsAttention : (status.state == .paused && passiveWhilePaused ? .passive : .active)
        summary = Self.summary(of: status)
        tooltip = Self.tooltip(of: status, at: now)
        menu = TrayMenuItem.menu(for: status, summary: summary, snooze: snooze)
        activation = due ? .startBreak : .showStatus
    }

    /// In running minutes, for the menu, which is read when it opens.
    static func summary(of status: StatusReport) -> String {
        line(of: status, Wording(
            sat: "Sitting \(minutes(status.sittingSeconds))",
            nextReminder: { "next reminder in \(minutes($0, roundingUp: true))" },
            snoozed: { " for \(minutes($0, roundingUp: true))" },
            onBreak: "On a break" + (status.breakProgressText.map { ": \($0)" } ?? ""),
            paused: { ", \(minutes($0, roundingUp: true)) left" }))
    }

    /// In clock times, for the tooltip, which a host shows without asking again.
    static func tooltip(of status: StatusReport, at now: Moment) -> String {
        line(of: status, Wording(
            sat: "Sitting since \(now.clockTime(inSeconds: -status.sittingSeconds))",
            nextReminder: { "next reminder at \(now.clockTime(inSeconds: $0))" },
            snoozed: { " until \(now.clockTime(inSeconds: $0))" },
            onBreak: "On a break since \(now.clockTime(inSeconds: -(status.breakElapsedSeconds ?? 0)))",
            paused: { " until \(now.clockTime(inSeconds: $0))" }))
    }

    /// How a line says the times in it.
    private struct Wording {
        var sat: String
        var nextReminder: (Seconds) -> String
        var snoozed: (Seconds) -> String
        var onBreak: String
        var paused: (Seconds) -> String
    }

    private static func line(of status: StatusReport, _ wording: Wording) -> String {
        // Every time the user got up counts: a walk away from the desk is as much a break as
        // one a reminder started (`status` tells the two apart).
        let count = status.today.breaks + status.today.naturalBreaks
        let breaks = count == 1 ? "1 break today" : "\(count) breaks today"
        let parts: [String]
        switch status.state {
        case .sitting:
            if let held = status.reminderHeld {
                parts = [wording.sat, "reminder held: \(held)", breaks]
            } else if status.overdueReminders > 0 {
                parts = [wording.sat, "time for a break", breaks]
            } else {
                parts = [wording.sat] + (status.nextReminderSeconds.map { [wording.nextReminder($0)] } ?? []) + [breaks]
            }
        case .snoozed: parts = [wording.sat, "snoozed" + (status.nextReminderSeconds.map(wording.snoozed) ?? ""), breaks]
        case .break: parts = [wording.onBreak, breaks]
        case .paused: parts = ["Paused" + (status.pauseRemainingSeconds.map(wording.paused) ?? " until you resume"), breaks]
        case .away: parts = ["Away from the desk", breaks]
        case .standing: parts = ["Standing", breaks]
        }
        return parts.joined(separator: " · ")
    }

    /// A left click when no reminder is due: the summary, and the move of the moment.
    public static func statusText(_ status: StatusReport) -> String {
        summary(of: status) + (status.suggestion.map { "\nTry: \($0.line)" } ?? "")
    }

    /// "Today's stats": "2 h 10 min sitting · 4 breaks (2 natural) · 1 skipped · 2 snoozed · longest sit 52 min".
    public static func todayText(_ today: TodayReport) -> String {
        var parts = ["\(minutes(today.sittingSeconds)) sitting"]
        let breaks = today.breaks == 1 ? "1 break" : "\(today.breaks) breaks"
        parts.append(today.naturalBreaks > 0 ? "\(breaks) (\(today.naturalBreaks) natural)" : breaks)
        if today.skipped > 0 { parts.append("\(today.skipped) skipped") }
        if today.snoozed > 0 { parts.append("\(today.snoozed) snoozed") }
        if today.longestSitSeconds >= 60 { parts.append("longest sit \(minutes(today.longestSitSeconds))") }
        return parts.joined(separator: " · ")
    }

    /// "38 min", "1 h 5 min", "under a minute".
    static func minutes(_ seconds: Seconds, roundingUp: Bool = false) -> String {
        let whole = Int((seconds / 60).rounded(roundingUp ? .up : .down))
        if whole < 1 { return "under a minute" }
        if whole < 60 { return "\(whole) min" }
        return whole % 60 == 0 ? "\(whole / 60) h" : "\(whole / 60) h \(whole % 60) min"
    }
}

/// The icon for a state, named as installed in the hicolor theme (`sitbreak-sitting`, ...).
public enum TrayIcon: String, CaseIterable, Sendable {
    case sitting, due, overdue
    case onBreak = "break"
    case paused, away

    public init(_ status: StatusReport) {
        switch status.state {
        case .sitting where status.overdueReminders > 1: self = .overdue
        case .sitting where status.overdueReminders == 1: self = .due
        case .sitting, .snoozed: self = .sitting
        case .break: self = .onBreak
        case .paused: self = .paused
        case .away, .standing: self = .away
        }
    }

    public var name: String { "sitbreak-\(rawValue)" }
}

/// What an entry of the menu, or a click on the icon, asks for.
public enum TrayAction: Equatable, Sendable {
    case startBreak, snooze, skip, resume, stand, sit
    case pause(Seconds)
    /// Until the next local midnight, worked out when clicked.
    case pauseUntilTomorrow
    /// The guided break for the suggested move, in a terminal if there is one.
    case guidedBreak
    case showStatus, showStats, editSettings

    /// The model command it is, at `now`; nil for what the shell does itself.
    public func command(at now: Moment) -> UserCommand? {
        switch self {
        case .startBreak: .startBreak
        case .snooze: .snooze(nil)
        case .skip: .skip
        case .resume: .resume
        case .stand: .stand
        case .sit: .sit
        case .pause(let seconds): .pause(seconds)
        case .pauseUntilTomorrow: .pause(max(60, 86_400 - now.secondsIntoDay))
        case .guidedBreak, .showStatus, .showStats, .editSettings: nil
        }
    }
}
