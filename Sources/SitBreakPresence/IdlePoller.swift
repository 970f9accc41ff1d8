import SitBreakModel

/// Turns "last input at T" readings from a source that can only be asked (terminal access
/// times, X11 idle counters) into the model's events, and says when to look next.
///
/// It looks no more often than needed: while the user is active, the next look is due when
/// idle time could first reach the break length; once they are away, every `awayRecheck`
/// to notice the return (the input's own time is reported, so a late look loses nothing).
public struct IdlePoller: Equatable, Sendable {
    public var breakLength: Seconds
    public var awayRecheck: Seconds
    /// The last input seen, boot clock.
    public private(set) var lastInput: Seconds?
    /// Set once idleness was reported, until input is seen again.
    public private(set) var reportedIdleSince: Seconds?

    public init(breakLength: Seconds, awayRecheck: Seconds = 30) {
        self.breakLength = breakLength
        self.awayRecheck = awayRecheck
    }

    /// One reading: the source's last input (nil when it knows none) at boot time `now`.
    public mutating func observe(lastInput reading: Seconds?, now: Seconds) -> (events: [SittingEvent], nextLook: Seconds) {
        var events: [SittingEvent] = []
        if let reading, reading > (lastInput ?? -.infinity) {
            if lastInput != nil || reportedIdleSince != nil { events.append(.input(at: min(reading, now))) }
            lastInput = reading
            reportedIdleSince = nil
        }
        let idleSince = lastInput ?? now
        if reportedIdleSince == nil, now - idleSince >= breakLength {
            events.append(.idle(since: idleSince))
            reportedIdleSince = idleSince
        }
        if lastInput == nil { lastInput = now }
        let nextLook = reportedIdleSince == nil ? max(idleSince + breakLength, now + 1) : now + awayRecheck
        return (events, nextLook)
    }
}
