import SitBreakModel

/// A stretch of boot-clock time the machine spent suspended.
public struct Suspension: Equatable, Sendable {
    /// Boot-clock time the machine went to sleep (approximately: see `SleepDetector`).
    public var asleepAt: Seconds
    /// Boot-clock time of the first reading after waking.
    public var awakeAt: Seconds

    public init(asleepAt: Seconds, awakeAt: Seconds) {
        self.asleepAt = asleepAt
        self.awakeAt = awakeAt
    }

    public var duration: Seconds { awakeAt - asleepAt }
}

/// Notices suspends from successive clock readings. CLOCK_BOOTTIME counts suspend and
/// CLOCK_MONOTONIC does not, so their gap grows by exactly the time asleep.
///
/// Where the sleep lies between two readings is unknown; it is placed after the awake
/// (monotonic) time that passed, because timers due during a suspend fire right on resume,
/// so the reading after a wake comes soon after it.
public struct SleepDetector: Sendable {
    /// Gap growth below this is scheduling noise, not a suspend.
    public var threshold: Seconds
    public private(set) var previous: ClockReading?

    public init(threshold: Seconds = 2) {
        self.threshold = threshold
    }

    /// Takes the next reading; returns the suspend that happened since the previous one.
    public mutating func observe(_ reading: ClockReading) -> Suspension? {
        defer { previous = reading }
        guard let previous else { return nil }
        let asleep = reading.suspendedSinceBoot - previous.suspendedSinceBoot
        guard asleep > threshold else { return nil }
        return Suspension(asleepAt: reading.boot - asleep, awakeAt: reading.boot)
    }
}
