import Foundation
import SitBreakCoach
import SitBreakCore
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
        #expect(try ControlCodec.decode(ExerciseLibrary.self, from: line) == library)
    }

    @Test func theCoachHistoryIsFoundationsTextAndOldFilesReadBack() throws {
        let history = CoachHistory()
            .recordingSuggestion(of: "standing-march")
            .recordingRoutine(on: aMonday, moves: ["bridge", "kneeling-lunge"])
        for value in [history, CoachHistory()] {
            let written = try foundationLine(value)
            #expect(ControlCodec.encodeLine(value) == written)
            #expect(try ControlCodec.decode(CoachHistory.self, from: written) == value)
        }
    }
}
