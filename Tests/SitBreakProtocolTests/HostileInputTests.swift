import SitBreakModel
import SitBreakTestSupport
import Testing

@testable import SitBreakProtocol

/// Numbers from files and requests sitbreak did not write itself: each is refused where it is
/// read, with what is wrong, before any arithmetic on it can trap.
@Suite("Hostile numbers")
struct HostileInputTests {
    @Test func aHugeNumberInTheStateFileIsRefusedByItsPath() throws {
        var desk = VirtualDesk()
        desk.pass(10 * minute)
        let line = ControlCodec.encodeLine(SavedState(bootID: "a", savedAt: desk.now, state: desk.state))
        let hostile = line.replacingFirst(#""banked":0"#, with: #""banked":1e308"#)
        #expect(hostile != line)
        #expect(throws: ControlProtocolError(message: "state.stretch.banked: 1e308 is out of range")) {
            try ControlCodec.decode(SavedState.self, from: hostile)
        }
    }

    @Test(arguments: ["1e400", "-1e13", String(repeating: "9", count: 400)])
    func numbersNoDoubleOrNoInstantReachesAreOutOfRange(number: String) {
        #expect(throws: ControlProtocolError(message: "seconds: \(number) is out of range")) {
            try ControlCodec.decode(ControlRequest.self, from: #"{"command":"snooze","seconds":\#(number)}"#)
        }
    }

    @Test(arguments: [
        ("0.001", "seconds: 1ms is out of range; give 1s to 7d"),
        ("0", "seconds: 0s is out of range; give 1s to 7d"),
        ("-5", "seconds: -5s is out of range; give 1s to 7d"),
        ("604801", "seconds: 7d 1s is out of range; give 1s to 7d"),
    ])
    func aSpanOutsideOneSecondToAWeekIsRefusedWhereTheRequestIsRead(seconds: String, message: String) {
        #expect(throws: ControlProtocolError(message: message)) {
            try ControlCodec.decode(ControlRequest.self, from: #"{"command":"pause","seconds":\#(seconds)}"#)
        }
    }

    @Test func theRangeItselfIsAccepted() throws {
        for seconds in [1, 604_800] {
            let request = try ControlCodec.decode(ControlRequest.self, from: #"{"command":"pause","seconds":\#(seconds)}"#)
            #expect(request.seconds == Seconds(seconds))
        }
    }

    @Test func aSpanOfFourHundredDigitsIsTooLongNotInfinite() throws {
        let text = String(repeating: "9", count: 400) + "s"
        #expect(throws: TimeSpanError.tooLong(text: text)) { try TimeSpan.parse(text) }
        #expect(TimeSpanError.tooLong(text: "20000d").description == #""20000d" is too long; no span is longer than 10000d"#)
        #expect(throws: TimeSpanError.tooLong(text: "9999d 2d")) { try TimeSpan.parse("9999d 2d") }
        #expect(try TimeSpan.parse("10000d") == 10_000 * 86_400)
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
