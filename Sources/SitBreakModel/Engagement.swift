
/// What keeps a user at the desk while they touch neither keyboard nor mouse, or makes a
/// reminder unwelcome right now: the desktop and the devices say so, the shell reports it
/// (`SittingEvent.engaged`), and the model decides what it means.
public enum Engagement: String, CaseIterable, Comparable, Sendable, Codable {
    /// A microphone is recording or a camera is open: a call.
    case call
    /// The screen is being shared or recorded.
    case presentation
    /// The focused window covers the screen (a video, slides).
    case fullscreen
    /// An application asked the desktop not to go idle (a video player, a browser playing).
    case idleInhibited = "idle_inhibited"

    /// No input while this lasts is not an absence: the user watches or listens at the desk.
    public var keepsSitting: Bool { self == .call || self == .idleInhibited }

    /// The signals `[notify] hold_during` may name.
    public static let holdable: [Engagement] = [.call, .fullscreen, .presentation]

    /// Why a reminder waits, for `status`: "held: in a call".
    public var heldBecause: String {
        switch self {
        case .call: "in a call"
        case .presentation: "the screen is shared"
        case .fullscreen: "a window is fullscreen"
        case .idleInhibited: "an application keeps the screen awake"
        }
    }

    /// How the reminder held for it begins once it is over.
    public var afterwards: String {
        switch self {
        case .call: "Call over"
        case .presentation: "Sharing over"
        case .fullscreen: "Fullscreen over"
        case .idleInhibited: "Done watching"
        }
    }

    public static func < (lhs: Engagement, rhs: Engagement) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A reminder that fell due while the user was in a call or presenting: it waits, and comes
/// once, gently, after.
public struct HeldReminder: Equatable, Sendable, Codable {
    public var since: Seconds
    public var because: Engagement

    public init(since: Seconds, because: Engagement) {
        self.since = since
        self.because = because
    }
}
