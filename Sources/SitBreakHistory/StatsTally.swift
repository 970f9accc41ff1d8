import SitBreakModel

/// Builds a `StatsReport` from day summaries and event rows as they are read, one at a time.
///
/// Memory follows the days shown, never the rows: ten years of events pass through a few
/// kilobytes a day. Days through `summarizedThrough` come whole from their summaries
/// (`DaySummaries`); on the days after it each row is counted on its own day and each sit is
/// placed on the days and hours it overlaps as soon as it ends, so the work is linear in
/// summaries plus rows.
public struct StatsTally {
    public let query: HistoryQuery
    /// The last day that comes from its summary; rows count only on the days after it.
    public let summarizedThrough: LocalDay?
    /// `query.days`, oldest first.
    private var days: [SitStats]
    private var stretches = SittingStretches()
    private var todayByHour = [Seconds](repeating: 0, count: 24)
    private var routinesThisWeek = 0

    public init(query: HistoryQuery, summarizedThrough: LocalDay? = nil) {
        self.query = query
        self.summarizedThrough = summarizedThrough
        days = Array(repeating: SitStats(), count: query.today.daysSinceEpoch - query.from.daysSinceEpoch + 1)
    }

    /// Takes a day's summary, for a day through `summarizedThrough`, from `query.summaryDays`.
    public mutating func add(summary: DayStats) {
        if let index = index(of: summary.day) { days[index] = summary.stats }
        if thisWeek.contains(summary.day) { routinesThisWeek += summary.routinesDone }
    }

    /// Takes the next row; rows must come in append order, from `query.daysToRead(summarizedThrough:)`.
    public mutating func add(_ record: HistoryRecord) {
        if countsRows(of: record.localDay) {
            if let index = index(of: record.localDay) { days[index].count(record) }
            if record.kind == .routineDone, thisWeek.contains(record.localDay) { routinesThisWeek += 1 }
        }
        if let ended = stretches.add(record) { place(ended) }
    }

    /// The report of the rows so far; the sit still in progress counts as it stands. Consumes
    /// the tally: years of days are not copied on the way.
    public consuming func report(routineAim: ClosedRange<Int>) -> StatsReport {
        if let current = stretches.inProgress { place(current) }
        let first = query.from.daysSinceEpoch
        let shown = days.indices.map { DayStats(day: LocalDay(daysSinceEpoch: first + $0), stats: days[$0]) }
        days = []
        return StatsReport(
            from: query.from, today: query.today, days: shown,
            total: shown.reduce(SitStats()) { $0.adding($1.stats) },
            todayByHour: todayByHour, routinesThisWeek: routinesThisWeek, routineAim: routineAim)
    }

    private func index(of day: LocalDay) -> Int? {
        guard day >= query.from, day <= query.today else { return nil }
        return day.daysSinceEpoch - query.from.daysSinceEpoch
    }

    private var thisWeek: ClosedRange<LocalDay> { HistoryQuery.monday(of: query.today)...query.today }

    /// A summarized day's summary already holds what its rows say.
    private func countsRows(of day: LocalDay) -> Bool {
        summarizedThrough.map { day > $0 } ?? true
    }

    /// Sitting split at midnight over the days it overlaps, and at each hour of today; its
    /// length and whether a break ended it count on the day it ended.
    private mutating func place(_ stretch: SittingStretch) {
        let firstDay = LocalDay(localSeconds: stretch.start), lastDay = LocalDay(localSeconds: stretch.end)
        let firstCounted = summarizedThrough.map { max(query.from, $0.adding(days: 1)) } ?? query.from
        let shownFirst = max(firstDay, firstCounted), shownLast = min(lastDay, query.today)
        if shownFirst <= shownLast {
            for day in (shownFirst.daysSinceEpoch...shownLast.daysSinceEpoch).map(LocalDay.init(daysSinceEpoch:)) {
                let dayStart = day.startLocalSeconds
                days[day.daysSinceEpoch - query.from.daysSinceEpoch].sittingSeconds +=
                    overlap(stretch.start, stretch.end, with: dayStart, dayStart + 86_400)
            }
        }
        if countsRows(of: lastDay), let index = index(of: lastDay) {
            days[index].longestSitSeconds = max(days[index].longestSitSeconds, stretch.seconds)
            if stretch.endedByBreak {
                days[index].sitsEnded += 1
                days[index].endedSitSeconds += stretch.seconds
            }
        }
        let todayStart = query.today.startLocalSeconds
        guard stretch.end > todayStart, stretch.start < todayStart + 86_400 else { return }
        for hour in 0..<24 {
            let hourStart = todayStart + Seconds(hour) * 3600
            todayByHour[hour] += overlap(stretch.start, stretch.end, with: hourStart, hourStart + 3600)
        }
    }
}
