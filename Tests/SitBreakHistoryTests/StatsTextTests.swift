#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SitBreakModel
import Testing

@testable import SitBreakHistory

@Suite struct StatsTextTests {
    let sunday = SimulatedWeek.sunday

    var weekReport: StatsReport {
        StatsReport(records: SimulatedWeek.standard.records, query: .week(containing: sunday), routineAim: 2...3)
    }

    func report(byHour: [Seconds] = Array(repeating: 0, count: 24), routines: Int = 0, days: [DayStats]) -> StatsReport
    {
        StatsReport(
            from: days[0].day, today: days[days.count - 1].day, days: days,
            total: days.reduce(SitStats()) { $0.adding($1.stats) }, todayByHour: byHour, routinesThisWeek: routines,
            routineAim: 2...3)
    }

    func lines(_ text: String) -> [Substring] { text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// The text with every ANSI escape sequence taken out.
    func strippingEscapes(_ text: String) -> String {
        var result = ""
        var inEscape = false
        for character in text {
            if character == "\u{1B}" {
                inEscape = true
            } else if inEscape {
                inEscape = character != "m"
            } else {
                result.append(character)
            }
        }
        return result
    }

    @Test func hourRowDrawsEachHoursMinutesAsTwoBlocksOverAnHourScale() {
        var byHour = Array(repeating: Seconds(0), count: 24)
        byHour[0] = 3_600
        byHour[1] = 1
        byHour[2] = 451
        byHour[4] = 1_800
        byHour[23] = 2_700
        let text = StatsText.render(report(byHour: byHour, days: [DayStats(day: sunday)]), colour: false)
        let all = lines(text)
        let heading = all.firstIndex { $0.hasPrefix("Today by hour") }!
        #expect(all[heading + 1] == "██▁▁▂▂  ▄▄" + String(repeating: " ", count: 36) + "▆▆")
        #expect(all[heading + 2] == "0     3     6     9     12    15    18    21")
    }

    @Test func columnsRiseInEighthsOfAnHour() {
        #expect(ChartGlyphs.column(0) == " ")
        #expect(ChartGlyphs.column(0.001) == "▁")
        #expect(ChartGlyphs.column(1.0 / 8) == "▁")
        #expect(ChartGlyphs.column(0.5) == "▄")
        #expect(ChartGlyphs.column(1) == "█")
        #expect(ChartGlyphs.column(1.5) == "█")
    }

    @Test func barsGrowInEighthsOfACell() {
        #expect(ChartGlyphs.bar(0, width: 4) == "    ")
        #expect(ChartGlyphs.bar(0.0001, width: 4) == "▏   ")
        #expect(ChartGlyphs.bar(0.5, width: 4) == "██  ")
        #expect(ChartGlyphs.bar(0.5 + 3.0 / 32, width: 4) == "██▍ ")
        #expect(ChartGlyphs.bar(2, width: 4) == "████")
    }

    @Test func durationsReadInHoursAndMinutes() {
        #expect(ChartGlyphs.duration(0) == "0m")
        #expect(ChartGlyphs.duration(29) == "0m")
        #expect(ChartGlyphs.duration(2_520) == "42m")
        #expect(ChartGlyphs.duration(3_900) == "1h 5m")
        #expect(ChartGlyphs.duration(7_200) == "2h")
        #expect(ChartGlyphs.duration(200 * 3_600) == "200h")
    }

    @Test func weekShowsADayPerRowWithItsBarAndNumbers() {
        let text = StatsText.render(weekReport, colour: false)
        let all = lines(text)
        #expect(all[0] == "Mon 2026-11-23 – Sun 2026-11-29 (7 days)")
        let header = all.firstIndex { $0.hasPrefix("Day ") }!
        #expect(all[header].contains("Sitting (bar to 4h)"))
        let rows = all[(header + 1)...(header + 7)]
        #expect(
            rows.map { String($0.prefix(9)) } == [
                "Mon 11-23", "Tue 11-24", "Wed 11-25", "Thu 11-26", "Fri 11-27", "Sat 11-28", "Sun 11-29",
            ])
        let monday = String(rows.first!)
        #expect(monday.contains("3h 35m"))
        #expect(monday.contains("2/13"))
        #expect(monday.contains("1h 35m"))
        // The longest day draws the longest bar; an empty day draws none.
        let barLengths = rows.map { $0.dropFirst(11).prefix(StatsText.barWidth).filter { $0 != " " }.count }
        #expect(barLengths.max() == barLengths[0])
        #expect(barLengths[2] == 0)
        #expect(all.contains("Breaks    6 taken for 55 reminders, 6 natural, 1 cut short"))
        #expect(all.contains("Declined  2 skipped, 3 snoozed"))
        #expect(all.contains("Routines  2 this week, 2–3 aimed for  ●●○"))
    }

    @Test func aSingleDayHasNoTable() {
        let text = StatsText.render(
            StatsReport(records: SimulatedWeek.standard.records, query: .today(sunday), routineAim: 2...3),
            colour: false)
        #expect(lines(text)[0] == "Today, Sun 2026-11-29")
        #expect(!text.contains("Sitting (bar"))
        #expect(text.contains("Sitting   2h 17m, longest 1h 20m, average 1h 3m between breaks"))
    }

    @Test func routinesShowDoneAgainstTheAim() {
        let none = StatsText.render(report(routines: 0, days: [DayStats(day: sunday)]), colour: false)
        #expect(none.contains("Routines  0 this week, 2–3 aimed for  ○○○"))
        let more = StatsText.render(report(routines: 4, days: [DayStats(day: sunday)]), colour: false)
        #expect(more.contains("Routines  4 this week, 2–3 aimed for  ●●●●"))
    }

    @Test func oneReminderIsSingular() {
        var stats = SitStats()
        stats.reminders = 1
        let text = StatsText.render(report(days: [DayStats(day: sunday, stats: stats)]), colour: false)
        #expect(text.contains("Breaks    0 taken for 1 reminder, 0 natural"))
    }

    @Test func plainTextHasNoEscapesAndColourOnlyAddsThem() {
        let plain = StatsText.render(weekReport, colour: false)
        let coloured = StatsText.render(weekReport, colour: true)
        #expect(!plain.contains("\u{1B}"))
        #expect(coloured.contains("\u{1B}[36m"))
        #expect(strippingEscapes(coloured) == plain)
    }

    @Test func everyLineFitsEightyColumns() {
        let longRange = StatsReport(
            records: SimulatedWeek.standard.records,
            query: .since(SimulatedWeek.monday.adding(days: -40), today: sunday),
            routineAim: 2...3)
        for line in lines(StatsText.render(longRange, colour: false)) {
            #expect(line.count <= 80, "\(line)")
        }
    }
}

@Suite struct StatsJSONTests {
    let report = StatsReport(
        records: SimulatedWeek.standard.records, query: .week(containing: SimulatedWeek.sunday), routineAim: 2...3)

    func decode(_ json: String) throws -> StatsReport {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(StatsReport.self, from: Data(json.utf8))
    }

    @Test func jsonReadsBackAsTheSameReport() throws {
        #expect(try decode(report.json()) == report)
    }

    @Test func jsonSpellsDaysAsDatesAndKeysInSnakeCase() {
        let json = report.json()
        #expect(json.contains("\"from\" : \"2026-11-23\""))
        #expect(json.contains("\"date\" : \"2026-11-25\""))
        #expect(json.contains("\"weekday\" : \"Wed\""))
        #expect(json.contains("\"sitting_seconds\" : "))
        #expect(json.contains("\"today_by_hour\" : ["))
        #expect(json.contains("\"average_sit_seconds\" : null"))
    }

    @Test func aBadDateIsADecodingError() {
        let broken = report.json().replacing("\"2026-11-23\"", with: "\"2026-11-31\"")
        #expect(throws: DecodingError.self) { try decode(broken) }
    }
}

@Suite struct HistoryCSVTests {
    let moment = Moment(boot: 12.5, wall: 1_795_000_000, utcOffset: -18_000)

    @Test func spanLineHeaderThenOneLinePerEventWithCRLF() {
        let records = [
            HistoryRecord(
                kind: .reminder, moment: moment, bootID: "b1", sittingSeconds: 2_700, durationSeconds: 300, level: 2),
            HistoryRecord(
                kind: .naturalBreak, moment: moment, bootID: "b1", sittingSeconds: 0.5, awaySeconds: 300, detail: "idle",
                evidence: BreakEvidence(source: "x11", quietSeconds: 300, confirmed: false)),
        ]
        let csv = HistoryCSV.heading(days: moment.localDay...moment.localDay) + records.map(HistoryCSV.row).joined()
        #expect(csv.hasSuffix("\r\n"))
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "# sitbreak history: the events of local days 2026-11-18 through 2026-11-18")
        #expect(lines[1] == HistoryCSV.header.joined(separator: ","))
        #expect(lines[2] == "reminder,2026-11-18T06:06:40-05:00,2026-11-18,1795000000,-18000,b1,12.5,2700,,300,2,,,,")
        #expect(
            lines[3] == "natural_break,2026-11-18T06:06:40-05:00,2026-11-18,1795000000,-18000,b1,12.5,0.5,300,,,idle,x11,300,no")
    }

    @Test func fieldsAreQuotedTheRFC4180Way() {
        #expect(HistoryCSV.field("plain") == "plain")
        #expect(HistoryCSV.field("a,b") == "\"a,b\"")
        #expect(HistoryCSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(HistoryCSV.field("two\nlines") == "\"two\nlines\"")
        #expect(HistoryCSV.field("cr\r\nlf") == "\"cr\r\nlf\"")
        let routine = HistoryRecord.routineDone(moves: ["lunge", "bridge"], at: moment, bootID: "b")
        #expect(HistoryCSV.row(routine).hasSuffix(",\"lunge,bridge\",,,\r\n"))
    }
}

@Suite struct ISODateTests {
    @Test func realDatesParse() {
        #expect(ISODate.day(from: "2026-11-23") == LocalDay(year: 2026, month: 11, day: 23))
        #expect(ISODate.day(from: "2024-02-29") == LocalDay(year: 2024, month: 2, day: 29))
        #expect(ISODate.day(from: "1970-01-01") == LocalDay(daysSinceEpoch: 0))
    }

    @Test func anythingElseDoesNot() {
        for text in [
            "2026-02-29", "2026-13-01", "2026-1-05", "26-11-23", "2026/11/23", "2026-11-23T00:00", "", "abcd-ef-gh",
            "２０２６-11-23",
        ] {
            #expect(ISODate.day(from: text) == nil, "\(text)")
        }
    }

    @Test func localTimesCarryTheirOffset() {
        #expect(ISODate.localTime(Moment(boot: 0, wall: 1_795_000_000, utcOffset: 0)) == "2026-11-18T11:06:40+00:00")
        #expect(
            ISODate.localTime(Moment(boot: 0, wall: 1_795_000_000.9, utcOffset: 19_800)) == "2026-11-18T16:36:40+05:30")
        #expect(
            ISODate.localTime(Moment(boot: 0, wall: 1_795_000_000, utcOffset: -34_200)) == "2026-11-18T01:36:40-09:30")
    }
}
