import SitBreakTOML
import TOMLKit

/// A config text that TOMLKit accepted, with where each key sits in it and the problems
/// found so far. All problems are gathered so the one reported is the first in the file.
final class ConfigDocument {
    let path: String
    let root: TOMLTable
    private let sourceMap: TOMLSourceMap
    private var problems: [ConfigError] = []

    init(text: String, path: String) throws(ConfigError) {
        self.path = path
        do {
            root = try TOMLTable(string: text)
        } catch {
            let parseError = error as? TOMLParseError
            let line = parseError?.source.begin.line
            throw ConfigError(
                path: path, line: line, column: parseError?.source.begin.column,
                problem: parseError?.description ?? "\(error)",
                fix: line.flatMap { Self.quotingHint(forLine: $0, of: text) })
        }
        sourceMap = TOMLSourceMap(text: text)
    }

    /// For the commonest slip, a word or time span without quotes (`sit_limit = 45m`),
    /// a fix that shows the quotes; nil for other syntax errors.
    private static func quotingHint(forLine number: Int, of text: String) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.indices.contains(number - 1) else { return nil }
        let line = lines[number - 1]
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let value = line[line.index(after: equals)...].prefix { $0 != "#" }.trimmed
        guard let first = value.first, !"\"'[{".contains(first), value.contains(where: \.isLetter),
            value != "true", value != "false"
        else { return nil }
        return "put the value in quotes: \(quoted(value))"
    }

    /// The value's source text when it fits on one line, e.g. `"45"` with its quotes.
    func writtenText(at keyPath: [String]) -> String? { sourceMap[keyPath]?.value?.text }

    func report(_ problem: ValueProblem, at keyPath: [String]) {
        let definition = sourceMap[keyPath]
        let value = definition?.value
        let position: TOMLSourceMap.Position? =
            switch problem.anchor {
            case .key: definition?.keyPosition
            case .value: value?.position ?? definition?.keyPosition
            case .element(let index):
                value.flatMap {
                    $0.elementPositions.indices.contains(index) ? $0.elementPositions[index] : $0.position
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
