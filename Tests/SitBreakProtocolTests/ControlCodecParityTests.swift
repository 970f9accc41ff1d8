import Foundation
import SitBreakTestSupport
import Testing

@testable import SitBreakProtocol

/// Status bars, scripts and state files written by earlier versions read what Foundation's
/// JSONEncoder wrote, so ControlCodec is held to Foundation's text, byte for byte.
@Suite("Control protocol JSON as Foundation wrote it")
struct ControlCodecParityTests {
    func foundationLine<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// A desk in each state the protocol reports, with times that are not whole seconds.
    static let desks: [VirtualDesk] = {
        func desk(_ configure: (inout VirtualDesk) -> Void) -> VirtualDesk {
            var desk = VirtualDesk()
            configure(&desk)
            return desk
        }
        return [
            desk { _ in },
            desk { $0.pass(42 * minute + 0.375) },
            desk { $0.pass(50 * minute); $0.command(.snooze(nil)) },
            desk { $0.pass(50 * minute + 1.5); $0.command(.startBreak); $0.pass(61.25) },
            desk { $0.pass(20 * minute); $0.command(.pause(10 * minute)); $0.pass(12.125) },
            desk { $0.command(.pause(nil)) },
            desk { $0.pass(5 * minute); $0.command(.stand) },
            desk { $0.pass(30 * minute); $0.send(.idle(since: $0.now.boot - 7.5)) },
            desk { $0.pass(3 * hour + 0.1); $0.suspend(for: 15 * hour) },
        ]
    }()

    static func report(_ desk: VirtualDesk) -> StatusReport {
        StatusReport(
            desk.status, activitySources: ["tty", "x11"], reminderChannels: ["desktop", "terminal"],
            problems: ["notifications: no server on \"DBUS\" / run `dunst &`\n\tthen retry — ✓"],
            suggestion: .init(id: "standing-march", line: "Standing march (3 × 20): knees up", moves: ["standing-march"]))
    }

    @Test func statusRepliesAndWatchEventsAreFoundationsText() throws {
        for desk in Self.desks {
            let status = Self.report(desk)
            #expect(ControlCodec.encodeLine(status) == (try foundationLine(status)))
            let reply = ControlReply.success(status)
            #expect(ControlCodec.encodeLine(reply) == (try foundationLine(reply)))
            let event = WatchEvent(event: "reminder", message: "Time to stand up — 45m sitting. \"Go\"", status: status)
            #expect(ControlCodec.encodeLine(event) == (try foundationLine(event)))
        }
        let bare = StatusReport(Self.desks[0].status, activitySources: [], reminderChannels: [], problems: [])
        #expect(ControlCodec.encodeLine(bare) == (try foundationLine(bare)))
        let failure = ControlReply.failure("nothing to snooze: sitbreak is paused")
        #expect(ControlCodec.encodeLine(failure) == (try foundationLine(failure)))
    }

    @Test func requestsAreFoundationsText() throws {
        for command in ControlRequest.Command.allCases {
            for request in [
                ControlRequest(command), ControlRequest(command, seconds: 240), ControlRequest(command, seconds: 0.5),
                ControlRequest(command, moves: ["bridge", "kneeling-lunge"]),
            ] {
                #expect(ControlCodec.encodeLine(request) == (try foundationLine(request)))
            }
        }
    }

    /// The state file of every desk: nested enums with associated values and fractional instants.
    @Test func stateFilesAreFoundationsTextAndOldOnesReadBack() throws {
        for desk in Self.desks {
            for bootID in ["0b5c1f4e-9a7d-4c3e-8f1a-2d6b7e9c0a11", nil] {
                let saved = SavedState(bootID: bootID, savedAt: desk.now, state: desk.state)
                let written = try foundationLine(saved)
                #expect(ControlCodec.encodeLine(saved) == written)
                #expect(try ControlCodec.decode(SavedState.self, from: written) == saved)
            }
        }
    }

    static let unknownCommand =
        "unknown command; known commands: status, snooze, pause, resume, break, done, abandon, skip, away, back, "
        + "stand, sit, reload, watch, desktop, routine_done, moves_done, coach"

    /// What a client is told about a bad request, as it was told before.
    @Test(arguments: [
        (#"{"command":"explode"}"#, ControlCodecParityTests.unknownCommand),
        (#"{"command":null}"#, ControlCodecParityTests.unknownCommand),
        (#"{"command":5}"#, ControlCodecParityTests.unknownCommand),
        (#"{"command":"snooze","seconds":"soon"}"#, "seconds: wrong type"),
        ("{}", #"missing field "command""#),
        (#"{"seconds":5}"#, #"missing field "command""#),
        (#"{"command":"routine_done","moves":"a"}"#, "moves: wrong type"),
        (#"{"command":"routine_done","moves":[1]}"#, "moves._index 0: wrong type"),
        (#"{"command":"routine_done","moves":["a",null]}"#, "moves._index 1: missing value"),
        ("[]", "wrong type"),
        ("null", "missing value"),
        (#""status""#, "wrong type"),
    ])
    func badRequestsGetTheSameMessages(line: String, message: String) {
        #expect(throws: ControlProtocolError(message: message)) { try ControlCodec.decode(ControlRequest.self, from: line) }
    }

    /// The one deliberate change: Foundation said only "The given data was not valid JSON."
    /// (and let a trailing comma pass); the reply now says what is wrong and where.
    @Test func textThatIsNotJSONSaysWhatAndWhere() {
        #expect(throws: ControlProtocolError(message: "not valid JSON: expected null, found 'o' at line 1, column 2")) {
            try ControlCodec.decode(ControlRequest.self, from: "not json")
        }
        #expect(
            throws: ControlProtocolError(message: "not valid JSON: expected a name in quotes, found '}' at line 1, column 21")
        ) {
            try ControlCodec.decode(ControlRequest.self, from: #"{"command":"status",}"#)
        }
    }
}
