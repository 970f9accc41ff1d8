/// The states a user can see in `sitbreakctl status`.
public enum VisibleState: String, Sendable, Codable, CaseIterable {
    case sitting, away, `break`, snoozed, paused, standing
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
    /// Seconds of pause left; nil when not paused or paused until `resume`.
    public var pauseRemainingSeconds: Seconds?
    public var today: DayTotals
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
            pauseRemainingSeconds: state.pause?.until.map { max(0, $0 - now.boot) },
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
