import SitBreakTOML

/// One value of the file, with its source text for messages.
struct FieldValue {
    let toml: TOMLValue
    /// As written in the file when it fits on one line, e.g. `"45"` with its quotes.
    let written: String?
}

/// Reads the keys of one `[table]`, reporting what is wrong with them to the document.
/// It remembers which keys it was asked for, so every other key can be reported as unknown.
final class SectionReader {
    let name: String
    let table: TOMLTable?
    private let document: ConfigDocument
    private(set) var knownKeys: [String] = []

    init(name: String, document: ConfigDocument) {
        self.name = name
        self.document = document
        let value = document.root[name]
        table = value?.table
        if let value, table == nil {
            let found = describe(FieldValue(toml: value, written: document.writtenText(of: value)))
            document.report(
                ValueProblem(
                    problem: "expected a table, found \(found)",
                    fix: "write the settings under a [\(name)] header", anchor: .key),
                at: [name])
        }
    }

    /// The value of `key` as `read` makes it, or `fallback` when the key is absent.
    /// Nil once a problem has been reported: a wrong value, or a missing key with no fallback.
    func field<Value>(
        _ key: String, fallback: Value?, _ read: (FieldValue) throws(ValueProblem) -> Value
    ) -> Value? {
        knownKeys.append(key)
        guard let toml = table?[key] else {
            if fallback == nil {
                report(
                    key,
                    ValueProblem(problem: "missing", fix: "the built-in config.toml must set every key"))
            }
            return fallback
        }
        do throws(ValueProblem) {
            return try read(FieldValue(toml: toml, written: document.writtenText(of: toml)))
        } catch {
            report(key, error)
            return nil
        }
    }

    func isPresent(_ key: String) -> Bool { table?[key] != nil }

    func writtenText(of key: String) -> String? { table?[key].flatMap(document.writtenText) }

    func report(_ key: String, _ problem: ValueProblem) {
        document.report(problem, at: [name, key])
    }
}

/// How a value appears in a message: as written when short, else by its kind.
func describe(_ value: FieldValue) -> String {
    if let written = value.written, written.count <= 40 { return written }
    return switch value.toml.kind {
    case .table: "a table"
    case .array: "a list"
    case .string: "a string"
    case .integer, .float: "a number"
    case .boolean: "true or false"
    case .dateTime: "a date or time"
    }
}
