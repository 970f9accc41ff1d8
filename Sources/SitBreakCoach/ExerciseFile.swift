import SitBreakTOML

/// The text of an exercise file and the path to name in its errors.
public struct ExerciseSource: Equatable, Sendable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// `config/exercises.toml`, built into the program.
    public static var builtIn: ExerciseSource {
        ExerciseSource(path: "config/exercises.toml", text: embeddedExerciseLibrary)
    }
}

/// The moves and safety notes of one exercise file, validated.
struct ExerciseFile {
    var exercises: [Exercise] = []
    var safetyNotes: [SafetyNote] = []

    init(parsing source: ExerciseSource) throws(ExerciseFileError) {
        let root = try Self.root(source)
        for entry in root.entries {
            switch (entry.key, entry.isMadeByHeaders) {
            case ("safety", false):
                safetyNotes += try Self.generalNotes(entry.value, in: source)
            case ("safety", true):
                guard let tables = entry.value.array else { throw Self.unknownTable(entry, in: source) }
                safetyNotes += try Self.notes(tables, in: source)
            case ("exercise", true):
                guard let tables = entry.value.array else { throw Self.unknownTable(entry, in: source) }
                try readExercises(tables, in: source)
            case (_, true):
                throw Self.unknownTable(entry, in: source)
            default:
                let fix =
                    entry.key == "exercise"
                    ? "start each move with its own [[exercise]] header"
                    : "write safety notes as [[safety]] tables and each move as an [[exercise]] table"
                throw ExerciseFileError(
                    path: source.path, line: entry.keyPosition.line, column: entry.keyPosition.column,
                    subject: entry.key, problem: "is not a known key here", fix: fix)
            }
        }
    }

    private mutating func readExercises(_ tables: [TOMLValue], in source: ExerciseSource) throws(ExerciseFileError) {
        var idPositions: [String: TOMLPosition] = [:]
        let headed = tables.compactMap { value in value.table.map { (table: $0, position: value.position) } }
        for (offset, (table, position)) in headed.enumerated() {
            let exercise = try ExerciseTableReader.exercise(
                path: source.path, table: table, position: position, number: offset + 1)
            let idPosition = table["id"]?.position ?? position
            if let first = idPositions[exercise.id] {
                throw ExerciseFileError(
                    path: source.path, line: idPosition.line, column: idPosition.column,
                    subject: "exercise[\(exercise.id)].id",
                    problem: "\"\(exercise.id)\" is already the id of the move at line \(first.line)",
                    fix: "give each move its own id")
            }
            idPositions[exercise.id] = idPosition
            exercises.append(exercise)
        }
    }

    private static func root(_ source: ExerciseSource) throws(ExerciseFileError) -> TOMLTable {
        do throws(TOMLSyntaxError) {
            return try TOMLDocument(parsing: source.text).root
        } catch {
            throw ExerciseFileError(
                path: source.path, line: error.line, column: error.column,
                subject: "", problem: error.message, fix: "correct the TOML syntax there")
        }
    }

    /// A `[header]` other than `[[exercise]]`, at its first bracket.
    private static func unknownTable(_ entry: TOMLTable.Entry, in source: ExerciseSource) -> ExerciseFileError {
        let header = entry.value.array != nil ? "[[\(entry.key)]]" : "[\(entry.key)]"
        return ExerciseFileError(
            path: source.path, line: entry.value.position.line, column: entry.value.position.column,
            subject: header, problem: "is not a known table", fix: "start each move with [[exercise]]")
    }

    /// `safety = [...]` before the first table: notes for every move.
    private static func generalNotes(_ value: TOMLValue, in source: ExerciseSource) throws(ExerciseFileError) -> [SafetyNote] {
        let field = TOMLField(
            path: source.path, subject: "safety", value: value,
            example: #"safety = ["Move into gentle tension, never into pain."]"#)
        return try field.strings(allowEmpty: false).map { SafetyNote($0) }
    }

    /// `[[safety]]` tables: a `note` and, optionally, the moves it `applies_to`.
    private static func notes(_ tables: [TOMLValue], in source: ExerciseSource) throws(ExerciseFileError) -> [SafetyNote] {
        var notes: [SafetyNote] = []
        for (offset, value) in tables.enumerated() {
            guard let table = value.table else { continue }
            let subject = "safety[\(offset + 1)]"
            for entry in table.entries where !["note", "applies_to"].contains(entry.key) {
                throw ExerciseFileError(
                    path: source.path, line: entry.keyPosition.line, column: entry.keyPosition.column,
                    subject: "\(subject).\(entry.key)", problem: "is not a known key",
                    fix: "a [[safety]] table takes note and applies_to")
            }
            guard let noteValue = table["note"] else {
                throw ExerciseFileError(
                    path: source.path, line: value.position.line, column: value.position.column,
                    subject: "\(subject).note", problem: "is missing", fix: #"add note = "Stop if it pinches.""#)
            }
            let note = try TOMLField(
                path: source.path, subject: "\(subject).note", value: noteValue,
                example: #"note = "Stop if it pinches.""#).string()
            var appliesTo: [String] = []
            if let namesValue = table["applies_to"] {
                let field = TOMLField(
                    path: source.path, subject: "\(subject).applies_to", value: namesValue,
                    example: #"applies_to = ["stretch", "deep"]"#)
                appliesTo = try field.names(among: Exercise.traitNames)
            }
            notes.append(SafetyNote(note, appliesTo: appliesTo))
        }
        return notes
    }
}
