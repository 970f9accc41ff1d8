import SitBreakModel

/// What a restarted daemon makes of the bytes of its state file: nothing there, a state to go
/// on from, or a file it cannot use and must keep aside (today then comes from the history).
/// A torn or empty file, which a power cut after an unsynced save can leave, is the last kind.
public enum SavedStateReading: Equatable, Sendable {
    /// No state file: a fresh day.
    case none
    /// The saved state carried over to now, and the time nobody watched.
    case restored(SittingState, unobserved: SittingEvent?)
    /// Why the file cannot be used: damaged, empty, from a newer sitbreak.
    case unusable(String)

    public init(bytes: [UInt8]?, at now: Moment, bootID: String?) {
        guard let bytes else {
            self = .none
            return
        }
        guard !bytes.isEmpty else {
            self = .unusable("it is empty")
            return
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if let format = try? ControlCodec.decode(StateFormat.self, from: text), format.format > SavedState.currentFormat {
            self = .unusable("it was written by a newer sitbreak (format \(format.format))")
            return
        }
        do {
            let (state, unobserved) = try ControlCodec.decode(SavedState.self, from: text).resumed(at: now, bootID: bootID)
            self = .restored(state, unobserved: unobserved)
        } catch {
            self = .unusable("\(error)")
        }
    }

    private struct StateFormat: Decodable { var format: Int }
}
