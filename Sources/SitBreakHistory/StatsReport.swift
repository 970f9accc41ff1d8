import SitBreakModel

/// Everything `sitbreakctl stats` shows, computed from the event rows alone.
public struct StatsReport: Equatable, Sendable {
    public var from: LocalDay
    public var today: LocalDay
    /// One entry per day from `from` through `today`, oldest first.
    public var days: [DayStats]
    /// The shown days together.
    public var total: SitStats
    /// Today's sitting in each local hour, 24 values in seconds.
    public var todayByHour: [Seconds]
    /// Routines done this calendar week (Monday through today).
    public var routinesThisWeek: Int
    /// How many routines a week the coach aims for.
    public var routineAim: ClosedRange<Int>

    public init(
        from: LocalDay, today: LocalDay, days: [DayStats], total: SitStats, todayByHour: [Seconds],
        routinesThisWeek: Int, routineAim: ClosedRange<Int>
    ) {
        self.from = from
        self.today = today
        self.days = days
        self.total = total
        self.todayByHour = todayByHour
        self.routinesThisWeek = routinesThisWeek
        self.routineAim = routineAim
    }

    /// The report for `query` from `records` (read for `query.daysToRead`, in append order);
    /// `StatsTally` says how each row counts.
    public init(records: [HistoryRecord], query: HistoryQuery, routineAim: ClosedRange<Int>) {
        var tally = StatsTally(query: query)
        for record in records { tally.add(record) }
        self = tally.report(routineAim: routineAim)
    }
}
