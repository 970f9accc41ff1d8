import SitBreakTestSupport
import Testing

@testable import SitBreakModel

@Suite struct TimeSpanParsingTests {
    @Test(arguments: [
        ("90s", 90.0), ("45m", 2700), ("1h 30m", 5400), ("1h30min", 5400), ("2h", 7200),
        ("500ms", 0.5), ("1d", 86_400), ("1.5h", 5400), ("1w", 604_800), ("2 weeks", 1_209_600),
        ("250us", 0.000_25), ("250usec", 0.000_25), ("250µs", 0.000_25), ("20msec", 0.02),
        ("1sec", 1), ("1 second", 1), ("3 seconds", 3), ("1min", 60), ("1 minute", 60), ("5 minutes", 300),
        ("1hr", 3600), ("1 hour", 3600), ("2 hours", 7200), ("1 day", 86_400), ("2days", 172_800),
        ("1 week", 604_800), ("0s", 0), ("  45m  ", 2700), ("1h 1h", 7200), ("1m\t30s", 90),
        ("2d 3h 4m 5s 6ms", 183_845.006), ("0.25s", 0.25),
    ])
    func readsEveryUnitAndForm(text: String, seconds: Double) throws {
        let parsed = try TimeSpan.parse(text)
        #expect(abs(parsed - seconds) < 1e-9)
    }

    @Test func aBareNumberNeedsAUnit() {
        #expect(throws: TimeSpanError.missingUnit(text: "45", suggestion: "45m")) { try TimeSpan.parse("45") }
        #expect(throws: TimeSpanError.missingUnit(text: "1h 30", suggestion: "1h 30m")) {
            try TimeSpan.parse("1h 30")
        }
        #expect(throws: TimeSpanError.missingUnit(text: "30 1h", suggestion: "30m 1h")) {
            try TimeSpan.parse("30 1h")
        }
    }

    @Test func rejectsNegativeEmptyMalformedAndUnknownUnits() {
        #expect(throws: TimeSpanError.empty) { try TimeSpan.parse("") }
        #expect(throws: TimeSpanError.empty) { try TimeSpan.parse("   ") }
        #expect(throws: TimeSpanError.negative(text: "-5m", suggestion: "5m")) { try TimeSpan.parse("-5m") }
        #expect(throws: TimeSpanError.malformed(text: "abc")) { try TimeSpan.parse("abc") }
        #expect(throws: TimeSpanError.malformed(text: "1.2.3s")) { try TimeSpan.parse("1.2.3s") }
        #expect(throws: TimeSpanError.malformed(text: ".5h")) { try TimeSpan.parse(".5h") }
        #expect(throws: TimeSpanError.malformed(text: "5.h")) { try TimeSpan.parse("5.h") }
        #expect(throws: TimeSpanError.malformed(text: "1h-30m")) { try TimeSpan.parse("1h-30m") }
        #expect(throws: TimeSpanError.malformed(text: "45%")) { try TimeSpan.parse("45%") }
        #expect(throws: TimeSpanError.unknownUnit(text: "45 parsecs", unit: "parsecs", suggestion: nil)) {
            try TimeSpan.parse("45 parsecs")
        }
        #expect(throws: TimeSpanError.unknownUnit(text: "1h 45M", unit: "M", suggestion: "1h 45m")) {
            try TimeSpan.parse("1h 45M")
        }
    }

    @Test func errorsSayWhatIsWrongAndHowToWriteIt() {
        #expect(
            TimeSpanError.missingUnit(text: "45", suggestion: "45m").description
                == #""45" has no unit; write "45m""#)
        #expect(
            TimeSpanError.empty.description
                == #"the time span is empty; write a number and a unit, e.g. "45m" or "1h 30m""#)
        #expect(TimeSpanError.negative(text: "-5m", suggestion: "5m").description == #""-5m" is negative; write "5m""#)
        #expect(
            TimeSpanError.unknownUnit(text: "4 parsecs", unit: "parsecs", suggestion: nil).description
                == #""4 parsecs" has an unknown unit "parsecs"; use a unit among us, ms, s, m, h, d, w, e.g. "45m""#)
        #expect(
            TimeSpanError.unknownUnit(text: "45M", unit: "M", suggestion: "45m").description
                == #""45M" has an unknown unit "M"; write "45m""#)
        #expect(
            TimeSpanError.malformed(text: "soon").description
                == #""soon" is not a time span; write a number and a unit, e.g. "45m" or "1h 30m""#)
    }
}

@Suite struct TimeSpanFormattingTests {
    @Test(arguments: [
        (2700.0, "45m"), (5400, "1h 30m"), (4, "4s"), (90, "1m 30s"), (0, "0s"), (0.5, "500ms"),
        (86_400, "1d"), (90_061, "1d 1h 1m 1s"), (1.25, "1s 250ms"), (3600, "1h"), (-90, "-1m 30s"),
        (59.9996, "1m"),
    ])
    func writesTheShortestHumanForm(seconds: Double, text: String) {
        #expect(TimeSpan.format(seconds) == text)
    }

    @Test(arguments: [0.001, 1, 59, 61, 2700, 5400, 86_399, 86_401, 1_234_567.891])
    func parsingTheFormatGivesTheSpanBack(seconds: Double) throws {
        #expect(abs(try TimeSpan.parse(TimeSpan.format(seconds)) - seconds) < 1e-9)
    }
}
