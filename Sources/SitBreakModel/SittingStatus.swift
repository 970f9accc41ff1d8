
/// The states a user can see in `sitbreakctl status`.
public enum VisibleState: String, Sendable, Codable, CaseIterable {
    case sitting, away, `break`, snoozed, paused, standing
}

public enum BreakPhase: String, Sendable, Codable {
    /// The input sources have not yet seen the user leave (or the break has just begun).
    case stepAway = "step_away"
    /// No input for a while: the break counts when the countdown reaches zero.
    case countingDown = "counting_down"
}

/// What `status` reports, computed from the settled state at one moment.
public struct SittingStatus: Equatable, Sendable, Codable {
    public var state: VisibleState
    public var sittingSeconds: Seconds
    /// nil when no reminder is scheduled (paused, away, on a break, standing, outside hours).
    public var nextReminderSeconds: Seconds?
    /// Reminders fired since the user last got up: > 0 means the break is overdue.
    public var overdueReminders: Int
    public var sitLimitSeconds: Seconds
    public var breakLengthSeconds: Seconds
    /// Seconds into the break in progress.
    public var breakElapsedSeconds: Seconds?
    /// Where the break in progress stands: `stepAway` until the input sources have seen no
    /// input for a moment, then `countingDown` with `breakRemainingSeconds` left. Input
    /// restarts the countdown.
    public var breakPhase: BreakPhase?
    /// Seconds of quiet still needed for the break to count, if no input comes.
    public var breakRemainingSeconds: Seconds?
    /// Seconds of pause left; nil when not paused or paused until `resume`.
    public var pauseRemainingSeconds: Seconds?
    /// What a due reminder waits for (a call, a presentation, a fullscreen window).
    public var reminderHeldFor: Engagement?
    /// What keeps the user at the desk or holds reminders now, as the shell last said.
    public var engaged: [Engagement]
    public var today: DayTotals
}

extension BreakPhase {
    /// The break in progress as a person reads it: "break started: step away from the desk"
    /// while input is still seen, then "on break, 3:12 left".
    public func text(remaining: Seconds?) -> String {
        switch self {
        case .stepAway: "break started: step away from the desk"
        case .countingDown: "on break, \(Self.minutesAndSeconds(remaining ?? 0)) left"
        }
    }

    /// "3:12" for 192 seconds, rounded up so that "0:00" means done.
    public static func minutesAndSeconds(_ seconds: Seconds) -> String {
        let whole = Int(seconds.rounded(.up))
        let rest = whole % 60
        return "\(whole / 60):\(rest < 10 ? "0" : "")\(rest)"
    }
}

extension SittingModel {
    public static func status(_ raw: SittingState, at now: Moment, settings: Settings) -> SittingStatus {
        let state = settled(raw, at: now, settings: settings)
        let sitting = state.stretch.seconds(at: now.boot)
        var today = state.today
        if let since = state.stretch.countingSince {
            let startOfToday = today.startsAtBoot ?? now.bootInstant(atLocalSeconds: today.day.startLocalSeconds)
            today.sittingSeconds += max(0, now.boot - max(since, startOfToday))
            today.longestSitSeconds = max(today.longestSitSeconds, sitting)
        }
        return SittingStatus(
            state: visibleState(state, at: now.boot),
            sittingSeconds: sitting,
            nextReminderSeconds: reminderDeadline(state, at: now, settings: settings).map { max(0, $0 - now.boot) },
            overdueReminders: state.remindersInRun,
            sitLimitSeconds: settings.breaks.sitLimit,
            breakLengthSeconds: settings.breaks.length,
            breakElapsedSeconds: state.breakInProgress.map { now.boot - $0.startedAt },
            breakPhase: state.breakInProgress.map { $0.awayFromInput == true ? .countingDown : .stepAway },
            breakRemainingSeconds: state.breakInProgress.map { max(0, $0.quietSince + settings.breaks.length - now.boot) },
            pauseRemainingSeconds: state.pause?.until.map { max(0, $0 - now.boot) },
            reminderHeldFor: state.heldReminder?.because,
            engaged: state.engaged.sorted(),
            today: today
        )
    }

    static func visibleState(_ state: SittingState, at boot: Seconds) -> VisibleState {
        if state.pause != nil { return .paused }
        if state.breakInProgress != nil { return .break }
        if case .standing = state.posture { return .standing }
        if case .absent(_, let reason, let resolved) = state.presence, resolved || reason != .idle {
            return .away
        }
        if case .at(let due, true) = state.plan, boot < due { return .snoozed }
        return .sitting
    }
}
