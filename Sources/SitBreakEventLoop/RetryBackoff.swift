import SitBreakModel

/// How long to wait before trying again to reach something that went away (a bus, a display
/// server): `first`, then twice as long each time up to `last`. What comes back soon is found
/// soon; what never comes back costs a wake-up every `last` at most.
public struct RetryBackoff: Equatable, Sendable {
    public let first: Seconds
    public let last: Seconds
    private var next: Seconds

    public init(first: Seconds, last: Seconds) {
        self.first = first
        self.last = last
        next = first
    }

    /// The wait before the next attempt; each call doubles the one after.
    public mutating func delay() -> Seconds {
        defer { next = min(next * 2, last) }
        return next
    }

    /// It worked: the next loss starts from `first` again.
    public mutating func reset() { next = first }
}
