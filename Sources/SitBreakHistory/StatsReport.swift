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

    /// The report for `query` from `records` (read for `query.daysToRead`, in append order).
    /// Sitting is split at midnight and at each hour by where each sit lay on the clock;
    /// a sit's longest-sit and average count on the day it ended.
    public init(records: [HistoryRecord], query: HistoryQuery, routineAim: ClosedRange<Int>) {
        var byDay: [LocalDay: SitStats] = [:]
        for record in records { byDay[record.localDay, default: SitStats()].count(record) }
        let stretches = SittingStretches(records).all
        for day in query.days {
            let dayStart = day.startLocalSeconds
            var stats = byDay[day, default: SitStats()]
            for stretch in stretches {
                stats.sittingSeconds += overlap(stretch.start, stretch.end, with: dayStart, dayStart + 86_400)
                guard LocalDay(localSeconds: stretch.end) == day else { continue }
                stats.longestSitSeconds = max(stats.longestSitSeconds, stretch.seconds)
                if stretch.endedByBreak {
                    stats.sitsEnded += 1
                    stats.endedSitSeconds += stretch.seconds
                }
            }
            byDay[day] = stats
        }
        let days = query.days.map { DayStats(day: $0, stats: byDay[$0, default: SitStats()]) }
        let todayStart = query.today.startLocalSeconds
        let thisWeek = HistoryQuery.monday(of: query.today)...query.today
        self.init(
            from: query.from, today: query.today, days: days,
            total: days.reduce(SitStats()) { $0.adding($1.stats) },
            todayByHour: (0..<24).map { hour in
                let hourStart = todayStart + Seconds(hour) * 3600
                return stretches.reduce(0) { $0 + overlap($1.start, $1.end, with: hourStart, hourStart + 3600) }
            },
            routinesThisWeek: records.filter { $0.kind == .routineDone && thisWeek.contains($0.localDay) }.count,
            routineAim: routineAim)
    }
}
