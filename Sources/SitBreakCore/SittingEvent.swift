/// Something the model must react to. Activity facts carry their own instants (boot clock),
/// which may lie before the moment they are delivered.
public enum SittingEvent: Equatable, Sendable {
    /// The user touched the keyboard or mouse at `at`.
    case input(at: Seconds)
    /// No input since `since` (the source noticed some time later).
    case idle(since: Seconds)
    /// The screen was locked at `since`.
    case locked(since: Seconds)
    /// The screen was unlocked at `at`; unlocking takes a person at the desk.
    case unlocked(at: Seconds)
    /// The machine slept from `from` to `until` (detected from the clocks or from logind).
    case slept(from: Seconds, until: Seconds)
    /// The daemon was not running from `from` to `until` (found when it restarts).
    case unobserved(from: Seconds, until: Seconds)
    /// The user asked for something.
    case command(UserCommand)
    /// A wake-up the shell scheduled from `SittingModel.nextDeadline`.
    case timer
    /// The settings were reloaded: a longer sit limit can end an overdue run.
    case settingsChanged
}

public enum UserCommand: Equatable, Sendable {
    /// Move the next reminder out; nil = `break.snooze`.
    case snooze(Seconds?)
    /// Stop all counting; nil = until `resume`.
    case pause(Seconds?)
    case resume
    case startBreak
    /// Confirm a break (the one in progress, or one the user just took).
    case done
    /// End a break before it was complete (a guided break interrupted).
    case abandonBreak
    /// Acknowledge the reminder without a break.
    case skip
    case away
    case back
    case stand
    case sit
}

/// What the shell must do after a step. The core never performs any of it.
public enum Effect: Equatable, Sendable {
    /// Tell the user to get up (desktop notification, terminals, `watch` clients).
    case remind(Reminder)
    /// The reminder on screen no longer applies (break started, snoozed, skipped, ...).
    case withdrawReminder
    /// Something worth a journal entry, a `watch` line and a history row.
    case record(Happening)
    /// The request cannot be done now; the text says why (sent back to `sitbreakctl`).
    case refuse(String)
}

public struct Reminder: Equatable, Sendable, Codable {
    /// The length of the stretch when the reminder fired.
    public var sittingSeconds: Seconds
    /// 1 for the first reminder of an overdue run, then 2, 3, ...
    public var level: Int
    /// How long the break should last.
    public var breakLength: Seconds

    public var urgency: Urgency { level >= 3 ? .critical : .normal }

    public init(sittingSeconds: Seconds, level: Int, breakLength: Seconds) {
        self.sittingSeconds = sittingSeconds
        self.level = level
        self.breakLength = breakLength
    }
}

public enum Urgency: String, Sendable, Codable {
    case normal, critical
}

/// A fact about the user's day, as the journal and history keep it.
public enum Happening: Equatable, Sendable {
    case reminded(Reminder)
    case snoozed(until: Seconds, forSeconds: Seconds)
    case skipped(sittingSeconds: Seconds)
    case breakStarted(sittingSeconds: Seconds)
    /// `sittingSeconds`: the stretch the break ended.
    case breakTaken(lastedSeconds: Seconds, sittingSeconds: Seconds, confirmed: Bool)
    case breakPartial(lastedSeconds: Seconds)
    case naturalBreak(awaySeconds: Seconds, reason: AbsenceReason, sittingSeconds: Seconds)
    case paused(until: Seconds?)
    case resumed(pausedSeconds: Seconds)
    case stoodUp
    case satDown(stoodSeconds: Seconds)
    case wentAway(reason: AbsenceReason)
    case cameBack(awaySeconds: Seconds)
    case dayEnded(DayTotals)
}
