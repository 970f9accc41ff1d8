import SitBreakCore

/// How long to wait before trying again to reach something that went away (a bus, a display
/// server): `first`, then twice as long each time up to `last`. What comes back soon is found
/// soon; what never comes back costs a wake-up every `last` at most.
struct RetryBackoff: Equatable, Sendable {
    let first: Seconds
    let last: Seconds
    private var next: Seconds

    init(first: Seconds, last: Seconds) {
        self.first = first
        self.last = last
        next = first
    }

    /// The wait before the next attempt; each call doubles the one after.
    mutating func delay() -> Seconds {
        defer { next = min(next * 2, last) }
        return next
    }

    /// It worked: the next loss starts from `first` again.
    mutating func reset() { next = first }
}
