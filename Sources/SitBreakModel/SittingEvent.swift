
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
    /// The input sources' answer to `Effect.checkQuiet`.
    case quiet(QuietReading)
    /// What keeps the user at the desk or makes a reminder unwelcome, as it stands now: the
    /// whole set, each time it changes and before each decision.
    case engaged(Set<Engagement>)
}

/// What the input sources said when asked, at one instant, when they last saw input: a level,
/// where the activity events are edges. A break counts only on such evidence.
public enum QuietReading: Equatable, Sendable {
    /// `source` (e.g. `x11`) saw its last keyboard or mouse input at `at` (boot clock).
    case lastInput(at: Seconds, source: String)
    /// No input source is in use (`sources = ["manual"]`): the clock alone decides.
    case noInputSource
    /// The sources in use could not say now (a call failed); the model asks again later.
    case unknown
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
    /// Ask the input sources in use when they last saw input, and step with `.quiet` once
    /// they answer: a break in progress is decided on that, not on the clock.
    case checkQuiet
}

public struct Reminder: Equatable, Sendable, Codable {
    /// The length of the stretch when the reminder fired.
    public var sittingSeconds: Seconds
    /// 1 for the first reminder of an overdue run, then 2, 3, ...
    public var level: Int
    /// How long the break should last.
    public var breakLength: Seconds
    /// The call or presentation this reminder waited for, now over: it says so, gently.
    public var afterHold: Engagement?

    public init(sittingSeconds: Seconds, level: Int, breakLength: Seconds, afterHold: Engagement? = nil) {
        self.sittingSeconds = sittingSeconds
        self.level = level
        self.breakLength = breakLength
        self.afterHold = afterHold
    }
}

/// A fact about the user's day, as the journal and history keep it.
public enum Happening: Equatable, Sendable {
    case reminded(Reminder)
    case snoozed(until: Seconds, forSeconds: Seconds)
    case skipped(sittingSeconds: Seconds)
    case breakStarted(sittingSeconds: Seconds)
    /// `sittingSeconds`: the stretch the break ended.
    case breakTaken(lastedSeconds: Seconds, sittingSeconds: Seconds, evidence: BreakEvidence)
    case breakPartial(lastedSeconds: Seconds)
    /// The user kept working `break.grace` into a started break: it did not happen, and the
    /// `lastedSeconds` since it began count as sitting.
    case breakAbandoned(lastedSeconds: Seconds, sittingSeconds: Seconds)
    case naturalBreak(awaySeconds: Seconds, reason: AbsenceReason, sittingSeconds: Seconds, evidence: BreakEvidence)
    case paused(until: Seconds?)
    case resumed(pausedSeconds: Seconds)
    case stoodUp
    case satDown(stoodSeconds: Seconds)
    case wentAway(reason: AbsenceReason)
    case cameBack(awaySeconds: Seconds)
    case dayEnded(DayTotals)
    /// A reminder fell due during a call, a presentation or a fullscreen window: it waits.
    case reminderHeld(because: Engagement, sittingSeconds: Seconds)
}

/// Why a break was counted: what saw the user gone, for how long, and whether they said so.
public struct BreakEvidence: Equatable, Sendable, Codable {
    /// An input source that saw no input (`x11`, `gnome`, `wayland`, `tty`, `logind`); or
    /// the absence that proves it (`locked`, `asleep`, `away`, `unobserved`); or `clock` when
    /// no input source is in use. `idle` stands for "the input sources in use" until the
    /// daemon, which knows them, names them (`naming(inputSources:)`).
    public var source: String
    /// How long that source had seen no input when the break was counted.
    public var quietSeconds: Seconds
    /// The user confirmed the break with `done`.
    public var confirmed: Bool

    public init(source: String, quietSeconds: Seconds, confirmed: Bool) {
        self.source = source
        self.quietSeconds = quietSeconds
        self.confirmed = confirmed
    }

    public static let idleSource = "idle"
}

extension Happening {
    /// The evidence of a counted break, if this is one.
    public var evidence: BreakEvidence? {
        switch self {
        case .breakTaken(_, _, let evidence), .naturalBreak(_, _, _, let evidence): evidence
        default: nil
        }
    }

    /// The same happening with "the input sources in use" replaced by their names: the
    /// model knows that input stopped, the daemon knows who saw it.
    public func naming(inputSources names: String) -> Happening {
        guard case .naturalBreak(let away, let reason, let sitting, var evidence) = self,
            evidence.source == BreakEvidence.idleSource, !names.isEmpty
        else { return self }
        evidence.source = names
        return .naturalBreak(awaySeconds: away, reason: reason, sittingSeconds: sitting, evidence: evidence)
    }
}
