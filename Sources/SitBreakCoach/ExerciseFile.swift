import SitBreakTOML
import TOMLKit

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
        let root = try Self.table(source)
        let map = TOMLSourceMap(text: source.text)
        for entry in map.rootEntries {
            safetyNotes = try Self.safetyNotes(entry, of: root, in: source)
        }
        var idPositions: [String: TOMLSourceMap.Position] = [:]
        for (offset, table) in map.tables.enumerated() {
            guard table.isArrayElement, table.name == "exercise",
                let values = root["exercise"]?.array?[offset].table
            else {
                let header = table.isArrayElement ? "[[\(table.name)]]" : "[\(table.name)]"
                throw ExerciseFileError(
                    path: source.path, line: table.position.line, column: table.position.column,
                    subject: header, problem: "is not a known table",
                    fix: "start each move with [[exercise]]")
            }
            let exercise = try ExerciseTableReader.exercise(
                path: source.path, values: values, source: table, number: offset + 1)
            let idPosition = table.entries.first { $0.key == "id" }?.value.position ?? table.position
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

    private static func table(_ source: ExerciseSource) throws(ExerciseFileError) -> TOMLTable {
        do {
            return try TOMLTable(string: source.text)
        } catch {
            let parseError = error as? TOMLParseError
            throw ExerciseFileError(
                path: source.path,
                line: parseError?.source.begin.line ?? 1, column: parseError?.source.begin.column ?? 1,
                subject: "", problem: parseError?.description ?? "\(error)",
                fix: "correct the TOML syntax there")
        }
    }

    /// The only key allowed before the first table is `safety`.
    private static func safetyNotes(
        _ entry: TOMLSourceMap.Entry, of root: TOMLTable, in source: ExerciseSource
    ) throws(ExerciseFileError) -> [String] {
        guard entry.key == "safety", let value = root["safety"] else {
            let fix =
                entry.firstComponent == "exercise"
                ? "start each move with its own [[exercise]] header"
                : "put safety = [...] first, then one [[exercise]] table per move"
            throw ExerciseFileError(
                path: source.path, line: entry.keyPosition.line, column: entry.keyPosition.column,
                subject: entry.key, problem: "is not a known key here", fix: fix)
        }
        let field = TOMLField(
            path: source.path, subject: "safety", value: value, position: entry.value.position,
            elementPositions: entry.value.elementPositions,
            example: #"safety = ["Move into gentle tension, never into pain."]"#)
        return try field.strings(allowEmpty: false)
    }
}
