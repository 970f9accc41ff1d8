import SitBreakTOML

/// A config text read as TOML, and the problems found in it so far. All problems are gathered
/// so the one reported is the first in the file.
final class ConfigDocument {
    let path: String
    private let toml: TOMLDocument
    private var problems: [ConfigError] = []

    init(text: String, path: String) throws(ConfigError) {
        self.path = path
        do throws(TOMLSyntaxError) {
            toml = try TOMLDocument(parsing: text)
        } catch {
            throw ConfigError(
                path: path, line: error.line, column: error.column, problem: error.message,
                fix: Self.quotingHint(forLine: error.line, of: text))
        }
    }

    var root: TOMLTable { toml.root }

    /// For the commonest slip, a word or time span without quotes (`sit_limit = 45m`),
    /// a fix that shows the quotes; nil for other syntax errors.
    private static func quotingHint(forLine number: Int, of text: String) -> String? {
        // Lines as TOML counts them: a Character would take "\r\n" as one, and not as "\n".
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.indices.contains(number - 1) else { return nil }
        let line = String(String.UnicodeScalarView(lines[number - 1]))
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let value = line[line.index(after: equals)...].prefix { $0 != "#" }.trimmed
        guard let first = value.first, !"\"'[{".contains(first), value.contains(where: \.isLetter),
            value != "true", value != "false"
        else { return nil }
        return "put the value in quotes: \(quoted(value))"
    }

    /// The value as written when it fits on one line, e.g. `"45"` with its quotes.
    func writtenText(of value: TOMLValue) -> String? {
        toml.writtenText(of: value).flatMap { $0.contains("\n") ? nil : $0 }
    }

    func report(_ problem: ValueProblem, at keyPath: [String]) {
        let entry = root.entry(at: keyPath)
        let position: TOMLPosition? =
            switch problem.anchor {
            case .key: entry?.keyPosition
            case .value: entry?.value.position
            case .element(let index):
                entry.map { entry in
                    entry.value.array.flatMap { $0.indices.contains(index) ? $0[index].position : nil }
                        ?? entry.value.position
                }
            }
        problems.append(
            ConfigError(
                path: path, line: position?.line, column: position?.column,
                key: keyPath.joined(separator: "."), problem: problem.problem, fix: problem.fix))
    }

    /// The problem that comes first in the file; problems with no place in it come last.
    var firstProblem: ConfigError? {
        problems.min { a, b in
            switch (a.line, b.line) {
            case (let lineA?, let lineB?): (lineA, a.column ?? 0) < (lineB, b.column ?? 0)
            case (.some, .none): true
            default: false
            }
        }
    }
}
