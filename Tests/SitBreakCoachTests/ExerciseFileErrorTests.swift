import Foundation
import SitBreakCoach
import Testing

/// A broken user file and the one error it must produce.
struct BrokenFile: Sendable, CustomTestStringConvertible {
    var problem: String
    var text: String
    var error: String

    var testDescription: String { problem }
}

/// A valid move of 8 lines, `[[exercise]]` on line 1; each case breaks it in one place.
private func move(replacing old: String = "", with new: String = "", appending extra: String = "") -> String {
    let valid = """
        [[exercise]]
        id = "neck-roll"
        name = "Neck roll"
        kind = "stretch"
        place = "desk"
        seconds = 30
        steps = ["Roll slowly."]
        cue = "Slow circles."

        """
    return (old.isEmpty ? valid : valid.replacingOccurrences(of: old, with: new)) + extra
}

private let known = "id, name, kind, place, equipment, positions, deep, warm_up, sets, reps, seconds, minutes, per_side, "
    + "tempo, rest, steps, cue, cautions, why, feel"

private let brokenFiles: [BrokenFile] = [
    BrokenFile(
        problem: "TOML syntax",
        text: move(replacing: #"kind = "stretch""#, with: "kind = stretch"),
        error: "user.toml:4:8: expected a value, found stretch; correct the TOML syntax there"),
    BrokenFile(
        problem: "duplicate id",
        text: move() + move(),
        error: #"user.toml:10:6: exercise[neck-roll].id: "neck-roll" is already the id of the move at line 2; give each move its own id"#),
    BrokenFile(
        problem: "unknown kind",
        text: move(replacing: #"kind = "stretch""#, with: #"kind = "strech""#),
        error: #"user.toml:4:8: exercise[neck-roll].kind: "strech" is unknown; did you mean "stretch"?"#),
    BrokenFile(
        problem: "unknown place",
        text: move(replacing: #"place = "desk""#, with: #"place = "garden""#),
        error: #"user.toml:5:9: exercise[neck-roll].place: "garden" is unknown; use one of desk, standing, floor"#),
    BrokenFile(
        problem: "unknown equipment",
        text: move(appending: #"equipment = "kettlebell""#),
        error: #"user.toml:9:13: exercise[neck-roll].equipment: "kettlebell" is unknown; use one of none, band, foam-roller, bar, bench-or-bed, mat"#),
    BrokenFile(
        problem: "a dose without numbers",
        text: move(replacing: "seconds = 30\n", with: ""),
        error: "user.toml:1:1: exercise[neck-roll]: the dose has no numbers; add reps = 12, seconds = 30 or, for a walk, minutes = 2"),
    BrokenFile(
        problem: "missing name",
        text: move(replacing: "name = \"Neck roll\"\n", with: ""),
        error: #"user.toml:1:1: exercise[neck-roll].name: is missing; add name = "Kneeling lunge""#),
    BrokenFile(
        problem: "missing steps",
        text: move(replacing: "steps = [\"Roll slowly.\"]\n", with: ""),
        error: #"user.toml:1:1: exercise[neck-roll].steps: is missing; add steps = ["First do this.", "Then that."]"#),
    BrokenFile(
        problem: "missing cue",
        text: move(replacing: "cue = \"Slow circles.\"\n", with: ""),
        error: #"user.toml:1:1: exercise[neck-roll].cue: is missing; add cue = "Hips forward, ribs down.""#),
    BrokenFile(
        problem: "empty steps",
        text: move(replacing: #"steps = ["Roll slowly."]"#, with: "steps = []"),
        error: #"user.toml:7:9: exercise[neck-roll].steps: is empty; write steps = ["First do this.", "Then that."]"#),
    BrokenFile(
        problem: "a blank step in a multi-line list",
        text: move(replacing: #"steps = ["Roll slowly."]"#, with: "steps = [\n    \"Roll slowly.\", # fine\n    \"  \",\n]"),
        error: #"user.toml:9:5: exercise[neck-roll].steps[2]: is empty; write steps = ["First do this.", "Then that."]"#),
    BrokenFile(
        problem: "a negative number",
        text: move(appending: "rest = -5"),
        error: "user.toml:9:8: exercise[neck-roll].rest: -5 is negative; use a whole number of seconds from 0 to 300"),
    BrokenFile(
        problem: "an absurd number",
        text: move(appending: "sets = 40"),
        error: "user.toml:9:8: exercise[neck-roll].sets: 40 is too large; use a whole number of sets from 1 to 10"),
    BrokenFile(
        problem: "zero reps",
        text: move(replacing: "seconds = 30", with: "reps = 0"),
        error: "user.toml:6:8: exercise[neck-roll].reps: 0 is too small; use a whole number of reps from 1 to 100"),
    BrokenFile(
        problem: "an unknown key",
        text: move(appending: "hold = 30"),
        error: "user.toml:9:1: exercise[neck-roll].hold: is not a known key; an exercise takes \(known)"),
    BrokenFile(
        problem: "a wrong type",
        text: move(replacing: "seconds = 30", with: #"seconds = "30s""#),
        error: "user.toml:6:11: exercise[neck-roll].seconds: expected a whole number, found string; write seconds = 30 or seconds = [30, 60]"),
    BrokenFile(
        problem: "a wrong type inside a range",
        text: move(replacing: "seconds = 30", with: #"seconds = [30, "60"]"#),
        error: "user.toml:6:16: exercise[neck-roll].seconds[2]: expected a whole number, found string; write seconds = 30 or seconds = [30, 60]"),
    BrokenFile(
        problem: "a range running backwards",
        text: move(replacing: "seconds = 30", with: "seconds = [60, 30]"),
        error: "user.toml:6:11: exercise[neck-roll].seconds: the range 60–30 runs backwards; put the smaller number first: [30, 60]"),
    BrokenFile(
        problem: "a tempo on a timed move",
        text: move(appending: "tempo = [3, 1, 3]"),
        error: "user.toml:9:9: exercise[neck-roll].tempo: a tempo paces reps, but this move is timed; remove tempo or count reps"),
    BrokenFile(
        problem: "reps and seconds together",
        text: move(appending: "reps = 10"),
        error: "user.toml:9:8: exercise[neck-roll].reps: seconds already measures this move; keep one of reps, seconds and minutes"),
    BrokenFile(
        problem: "a walk measured in seconds",
        text: move(replacing: #"kind = "stretch""#, with: #"kind = "walk""#),
        error: "user.toml:6:11: exercise[neck-roll].seconds: a walk is measured in minutes; write minutes = 2"),
    BrokenFile(
        problem: "a dose adding up to hours",
        text: move(replacing: "seconds = 30", with: "seconds = 600\nsets = 10\nper_side = true"),
        error: "user.toml:1:1: exercise[neck-roll]: the dose adds up to 200 minutes; keep one move under 60 minutes"),
    BrokenFile(
        problem: "a cue too long for a notification",
        text: move(replacing: "Slow circles.", with: String(repeating: "slow ", count: 30)),
        error: "user.toml:8:7: exercise[neck-roll].cue: is 150 characters long; keep it to 100 so it fits on one line"),
    BrokenFile(
        problem: "an invalid id",
        text: move(replacing: #"id = "neck-roll""#, with: #"id = "Neck Roll""#),
        error: #"user.toml:2:6: exercise[#1].id: "Neck Roll" is not a valid id; use lowercase letters and digits joined by hyphens, e.g. "kneeling-lunge""#),
    BrokenFile(
        problem: "an unknown table",
        text: move() + "[exercises]\nid = \"x\"\n",
        error: "user.toml:9:1: [exercises]: is not a known table; start each move with [[exercise]]"),
    BrokenFile(
        problem: "an unknown top-level key",
        text: "safety_notes = [\"Be kind.\"]\n" + move(),
        error: "user.toml:1:1: safety_notes: is not a known key here; write safety notes as [[safety]] tables and each move as an [[exercise]] table"),
    BrokenFile(
        problem: "a blank safety note",
        text: "safety = [\"Be kind.\", \"\"]\n" + move(),
        error: #"user.toml:1:23: safety[2]: is empty; write safety = ["Move into gentle tension, never into pain."]"#),
    BrokenFile(
        problem: "an unknown position",
        text: move(appending: #"positions = ["kneling"]"#),
        error: #"user.toml:9:14: exercise[neck-roll].positions[1]: "kneling" is unknown; did you mean "kneeling"?"#),
    BrokenFile(
        problem: "a position listed twice",
        text: move(appending: #"positions = ["seated", "seated"]"#),
        error: #"user.toml:9:24: exercise[neck-roll].positions[2]: "seated" is listed twice; remove one of them"#),
    BrokenFile(
        problem: "a deep move that is not a stretch",
        text: move(replacing: #"kind = "stretch""#, with: #"kind = "strength""#, appending: "deep = true"),
        error: #"user.toml:9:8: exercise[neck-roll].deep: only a stretch can be deep; remove deep, or write kind = "stretch""#),
    BrokenFile(
        problem: "a why too long for one line",
        text: move(appending: "why = \"" + String(repeating: "because ", count: 15) + "\""),
        error: "user.toml:9:7: exercise[neck-roll].why: is 120 characters long; keep it to 100 so it fits on one line"),
    BrokenFile(
        problem: "a safety table without its note",
        text: "[[safety]]\napplies_to = [\"stretch\"]\n" + move(),
        error: #"user.toml:1:1: safety[1].note: is missing; add note = "Stop if it pinches.""#),
    BrokenFile(
        problem: "a safety note for moves that do not exist",
        text: "[[safety]]\nnote = \"Easy on the knees.\"\napplies_to = [\"kneling\"]\n" + move(),
        error: #"user.toml:3:15: safety[1].applies_to[1]: "kneling" is unknown; did you mean "kneeling"?"#),
    BrokenFile(
        problem: "an unknown key in a safety table",
        text: "[[safety]]\nnote = \"Easy.\"\nfor = [\"stretch\"]\n" + move(),
        error: "user.toml:3:1: safety[1].for: is not a known key; a [[safety]] table takes note and applies_to"),
]

@Suite("Broken exercise files")
struct ExerciseFileErrorTests {
    @Test("each kind of mistake gives one precise PATH:LINE:COL error", arguments: brokenFiles)
    func brokenFileError(_ file: BrokenFile) {
        let error = #expect(throws: ExerciseFileError.self) {
            try ExerciseLibrary.load(userFile: ExerciseSource(path: "user.toml", text: file.text))
        }
        #expect(error?.description == file.error)
    }

    @Test("the valid move the broken files start from loads")
    func baseMoveIsValid() throws {
        let library = try ExerciseLibrary.load(userFile: ExerciseSource(path: "user.toml", text: move()))
        #expect(library["neck-roll"]?.doseText == "30 s")
    }
}

@Suite struct UserExerciseFileTests {
    @Test func aUserFileThatIsNotUTF8IsRefusedAtTheFirstBadByte() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitbreak-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("exercises.toml").path
        try Data(Array("[[exercise]]\nname = \"Hip".utf8) + [0xE9, 0x22]).write(to: URL(fileURLWithPath: path))

        let error = #expect(throws: ExerciseFileError.self) {
            try ExerciseLibrary.loadForUser(configDirectory: directory.path)
        }
        #expect(error?.description == "\(path):2:12: invalid UTF-8; save the file as UTF-8 text")
    }
}
