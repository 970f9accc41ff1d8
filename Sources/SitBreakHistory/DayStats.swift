import SitBreakModel

/// What a day, or a run of days, looked like.
public struct SitStats: Equatable, Sendable {
    public var sittingSeconds: Seconds = 0
    public var breaksTaken = 0
    public var naturalBreaks = 0
    public var partialBreaks = 0
    /// Started breaks the user worked through: not breaks.
    public var abandonedBreaks = 0
    /// Counted breaks (taken and natural) by what saw the user gone: `x11`, `locked`, `user`, ...
    public var breaksByEvidence: [String: Int] = [:]
    public var reminders = 0
    public var skipped = 0
    public var snoozed = 0
    public var routinesDone = 0
    public var longestSitSeconds: Seconds = 0
    /// Sits that ended in a break (taken or natural), and their lengths added up.
    public var sitsEnded = 0
    public var endedSitSeconds: Seconds = 0

    public init() {}

    /// The average sit between breaks; nil when no sit ended.
    public var averageSitSeconds: Seconds? {
        sitsEnded == 0 ? nil : endedSitSeconds / Seconds(sitsEnded)
    }

    /// Counts and times added up, the longest sit the longer of the two.
    public func adding(_ other: SitStats) -> SitStats {
        var sum = self
        sum.sittingSeconds += other.sittingSeconds
        sum.breaksTaken += other.breaksTaken
        sum.naturalBreaks += other.naturalBreaks
        sum.partialBreaks += other.partialBreaks
        sum.abandonedBreaks += other.abandonedBreaks
        sum.breaksByEvidence.merge(other.breaksByEvidence, uniquingKeysWith: +)
        sum.reminders += other.reminders
        sum.skipped += other.skipped
        sum.snoozed += other.snoozed
        sum.routinesDone += other.routinesDone
        sum.longestSitSeconds = max(longestSitSeconds, other.longestSitSeconds)
        sum.sitsEnded += other.sitsEnded
        sum.endedSitSeconds += other.endedSitSeconds
        return sum
    }

    /// Counts `record` if it is one of the kinds the statistics count.
    mutating func count(_ record: HistoryRecord) {
        if let evidence = record.evidence, record.kind == .breakTaken || record.kind == .naturalBreak {
            breaksByEvidence[evidence.confirmed ? "user" : evidence.source, default: 0] += 1
        }
        switch record.kind {
        case .breakTaken: breaksTaken += 1
        case .naturalBreak: naturalBreaks += 1
        case .breakPartial: partialBreaks += 1
        case .breakAbandoned: abandonedBreaks += 1
        case .reminder: reminders += 1
        case .skipped: skipped += 1
        case .snoozed: snoozed += 1
        case .routineDone: routinesDone += 1
        default: break
        }
    }
}

/// One day's statistics; reads like `SitStats` (`day.breaksTaken`).
@dynamicMemberLookup
public struct DayStats: Equatable, Sendable {
    public var day: LocalDay
    public var stats: SitStats

    public init(day: LocalDay, stats: SitStats = SitStats()) {
        self.day = day
        self.stats = stats
    }

    public subscript<Value>(dynamicMember keyPath: KeyPath<SitStats, Value>) -> Value {
        stats[keyPath: keyPath]
    }
}
