
/// Seconds as a plain number: the core does arithmetic on time, never reads a clock.
public typealias Seconds = Double

/// One reading of the clocks the model needs, taken by the shell at the same moment.
///
/// `boot` (CLOCK_BOOTTIME) orders events and measures how long someone sat: it keeps
/// running through suspend and never jumps. `wall` and `utcOffset` only place a moment
/// in the user's local calendar (days, active hours), so a wall-clock jump moves the
/// calendar but never a count.
public struct Moment: Equatable, Sendable, Codable {
    public var boot: Seconds
    public var wall: Seconds
    public var utcOffset: Seconds

    public init(boot: Seconds, wall: Seconds, utcOffset: Seconds = 0) {
        self.boot = boot
        self.wall = wall
        self.utcOffset = utcOffset
    }

    /// The same reading `delta` seconds later on every clock (no jump in between).
    public func advanced(by delta: Seconds) -> Moment {
        Moment(boot: boot + delta, wall: wall + delta, utcOffset: utcOffset)
    }

    /// Local time as seconds since 1970-01-01T00:00 in the user's zone.
    public var localSeconds: Seconds { wall + utcOffset }

    public var localDay: LocalDay { LocalDay(localSeconds: localSeconds) }

    /// Seconds since local midnight.
    public var secondsIntoDay: Seconds {
        localSeconds - Seconds(localDay.daysSinceEpoch) * 86_400
    }

    /// "14:02": the local wall-clock time `offset` seconds from this moment. Words that name
    /// clock times stay true between state changes and need no periodic update.
    public func clockTime(inSeconds offset: Seconds) -> String {
        let local = localSeconds + offset
        let intoDay = Int((local - LocalDay(localSeconds: local).startLocalSeconds).rounded(.down))
        let (hours, minutes) = (intoDay / 3_600, intoDay % 3_600 / 60)
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    /// The boot-clock instant at which the wall clock, as it reads now, shows `localSeconds`.
    public func bootInstant(atLocalSeconds target: Seconds) -> Seconds {
        boot + (target - localSeconds)
    }
}

/// A calendar day in the user's time zone.
public struct LocalDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    public init(localSeconds: Seconds) {
        daysSinceEpoch = Int((localSeconds / 86_400).rounded(.down))
    }

    public static func < (a: LocalDay, b: LocalDay) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    /// 1970-01-01 was a Thursday.
    public var weekday: Weekday {
        let index = ((daysSinceEpoch % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday.allCases[index]
    }

    public var startLocalSeconds: Seconds { Seconds(daysSinceEpoch) * 86_400 }

    public func adding(days: Int) -> LocalDay { LocalDay(daysSinceEpoch: daysSinceEpoch + days) }

    /// Proleptic Gregorian year, month, day (Howard Hinnant's civil_from_days).
    public var civil: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        self.init(daysSinceEpoch: era * 146_097 + dayOfEra - 719_468)
    }

    /// ISO 8601, e.g. `2026-11-23`.
    public var description: String {
        let (y, m, d) = civil
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d))"
    }
}

public enum Weekday: String, CaseIterable, Sendable, Codable {
    case monday = "Mon", tuesday = "Tue", wednesday = "Wed", thursday = "Thu"
    case friday = "Fri", saturday = "Sat", sunday = "Sun"
}
