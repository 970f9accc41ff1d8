import Foundation
import Testing

@testable import SitBreakHistory

/// `stats --json` as Foundation's JSONEncoder wrote it, byte for byte: scripts parse it.
@Suite struct StatsJSONParityTests {
    func foundationJSON(_ report: StatsReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    @Test(arguments: [
        HistoryQuery.today(SimulatedWeek.sunday), .week(containing: SimulatedWeek.sunday),
        .lastDays(30, today: SimulatedWeek.sunday), .since(SimulatedWeek.sunday.adding(days: 3), today: SimulatedWeek.sunday),
    ])
    func reportsAreFoundationsText(query: HistoryQuery) throws {
        for records in [SimulatedWeek.standard.records, []] {
            let report = StatsReport(records: records, query: query, routineAim: 2...3)
            #expect(report.json() == (try foundationJSON(report)))
        }
    }

    /// Averages are the one place a fraction of a second shows.
    @Test func fractionalAveragesAreSpelledTheSame() throws {
        var stats = SitStats()
        stats.sitsEnded = 3
        stats.endedSitSeconds = 3_701
        stats.sittingSeconds = 12_345.678
        let day = DayStats(day: SimulatedWeek.sunday, stats: stats)
        let report = StatsReport(
            from: day.day, today: day.day, days: [day], total: stats, todayByHour: Array(repeating: 0.5, count: 24),
            routinesThisWeek: 1, routineAim: 2...3)
        #expect(report.json() == (try foundationJSON(report)))
        #expect(report.json().contains("\"average_sit_seconds\" : 1233.6666666666667"))
    }
}
