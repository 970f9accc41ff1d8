/// Where the headers, keys and values of a TOML text sit, which TOMLKit's values don't say.
///
/// Built only from text TOMLKit has already accepted, so the scan may assume valid TOML.
/// Lines and columns count from 1; columns count Unicode scalars.
struct TOMLSourceMap: Equatable {
    struct Position: Comparable {
        var line: Int
        var column: Int

        static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }
    }

    /// A `key = value` line.
    struct Entry: Equatable {
        /// The parts of a dotted key, quotes removed.
        var keyPath: [String]
        var keyPosition: Position
        var valuePosition: Position
        /// Where each element starts when the value is an array.
        var elementPositions: [Position]

        /// The key as written, for messages.
        var key: String { keyPath.joined(separator: ".") }
        /// The key as it appears in the table the entry belongs to.
        var firstComponent: String { keyPath.first ?? "" }
    }

    /// A `[name]` or `[[name]]` header and the entries under it.
    struct Table: Equatable {
        var name: String
        var isArrayElement: Bool
        var position: Position
        var entries: [Entry]
    }

    /// Entries before the first header.
    var rootEntries: [Entry] = []
    var tables: [Table] = []

    init(text: String) {
        var cursor = Cursor(scalars: Array(text.unicodeScalars))
        while let next = cursor.skipBlankLinesAndComments() {
            if next == "[" {
                tables.append(cursor.readHeader())
            } else {
                let entry = cursor.readEntry()
                if tables.isEmpty {
                    rootEntries.append(entry)
                } else {
                    tables[tables.count - 1].entries.append(entry)
                }
            }
        }
    }
}

private struct Cursor {
    let scalars: [Unicode.Scalar]
    var index = 0
    var position = TOMLSourceMap.Position(line: 1, column: 1)

    init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func peek(_ offset: Int) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    func starts(with text: String) -> Bool {
        text.unicodeScalars.enumerated().allSatisfy { peek($0.offset) == $0.element }
    }

    mutating func advance(_ count: Int = 1) {
        for _ in 0..<count where index < scalars.count {
            if scalars[index] == "\n" {
                position.line += 1
                position.column = 1
            } else {
                position.column += 1
            }
            index += 1
        }
    }

    mutating func skipSpaces() {
        while let c = current, c == " " || c == "\t" || c == "\r" { advance() }
    }

    mutating func skipComment() {
        while let c = current, c != "\n" { advance() }
    }

    /// Skips to the next header or key and returns its first scalar, or nil at the end.
    mutating func skipBlankLinesAndComments() -> Unicode.Scalar? {
        while let c = current {
            switch c {
            case " ", "\t", "\r", "\n": advance()
            case "#": skipComment()
            default: return c
            }
        }
        return nil
    }

    /// Inside arrays and inline tables newlines, commas and comments all just separate values.
    mutating func skipSeparators() {
        while let c = current {
            switch c {
            case " ", "\t", "\r", "\n", ",": advance()
            case "#": skipComment()
            default: return
            }
        }
    }

    mutating func readHeader() -> TOMLSourceMap.Table {
        let start = position
        let isArrayElement = peek(1) == "["
        advance(isArrayElement ? 2 : 1)
        skipSpaces()
        let name = readKey(until: "]").joined(separator: ".")
        advance(isArrayElement ? 2 : 1)
        skipComment()
        return TOMLSourceMap.Table(name: name, isArrayElement: isArrayElement, position: start, entries: [])
    }

    mutating func readEntry() -> TOMLSourceMap.Entry {
        let keyPosition = position
        let keyPath = readKey(until: "=")
        advance()
        skipSpaces()
        let valuePosition = position
        let elements = skipValue()
        skipSpaces()
        if current == "#" { skipComment() }
        return TOMLSourceMap.Entry(
            keyPath: keyPath, keyPosition: keyPosition, valuePosition: valuePosition, elementPositions: elements)
    }

    /// Reads a bare, quoted or dotted key up to `terminator`, which is left unread.
    mutating func readKey(until terminator: Unicode.Scalar) -> [String] {
        var parts: [String] = []
        var part = ""
        while let c = current, c != terminator {
            switch c {
            case "\"", "'":
                part += readQuoted()
            case ".":
                parts.append(part)
                part = ""
                advance()
            case " ", "\t":
                advance()
            default:
                part.unicodeScalars.append(c)
                advance()
            }
        }
        parts.append(part)
        return parts
    }

    /// A one-line basic or literal string; returns its text with escapes kept as written.
    mutating func readQuoted() -> String {
        let quote = current
        advance()
        var text = ""
        while let c = current, c != quote {
            if quote == "\"" && c == "\\" {
                text.unicodeScalars.append(c)
                advance()
            }
            if let escaped = current { text.unicodeScalars.append(escaped) }
            advance()
        }
        advance()
        return text
    }

    /// Skips one value of any type; for an array returns where its elements start.
    mutating func skipValue() -> [TOMLSourceMap.Position] {
        if starts(with: "\"\"\"") || starts(with: "'''") {
            skipMultilineString()
        } else if current == "\"" || current == "'" {
            _ = readQuoted()
        } else if current == "[" {
            return skipArray()
        } else if current == "{" {
            skipInlineTable()
        } else {
            while let c = current, !",]}#\n".unicodeScalars.contains(c) { advance() }
        }
        return []
    }

    mutating func skipMultilineString() {
        let delimiter = current == "\"" ? "\"\"\"" : "'''"
        let isBasic = current == "\""
        advance(3)
        while current != nil, !starts(with: delimiter) {
            advance(isBasic && current == "\\" ? 2 : 1)
        }
        advance(3)
        // A closing delimiter may be followed by up to two quotes that belong to the string.
        while let c = current, c == delimiter.unicodeScalars.first { advance() }
    }

    mutating func skipArray() -> [TOMLSourceMap.Position] {
        var elements: [TOMLSourceMap.Position] = []
        advance()
        skipSeparators()
        while let c = current, c != "]" {
            elements.append(position)
            _ = skipValue()
            skipSeparators()
        }
        advance()
        return elements
    }

    mutating func skipInlineTable() {
        advance()
        skipSeparators()
        while let c = current, c != "}" {
            _ = readKey(until: "=")
            advance()
            skipSpaces()
            _ = skipValue()
            skipSeparators()
        }
        advance()
    }
}
