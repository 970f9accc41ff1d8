import SitBreakModel
import Testing

@testable import SitBreakHistory

/// The per-day summaries the daemon keeps (schema version 4) say exactly what the rows say.
@Suite struct DaySummaryTests {
    let directory = TemporaryDirectory()
    let week = SimulatedWeek.standard
    let monday = SimulatedWeek.monday, sunday = SimulatedWeek.sunday
    let aim = 2...3

    /// The queries `stats` makes, as of Sunday: today, the week, a few days, a span before the data.
    var queries: [HistoryQuery] {
        [
            .today(sunday), .week(containing: sunday), .lastDays(3, today: sunday),
            .since(monday.adding(days: -7), today: sunday), .today(sunday.adding(days: 1)),
        ]
    }

    func storeWithTheWeek() throws -> HistoryStore {
        let store = try HistoryStore(path: directory.historyPath)
        try store.connection.execute("BEGIN", action: "begin")
        for record in week.records { try store.append(record) }
        try store.connection.execute("COMMIT", action: "commit")
        return store
    }

    /// Housekeeping until done, summarizing through `day`, pruning nothing of the week.
    func summarize(_ store: HistoryStore, through day: LocalDay, daysPerSlice: Int = 2) throws -> Int {
        var summarized = 0
        while true {
            let slice = try store.housekeep(
                keepingFrom: monday.adding(days: -30), summarizingThrough: day, events: 1_000, days: daysPerSlice,
                pages: 64)
            #expect(slice.summarizedDays <= daysPerSlice)
            summarized += slice.summarizedDays
            if slice.finished { return summarized }
        }
    }

    func expectReportsFromRows(_ context: String) throws {
        for query in queries {
            let fromRows = StatsReport(records: week.records, query: query, routineAim: aim)
            let read = try HistoryReader.tally(at: directory.historyPath, query: query).report(routineAim: aim)
            #expect(read == fromRows, "\(context): \(query.from) through \(query.today)")
        }
    }

    @Test func summariesGiveTheReportTheRowsGiveWhereverTheyEnd() throws {
        let store = try storeWithTheWeek()
        try expectReportsFromRows("no summaries")
        // Day by day, so the last summary falls on every day, the sit over Saturday's midnight too.
        var last = monday.adding(days: -1)
        while last < sunday {
            _ = try summarize(store, through: last)
            #expect(store.summarizedThrough == last)
            try expectReportsFromRows("summarized through \(last)")
            last = last.adding(days: 1)
        }
    }

    @Test func summariesReachFromTheFirstDayWithEventsAndKeepEmptyDays() throws {
        let store = try storeWithTheWeek()
        #expect(try summarize(store, through: sunday.adding(days: -2)) == 6)
        let count = try store.connection.prepare(
            "SELECT count(*), min(local_day), sum(reminders) FROM day_summaries", action: "count")
        #expect(try count.step(action: "count"))
        #expect(count.int(at: 0) == 6)
        #expect(count.int(at: 1) == monday.adding(days: -1).daysSinceEpoch)
        let wednesday = monday.adding(days: 2)
        var summaries: [LocalDay: SitStats] = [:]
        try DaySummaries.forEach(in: store.connection, days: monday...wednesday) { summaries[$0.day] = $0.stats }
        #expect(summaries[wednesday] == SitStats())
        #expect(summaries[monday] == week.expected(for: monday))
        #expect(summaries[monday]?.breaksByEvidence.isEmpty == false)
        // Nothing more until a day is over: the last two days stay with their rows.
        #expect(try summarize(store, through: sunday.adding(days: -2)) == 0)
    }

    @Test func aRowArrivingForASummarizedDayMakesItsSummariesGoUntilWrittenAgain() throws {
        let store = try storeWithTheWeek()
        let friday = monday.adding(days: 4)
        _ = try summarize(store, through: friday)
        // A natural break on Wednesday, appended late (it waited in memory, or the clock was set back).
        let wednesday = monday.adding(days: 2)
        let late = HistoryRecord(
            .naturalBreak(awaySeconds: 600, reason: .idle, sittingSeconds: 1_800,
                evidence: BreakEvidence(source: "x11", quietSeconds: 600, confirmed: false)),
            at: week.moment(wednesday.startLocalSeconds + 15 * 3_600), bootID: "boot")
        try store.append(late)
        #expect(store.summarizedThrough == wednesday.adding(days: -2))
        let all = week.records + [late]
        let query = HistoryQuery.week(containing: sunday)
        let expected = StatsReport(records: all, query: query, routineAim: aim)
        #expect(try HistoryReader.tally(at: directory.historyPath, query: query).report(routineAim: aim) == expected)
        #expect(expected.days[2].naturalBreaks == 1)
        // Written again, in append order as ever: the late break is on Wednesday's summary.
        _ = try summarize(store, through: friday)
        #expect(store.summarizedThrough == friday)
        var summarized: DayStats?
        try DaySummaries.forEach(in: store.connection, days: wednesday...wednesday) { summarized = $0 }
        #expect(summarized?.naturalBreaks == 1)
    }

    @Test func pruningTakesThePrunedDaysSummariesWithThem() throws {
        let store = try storeWithTheWeek()
        _ = try summarize(store, through: monday.adding(days: 4))
        let thursday = monday.adding(days: 3)
        while try !store.housekeep(
            keepingFrom: thursday, summarizingThrough: monday.adding(days: 4), events: 1_000, days: 31, pages: 64
        ).finished {}
        let left = try store.connection.prepare("SELECT min(local_day), count(*) FROM day_summaries", action: "read")
        #expect(try left.step(action: "read"))
        #expect(left.int(at: 0) == thursday.daysSinceEpoch)
        #expect(left.int(at: 1) == 2)
        let evidence = try store.connection.prepare(
            "SELECT count(*) FROM day_breaks_by_evidence WHERE local_day < ?1", action: "read")
        evidence.bind(thursday.daysSinceEpoch, at: 1)
        #expect(try evidence.step(action: "read"))
        #expect(evidence.int(at: 0) == 0)
    }
}
