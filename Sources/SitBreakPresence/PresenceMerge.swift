import SitBreakModel

/// Who said something about the user's presence.
public enum PresenceReporter: Hashable, Sendable {
    /// An input source: its `.input` and `.idle` count while it is one of the merge's inputs.
    case input(ActivitySourceKind)
    /// A screen locker's state (logind `LockedHint`, a desktop's `ScreenSaver.ActiveChanged`):
    /// while any says locked, input does not count.
    case lock(String)
    /// A request to lock (logind's `Lock` signal) that no locker may act on: input ends it.
    case lockRequest(String)
}

/// Several sources at once, as one stream for the model: the user is active if any input
/// source says so, idle only when all of them do (since the latest of their idle times), and
/// a locked screen hides input until it is unlocked. Sleep and timer events pass through.
public struct PresenceMerge: Equatable, Sendable {
    public init() {}

    /// The input sources in use; reports from any other input source are dropped.
    public private(set) var inputs: Set<ActivitySourceKind> = []
    private var idleSince: [ActivitySourceKind: Seconds] = [:]
    private var locks: Set<PresenceReporter> = []

    public var isLocked: Bool { !locks.isEmpty }

    /// Changes which input sources count; what the others said is forgotten.
    public mutating func setInputs(_ kinds: Set<ActivitySourceKind>) {
        inputs = kinds
        idleSince = idleSince.filter { kinds.contains($0.key) }
    }

    /// What the model should hear, given `event` from `reporter`.
    public mutating func take(_ event: SittingEvent, from reporter: PresenceReporter) -> [SittingEvent] {
        switch (event, reporter) {
        case (.input, .input(let kind)):
            guard inputs.contains(kind) else { return [] }
            idleSince[kind] = nil
            guard locks.allSatisfy(\.isRequest) else { return [] }
            locks.removeAll()
            return [event]
        case (.idle(let since), .input(let kind)):
            guard inputs.contains(kind) else { return [] }
            idleSince[kind] = since
            guard locks.isEmpty, inputs.allSatisfy({ idleSince[$0] != nil }), let latest = idleSince.values.max() else {
                return []
            }
            return [.idle(since: latest)]
        case (.locked, .lock), (.locked, .lockRequest):
            let wasLocked = isLocked
            locks.insert(reporter)
            return wasLocked ? [] : [event]
        case (.unlocked, .lock), (.unlocked, .lockRequest):
            guard locks.remove(reporter) != nil, locks.isEmpty else { return [] }
            return [event]
        case (.slept, _), (.timer, _):
            return [event]
        default:
            return []
        }
    }

    /// A reporter that went away: what it said no longer holds, and nothing is announced
    /// (a locker that crashed is no sign that anyone unlocked).
    public mutating func forget(_ reporter: PresenceReporter) {
        locks.remove(reporter)
        if case .input(let kind) = reporter { idleSince[kind] = nil }
    }
}

extension PresenceReporter {
    fileprivate var isRequest: Bool {
        if case .lockRequest = self { true } else { false }
    }
}
