import SitBreakModel
import Testing

@testable import SitBreakConfig

@Suite struct ActiveHoursTests {
    @Test(arguments: [
        ("09:00-17:30", 9 * 3600, 17.5 * 3600),
        ("9:00-17:00", 9 * 3600, 17 * 3600),
        ("00:00-24:00", 0, 86_400),
        ("22:00-02:00", 22 * 3600, 2 * 3600),
        ("08:00-00:00", 8 * 3600, 0),
        ("23:59-24:00", 86_340, 86_400),
        (" 07:15 - 12:45 ", 7.25 * 3600, 12.75 * 3600),
    ] as [(String, Double, Double)])
    func areSecondsAfterLocalMidnight(text: String, from: Double, until: Double) throws {
        let hours = try ScheduleSyntax.activeHours(text)
        #expect(hours.from == from)
        #expect(hours.until == until)
    }

    @Test(arguments: ["", "9-17", "09:00", "09:00-17:00-18:00", "9h-17h", "09:5-17:00", "123:00-17:00", "-09:00"])
    func mustBeTwoClockTimes(text: String) {
        #expect(throws: ValueProblem(
            problem: "\"\(text)\" is not a range of hours", fix: #"write "HH:MM-HH:MM", e.g. "09:00-17:30""#)
        ) { try ScheduleSyntax.activeHours(text) }
    }
}

@Suite struct DaysTests {
    private static let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
    private static let examples: [(String, Set<Weekday>)] = [
        ("Mon-Sun", Set(Weekday.allCases)),
        ("Mon-Fri", weekdays),
        ("Sat-Sun", [.saturday, .sunday]),
        ("Mon,Wed,Fri", [.monday, .wednesday, .friday]),
        ("Fri-Mon", [.friday, .saturday, .sunday, .monday]),
        ("Sun-Sat", Set(Weekday.allCases)),
        ("Mon-Wed,Fri", [.monday, .tuesday, .wednesday, .friday]),
        ("Wed", [.wednesday]),
        ("Tue-Tue", [.tuesday]),
        ("monday - FRIDAY", weekdays),
        (" Sat , Sun ", [.saturday, .sunday]),
        ("Mon,Mon", [.monday]),
    ]

    @Test(arguments: examples)
    func nameDaysAndRangesThatWrapAroundTheWeek(text: String, days: Set<Weekday>) throws {
        #expect(try ScheduleSyntax.days(text) == days)
    }

    @Test func aRangeReachesTheScheduleThroughTheConfig() throws {
        let settings = try ConfigLoader.parse(
            "[schedule]\nactive_hours = \"22:00-02:00\"\ndays = \"Fri-Sun\"", path: "config.toml")
        #expect(settings.schedule == Schedule(activeFrom: 79_200, activeUntil: 7200, days: [.friday, .saturday, .sunday]))
    }

    @Test func aDayMissingFromARangeIsNamedAsSuch() {
        #expect(throws: ValueProblem(
            problem: #""Mon-" is neither a day nor a range of two days"#, fix: #"write a range as "Mon-Fri""#)
        ) { try ScheduleSyntax.days("Mon-,Fri") }
    }
}
