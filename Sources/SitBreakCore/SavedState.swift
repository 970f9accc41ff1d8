/// The state file: the model's state and when it was written, so a restarted daemon can
/// tell how long nobody watched.
public struct SavedState: Codable, Equatable, Sendable {
    /// Bumped when the layout changes; an unknown newer format is refused, not overwritten.
    public static let currentFormat = 1

    public var format: Int
    /// The kernel's boot id: boot-clock instants only compare within one boot.
    public var bootID: String?
    public var savedAt: Moment
    public var state: SittingState

    // "bootId" so that the protocol's snake_case spelling, boot_id, comes back as the same key.
    enum CodingKeys: String, CodingKey {
        case format, bootID = "bootId", savedAt, state
    }

    public init(bootID: String?, savedAt: Moment, state: SittingState) {
        format = Self.currentFormat
        self.bootID = bootID
        self.savedAt = savedAt
        self.state = state
    }

    /// The saved state carried over to `now`: instants moved onto this boot's clock (after a
    /// reboot, by the wall clock), and the time nobody watched, for the model to judge.
    public func resumed(at now: Moment, bootID currentBootID: String?) -> (state: SittingState, unobserved: SittingEvent?) {
        var offset: Seconds = 0
        if bootID == nil || bootID != currentBootID {
            let wallGap = max(0, now.wall - savedAt.wall)
            offset = (now.boot - wallGap) - savedAt.boot
        }
        let state = state.shifted(by: offset)
        let from = savedAt.boot + offset
        guard now.boot > from else { return (state, nil) }
        return (state, .unobserved(from: from, until: now.boot))
    }
}

extension SittingState {
    /// The same state with every boot-clock instant moved by `offset`.
    func shifted(by offset: Seconds) -> SittingState {
        guard offset != 0 else { return self }
        var copy = self
        if case .absent(let since, let reason, let resolved) = presence {
            copy.presence = .absent(since: since + offset, reason: reason, resolved: resolved)
        }
        if case .standing(let since) = posture { copy.posture = .standing(since: since + offset) }
        copy.pause = pause.map { Pause(since: $0.since + offset, until: $0.until.map { $0 + offset }) }
        copy.breakInProgress = breakInProgress.map {
            BreakInProgress(
                startedAt: $0.startedAt + offset, quietSince: $0.quietSince + offset,
                askedAt: $0.askedAt.map { $0 + offset }, checkedAt: $0.checkedAt.map { $0 + offset },
                awayFromInput: $0.awayFromInput)
        }
        copy.lastBreakCountedAt = lastBreakCountedAt.map { $0 + offset }
        copy.endedAbsence = endedAbsence.map {
            EndedAbsence(since: $0.since + offset, endedAt: $0.endedAt + offset)
        }
        copy.stretch.countingSince = stretch.countingSince.map { $0 + offset }
        copy.today.startsAtBoot = today.startsAtBoot.map { $0 + offset }
        if case .at(let due, let snoozed) = plan { copy.plan = .at(due + offset, snoozed: snoozed) }
        return copy
    }
}
