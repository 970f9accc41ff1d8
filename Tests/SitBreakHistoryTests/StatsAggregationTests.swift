import Testing

@testable import SitBreakHistory

@Suite struct StatsAggregationTests {
    let week = SimulatedWeek.standard
    let aim = 2...3

    func report(_ query: HistoryQuery) -> StatsReport {
        StatsReport(
            records: week.records.filter { query.daysToRead.contains($0.localDay) }, query: query, routineAim: aim)
    }

    @Test func simulatedWeekGivesExactTotalsPerDay() {
        let report = report(.week(containing: SimulatedWeek.sunday))
        #expect(report.days.map(\.day) == (0..<7).map { SimulatedWeek.monday.adding(days: $0) })
        for day in report.days {
            #expect(day.stats == week.expected(for: day.day), "\(day.day)")
        }
    }

    @Test func weekTotalsAddTheDaysUp() {
        let report = report(.week(containing: SimulatedWeek.sunday))
        let expected = report.days.map { week.expected(for: $0.day) }.reduce(SitStats()) { $0.adding($1) }
        #expect(report.total == expected)
        #expect(report.total.sittingSeconds == (50 + 40 + 95 + 30 + 62 + 70 + 55 + 25 + 48 + 120 + 80 + 45 + 52) * 60)
        #expect(report.total.breaksTaken == 6)
        #expect(report.total.naturalBreaks == 6)
        #expect(report.total.longestSitSeconds == 120 * 60)
        #expect(report.total.averageSitSeconds == report.total.endedSitSeconds / 12)
    }

    @Test func aSitOverMidnightIsSplitAtMidnightAndCountsAsLongestWhereItEnded() {
        let report = report(.week(containing: SimulatedWeek.sunday))
        let saturday = report.days[5]
        let sunday = report.days[6]
        #expect(saturday.sittingSeconds == 40 * 60)
        #expect(saturday.longestSitSeconds == 0)
        #expect(sunday.sittingSeconds == (40 + 45 + 52) * 60)
        #expect(sunday.longestSitSeconds == 80 * 60)
    }

    @Test func aDayWithoutEventsIsEmpty() {
        let wednesday = report(.week(containing: SimulatedWeek.sunday)).days[2]
        #expect(wednesday.stats == SitStats())
        #expect(wednesday.averageSitSeconds == nil)
    }

    @Test func todayByHourPlacesEachSitOnTheClock() {
        let report = report(.today(SimulatedWeek.sunday))
        #expect(report.todayByHour == week.expectedByHour(on: SimulatedWeek.sunday))
        #expect(report.todayByHour[0] == 40 * 60)
        #expect(report.todayByHour.reduce(0, +) == report.days[0].sittingSeconds)
    }

    @Test func routinesCountTheCalendarWeekWhateverDaysAreShown() {
        #expect(report(.today(SimulatedWeek.sunday)).routinesThisWeek == 2)
        #expect(report(.today(SimulatedWeek.monday)).routinesThisWeek == 0)
        #expect(report(.today(SimulatedWeek.monday.adding(days: 4))).routinesThisWeek == 2)
        #expect(report(.lastDays(3, today: SimulatedWeek.sunday)).total.routinesDone == 1)
        #expect(report(.lastDays(2, today: SimulatedWeek.sunday)).total.routinesDone == 0)
    }

    @Test func queriesCoverTheirDaysAndReadTheDayBefore() {
        let sunday = SimulatedWeek.sunday
        let monday = SimulatedWeek.monday
        #expect(HistoryQuery.today(sunday).days == [sunday])
        #expect(HistoryQuery.week(containing: sunday).from == monday)
        #expect(HistoryQuery.week(containing: monday).days == [monday])
        #expect(
            HistoryQuery.lastDays(3, today: sunday).days == [sunday.adding(days: -2), sunday.adding(days: -1), sunday])
        #expect(HistoryQuery.lastDays(0, today: sunday).days == [sunday])
        #expect(HistoryQuery.since(sunday.adding(days: 3), today: sunday).days == [sunday])
        #expect(HistoryQuery.today(sunday).daysToRead == monday.adding(days: -1)...sunday)
        #expect(
            HistoryQuery.since(monday.adding(days: -10), today: sunday).daysToRead == monday.adding(days: -11)...sunday)
    }

    /// The report reads the day before and the whole week; an export holds the span alone.
    @Test func exportsCoverExactlyTheDaysShown() {
        let sunday = SimulatedWeek.sunday
        let monday = SimulatedWeek.monday
        #expect(HistoryQuery.today(sunday).shownDays == sunday...sunday)
        #expect(HistoryQuery.week(containing: sunday).shownDays == monday...sunday)
        #expect(HistoryQuery.lastDays(3, today: sunday).shownDays == sunday.adding(days: -2)...sunday)
        #expect(HistoryQuery.since(sunday.adding(days: 3), today: sunday).shownDays == sunday...sunday)
    }
}

@Suite struct StoredWeekTests {
    @Test func theWeekReadBackFromTheFileGivesTheSameReport() throws {
        let directory = TemporaryDirectory()
        let store = try HistoryStore(path: directory.historyPath)
        for record in SimulatedWeek.standard.records { try store.append(record) }
        let query = HistoryQuery.week(containing: SimulatedWeek.sunday)
        let read = try HistoryReader.records(at: directory.historyPath, days: query.daysToRead)
        let fromFile = StatsReport(records: read, query: query, routineAim: 2...3)
        let inMemory = StatsReport(
            records: SimulatedWeek.standard.records.filter { query.daysToRead.contains($0.localDay) }, query: query,
            routineAim: 2...3)
        #expect(fromFile == inMemory)
        #expect(fromFile.days.map(\.day) == query.days)
    }

    /// `stats --csv` on Tuesday: Tuesday's rows alone, none of Monday's, which the report
    /// reads for a sit over midnight and for the week's routines.
    @Test func anExportOfOneDayHoldsThatDaysRowsAlone() throws {
        let directory = TemporaryDirectory()
        let store = try HistoryStore(path: directory.historyPath)
        for record in SimulatedWeek.standard.records { try store.append(record) }
        let tuesday = SimulatedWeek.monday.adding(days: 1)
        let query = HistoryQuery.today(tuesday)
        var exported: [HistoryRecord] = []
        try HistoryReader.forEachRecord(at: directory.historyPath, days: query.shownDays) { exported.append($0) }
        #expect(!exported.isEmpty)
        #expect(exported == SimulatedWeek.standard.records.filter { $0.localDay == tuesday })
        let report = StatsReport(
            records: try HistoryReader.records(at: directory.historyPath, days: query.daysToRead), query: query,
            routineAim: 2...3)
        #expect(report.from == tuesday && report.today == tuesday && report.days.map(\.day) == [tuesday])
    }
}
