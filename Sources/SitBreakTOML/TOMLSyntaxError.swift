/// Why a text is not TOML, and where: `LINE:COL: MESSAGE`.
public struct TOMLSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    /// What is wrong, for a person, e.g. `expected '=' after key "sit_limit", found 'm'`.
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    init(at position: TOMLPosition, _ message: String) {
        self.init(line: position.line, column: position.column, message: message)
    }

    public var description: String { "\(line):\(column): \(message)" }
}

extension TOMLSyntaxError {
    /// Tables and arrays nest no deeper: the tree is built and freed recursively, so a
    /// hostile file must not choose the depth, and no real file comes near it.
    static let deepestNesting = 128

    static func nestingTooDeep(at position: TOMLPosition) -> TOMLSyntaxError {
        TOMLSyntaxError(at: position, "tables and arrays nest deeper than \(deepestNesting) levels")
    }
}

/// A number, date or time spelt wrongly; the parser adds where it is written.
struct InvalidWord: Error {
    let message: String
}
