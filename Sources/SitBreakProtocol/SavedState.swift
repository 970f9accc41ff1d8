import SitBreakModel

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
