import Foundation
import SitBreakCoach
import SitBreakProtocol
import Testing

/// `coach --json` and coach.json as Foundation's JSONEncoder wrote them, byte for byte.
@Suite struct CoachJSONParityTests {
    func foundationLine<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func theExerciseLibraryIsFoundationsText() throws {
        let library = try ExerciseLibrary.load()
        let line = ControlCodec.encodeLine(library)
        #expect(line == (try foundationLine(library)))
        // Documented fields, no Swift enum artefacts (`{"timed":{"_0":…}}`).
        #expect(!line.contains("\"_0\""))
        #expect(line.contains(#""dose":{"amount":{"high_seconds":45,"kind":"timed","low_seconds":30},"per_side":true,"rest_seconds":10,"sets":2}"#))
    }

    @Test func theCoachHistoryIsFoundationsTextAndOldFilesReadBack() throws {
        let library = try ExerciseLibrary.load()
        let lunge = try #require(library["kneeling-lunge"])
        let history = CoachHistory()
            .recordingOffer(of: ["standing-march"])
            .recordingRoutine(on: aMonday, moves: ["bridge", "kneeling-lunge"])
            .recordingDone([lunge], on: aMonday)
            .recordingRating(.tooEasy, of: lunge)
        for value in [history, CoachHistory()] {
            let written = try foundationLine(value)
            #expect(ControlCodec.encodeLine(value) == written)
            #expect(try ControlCodec.decode(CoachHistory.self, from: written) == value)
        }
    }
}

extension CoachJSONParityTests {
    /// coach.json as the daemon wrote it before it kept done moves, progress and the run's offer.
    @Test func aHistoryFromBeforeProgressReadsWithNone() throws {
        let old = #"{"recent_moves":["bridge","short-walk"],"routine_days":[{"days_since_epoch":20780}]}"#
        let history = try ControlCodec.decode(CoachHistory.self, from: old)
        #expect(history.recentMoves == ["bridge", "short-walk"])
        #expect(history.done.isEmpty && history.progress.isEmpty && history.offer.isEmpty)
    }
}
