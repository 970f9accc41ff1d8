import SitBreakModel

/// Which days `sitbreakctl stats` shows: from `from` through `today`.
public struct HistoryQuery: Equatable, Sendable {
    public var from: LocalDay
    public var today: LocalDay

    public init(from: LocalDay, today: LocalDay) {
        self.from = min(from, today)
        self.today = today
    }

    /// `stats`
    public static func today(_ today: LocalDay) -> HistoryQuery {
        HistoryQuery(from: today, today: today)
    }

    /// `stats --week`: the calendar week so far, Monday through today.
    public static func week(containing today: LocalDay) -> HistoryQuery {
        HistoryQuery(from: monday(of: today), today: today)
    }

    /// `stats --days N`: the last `count` days, today included.
    public static func lastDays(_ count: Int, today: LocalDay) -> HistoryQuery {
        HistoryQuery(from: today.adding(days: -(max(count, 1) - 1)), today: today)
    }

    /// `stats --since DATE`
    public static func since(_ day: LocalDay, today: LocalDay) -> HistoryQuery {
        HistoryQuery(from: day, today: today)
    }

    /// The same days, starting no earlier than the first day with data (today when there
    /// is none): the report's cost follows what is recorded, whatever span was asked for.
    public func starting(noEarlierThan firstRecorded: LocalDay?) -> HistoryQuery {
        HistoryQuery(from: max(from, firstRecorded ?? today), today: today)
    }

    public var days: [LocalDay] {
        (from.daysSinceEpoch...today.daysSinceEpoch).map(LocalDay.init(daysSinceEpoch:))
    }

    /// The days shown, and the only ones `--csv` exports: exactly the span asked for.
    public var shownDays: ClosedRange<LocalDay> { from...today }

    /// The days whose events the report needs: the shown days, this week for the routine
    /// count, and the day before, where a sit that runs over midnight began.
    public var daysToRead: ClosedRange<LocalDay> {
        min(from, Self.monday(of: today)).adding(days: -1)...today
    }

    /// The days whose events the report needs when the days through `summarizedThrough` come
    /// from their summaries: from the last summarized day on, where a sit over its midnight began.
    public func daysToRead(summarizedThrough: LocalDay?) -> ClosedRange<LocalDay> {
        guard let summarizedThrough else { return daysToRead }
        return min(max(daysToRead.lowerBound, summarizedThrough), today)...today
    }

    /// The days whose summaries the report needs, of those through `summarizedThrough`: the
    /// shown days and this week (for the routine count); nil when it needs none.
    public func summaryDays(through summarizedThrough: LocalDay) -> ClosedRange<LocalDay>? {
        let first = min(from, Self.monday(of: today)), last = min(summarizedThrough, today)
        return first <= last ? first...last : nil
    }

    static func monday(of day: LocalDay) -> LocalDay {
        day.adding(days: -(Weekday.allCases.firstIndex(of: day.weekday) ?? 0))
    }
}
