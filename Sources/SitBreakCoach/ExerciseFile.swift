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
    var safetyNotes: [String] = []

    init(parsing source: ExerciseSource) throws(ExerciseFileError) {
        let root = try Self.root(source)
        for entry in root.entries {
            switch (entry.key, entry.isMadeByHeaders) {
            case ("safety", false):
                safetyNotes = try Self.safetyNotes(entry.value, in: source)
            case ("exercise", true):
                guard let tables = entry.value.array else { throw Self.unknownTable(entry, in: source) }
                try readExercises(tables, in: source)
            case (_, true):
                throw Self.unknownTable(entry, in: source)
            default:
                let fix =
                    entry.key == "exercise"
                    ? "start each move with its own [[exercise]] header"
                    : "put safety = [...] first, then one [[exercise]] table per move"
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

    /// `safety = [...]`, the only key allowed before the first table.
    private static func safetyNotes(_ value: TOMLValue, in source: ExerciseSource) throws(ExerciseFileError) -> [String] {
        let field = TOMLField(
            path: source.path, subject: "safety", value: value,
            example: #"safety = ["Move into gentle tension, never into pain."]"#)
        return try field.strings(allowEmpty: false)
    }
}
