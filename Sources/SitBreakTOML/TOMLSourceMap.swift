/// Where the headers, keys and values of a TOML text are written, which TOMLKit's values don't say.
///
/// Built from a text TOMLKit has already accepted, so the scan may assume valid TOML; it never
/// judges the syntax itself. Lines and columns count from 1, columns in Unicode scalars as
/// TOMLKit counts them, after a byte-order mark is dropped.
public struct TOMLSourceMap: Equatable, Sendable {
    public struct Position: Comparable, Hashable, Sendable {
        public var line: Int
        public var column: Int

        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        public static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }
    }

    /// A value as written after `=`.
    public struct Value: Equatable, Sendable {
        public var position: Position
        /// Where each element starts when the value is an array.
        public var elementPositions: [Position] = []
        /// The value as written, e.g. `"45m"` with its quotes; nil when it spans lines.
        public var text: String?
        /// The entries of an inline table `{ ... }`.
        public var inlineEntries: [Entry] = []
    }

    /// A `key = value` pair.
    public struct Entry: Equatable, Sendable {
        /// The parts of a dotted key, unquoted, relative to the table the entry is in.
        public var keyPath: [String]
        public var keyPosition: Position
        public var value: Value

        /// The key as written, for messages.
        public var key: String { keyPath.joined(separator: ".") }
        /// The key as it appears in the table the entry belongs to.
        public var firstComponent: String { keyPath.first ?? "" }
    }

    /// A `[name]` or `[[name]]` header and the entries under it.
    public struct Table: Equatable, Sendable {
        /// The parts of the header's dotted name, unquoted.
        public var path: [String]
        public var isArrayElement: Bool
        /// Where the header's first bracket stands.
        public var position: Position
        /// Where the name inside the brackets starts.
        public var namePosition: Position
        public var entries: [Entry] = []

        public var name: String { path.joined(separator: ".") }
    }

    /// Where a full key path is defined first.
    public struct Definition: Equatable, Sendable {
        /// The key, or the name in a `[table]` header.
        public var keyPosition: Position
        /// Nil for a table given by a header or implied by a dotted key.
        public var value: Value?
    }

    /// Entries before the first header.
    public let rootEntries: [Entry]
    /// The headers in the order they are written.
    public let tables: [Table]
    private let definitions: [[String]: Definition]

    public init(text: String) {
        var scanner = TOMLScanner(text: text)
        (rootEntries, tables) = scanner.scanDocument()
        var index = DefinitionIndex()
        index.add(rootEntries, under: [])
        for table in tables {
            index.define(table.path, at: table.namePosition, value: nil)
            index.add(table.entries, under: table.path)
        }
        definitions = index.definitions
    }

    /// By full path from the root, e.g. `["break", "sit_limit"]`, also into inline tables;
    /// for a path defined more than once, as an array of tables is, the first definition.
    public subscript(path: [String]) -> Definition? { definitions[path] }
}

private struct DefinitionIndex {
    var definitions: [[String]: Definition] = [:]

    typealias Definition = TOMLSourceMap.Definition

    mutating func add(_ entries: [TOMLSourceMap.Entry], under table: [String]) {
        for entry in entries {
            let path = table + entry.keyPath
            define(path, at: entry.keyPosition, value: entry.value)
            add(entry.value.inlineEntries, under: path)
        }
    }

    /// Defines `path` and every table its prefixes imply, keeping earlier definitions.
    mutating func define(_ path: [String], at keyPosition: TOMLSourceMap.Position, value: TOMLSourceMap.Value?) {
        for length in path.indices.dropFirst() where definitions[Array(path.prefix(length))] == nil {
            definitions[Array(path.prefix(length))] = Definition(keyPosition: keyPosition)
        }
        if definitions[path] == nil {
            definitions[path] = Definition(keyPosition: keyPosition, value: value)
        }
    }
}
