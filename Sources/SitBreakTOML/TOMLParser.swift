/// Reads the lines of a TOML 1.0 text into tables: keys and values, headers, arrays and
/// inline tables (strings are in TOMLStringSyntax.swift). No byte is looked at more than a
/// few times, so the time taken grows with the length of the text and no faster.
struct TOMLParser {
    var cursor: TOMLCursor
    private let root = TOMLTableBuilder.root()
    /// Where `key = value` lines go: the root, then the table the last header opened.
    private var section: TOMLTableBuilder

    init(validUTF8 bytes: [UInt8]) {
        cursor = TOMLCursor(validUTF8: bytes)
        section = root
    }

    mutating func parseDocument() throws(TOMLSyntaxError) -> TOMLTable {
        while cursor.current != nil {
            cursor.skipSpaces()
            var finished: String?
            if cursor.current == UInt8(ascii: "[") {
                try parseHeader()
                finished = "the table header"
            } else if cursor.current != nil, cursor.current != UInt8(ascii: "#"), !cursor.isAtLineEnd {
                try parseKeyValue(into: section, expecting: "a key or a [table] header")
                finished = "the value"
            }
            try finishLine(after: finished)
        }
        return root.build()
    }

    private func failure(_ message: String) -> TOMLSyntaxError { TOMLSyntaxError(at: cursor.position, message) }

    /// Spaces and a comment, then the end of the line or of the text.
    private mutating func finishLine(after finished: String?) throws(TOMLSyntaxError) {
        cursor.skipSpaces()
        if cursor.current == UInt8(ascii: "#") { try skipComment() }
        guard cursor.current == nil || cursor.skipLineEnd() else {
            throw failure("expected a new line\(finished.map { " after \($0)" } ?? ""), found \(cursor.describedCurrent)")
        }
    }

    private mutating func skipComment() throws(TOMLSyntaxError) {
        cursor.advance()
        while let byte = cursor.current, !cursor.isAtLineEnd {
            if isControl(byte), byte != UInt8(ascii: "\t") {
                throw failure("\(controlCharacterName(byte)) in a comment")
            }
            cursor.advance()
        }
    }

    /// Spaces, line ends and comments, as may stand between the elements of an array.
    private mutating func skipBlankLines() throws(TOMLSyntaxError) {
        repeat {
            cursor.skipSpaces()
            if cursor.current == UInt8(ascii: "#") { try skipComment() }
        } while cursor.skipLineEnd()
    }

    // MARK: Headers and keys

    private mutating func parseHeader() throws(TOMLSyntaxError) {
        let headerPosition = cursor.position
        cursor.advance()
        let isArrayOfTables = cursor.current == UInt8(ascii: "[")
        if isArrayOfTables { cursor.advance() }
        cursor.skipSpaces()
        let key = try parseKey(expecting: "a table name")
        cursor.skipSpaces()
        let closing = isArrayOfTables ? "]]" : "]"
        guard cursor.isAhead(closing) else {
            throw failure("expected '\(closing)' after the table name, found \(cursor.describedCurrent)")
        }
        cursor.advance(by: closing.utf8.count)
        section =
            isArrayOfTables
            ? try root.appendTable(at: key, headerPosition: headerPosition)
            : try root.openTable(at: key, headerPosition: headerPosition)
    }

    /// `key = value`, added to `table`.
    private mutating func parseKeyValue(into table: TOMLTableBuilder, expecting: String) throws(TOMLSyntaxError) {
        let key = try parseKey(expecting: expecting)
        cursor.skipSpaces()
        guard cursor.current == UInt8(ascii: "=") else {
            throw failure("expected '=' after key \(key.quoted), found \(cursor.describedCurrent)")
        }
        cursor.advance()
        cursor.skipSpaces()
        let value = try parseValue(depth: table.depth + key.parts.count)
        try table.add(value, at: key)
    }

    /// A key, dotted or not: `name`, `"quoted key"`, `a.'b'.c`.
    private mutating func parseKey(expecting: String) throws(TOMLSyntaxError) -> TOMLKey {
        var key = TOMLKey(parts: [], position: cursor.position)
        while true {
            key.parts.append(try parseKeyPart(expecting: key.parts.isEmpty ? expecting : "a key after '.'"))
            cursor.skipSpaces()
            guard cursor.current == UInt8(ascii: ".") else { return key }
            cursor.advance()
            cursor.skipSpaces()
        }
    }

    private mutating func parseKeyPart(expecting: String) throws(TOMLSyntaxError) -> String {
        switch cursor.current {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            if cursor.isAhead("\"\"\"") || cursor.isAhead("'''") { throw failure("a key cannot be a multi-line string") }
            return cursor.current == UInt8(ascii: "\"") ? try parseBasicString() : try parseLiteralString()
        case let byte? where isBareKeyByte(byte):
            return String(decoding: cursor.bytes[cursor.skip(while: isBareKeyByte)], as: UTF8.self)
        default:
            throw failure("expected \(expecting), found \(cursor.describedCurrent)")
        }
    }

    // MARK: Values

    /// A value that makes the container it is in `depth` levels deep.
    private mutating func parseValue(depth: Int) throws(TOMLSyntaxError) -> TOMLValue {
        let start = cursor.offset
        let position = cursor.position
        let kind: TOMLValue.Kind =
            switch cursor.current {
            case UInt8(ascii: "\""):
                .string(cursor.isAhead("\"\"\"") ? try parseMultiLineBasicString() : try parseBasicString())
            case UInt8(ascii: "'"):
                .string(cursor.isAhead("'''") ? try parseMultiLineLiteralString() : try parseLiteralString())
            case UInt8(ascii: "["): .array(try parseArray(depth: depth))
            case UInt8(ascii: "{"): .table(try parseInlineTable(depth: depth))
            default: try parseWord()
            }
        return TOMLValue(kind: kind, position: position, span: start..<cursor.offset)
    }

    private mutating func parseArray(depth: Int) throws(TOMLSyntaxError) -> [TOMLValue] {
        let opening = cursor.position
        guard depth <= TOMLSyntaxError.deepestNesting else { throw .nestingTooDeep(at: opening) }
        let unterminated = TOMLSyntaxError(at: opening, "unterminated array: no ']' closes this '['")
        cursor.advance()
        var elements: [TOMLValue] = []
        while true {
            try skipBlankLines()
            if cursor.current == UInt8(ascii: "]") { break }
            guard cursor.current != nil else { throw unterminated }
            elements.append(try parseValue(depth: depth + 1))
            try skipBlankLines()
            if cursor.current == UInt8(ascii: ",") {
                cursor.advance()
            } else if cursor.current == UInt8(ascii: "]") {
                break
            } else {
                guard cursor.current != nil else { throw unterminated }
                throw failure("expected ',' or ']' after an array element, found \(cursor.describedCurrent)")
            }
        }
        cursor.advance()
        return elements
    }

    /// `{ key = value, … }`: on one line, no comma after the last value.
    private mutating func parseInlineTable(depth: Int) throws(TOMLSyntaxError) -> TOMLTable {
        let opening = cursor.position
        guard depth <= TOMLSyntaxError.deepestNesting else { throw .nestingTooDeep(at: opening) }
        let table = TOMLTableBuilder(origin: .defined, keyPosition: opening, position: opening, depth: depth)
        cursor.advance()
        cursor.skipSpaces()
        if cursor.current == UInt8(ascii: "}") {
            cursor.advance()
            return table.build()
        }
        while true {
            try refuseLineEndInInlineTable(opening: opening)
            try parseKeyValue(into: table, expecting: "a key")
            cursor.skipSpaces()
            switch cursor.current {
            case UInt8(ascii: ","):
                cursor.advance()
                cursor.skipSpaces()
                if cursor.current == UInt8(ascii: "}") {
                    throw failure("no comma may follow the last value of an inline table")
                }
            case UInt8(ascii: "}"):
                cursor.advance()
                return table.build()
            default:
                try refuseLineEndInInlineTable(opening: opening)
                throw failure("expected ',' or '}' after a value in an inline table, found \(cursor.describedCurrent)")
            }
        }
    }

    private func refuseLineEndInInlineTable(opening: TOMLPosition) throws(TOMLSyntaxError) {
        if cursor.current == nil {
            throw TOMLSyntaxError(at: opening, "unterminated inline table: no '}' closes this '{'")
        }
        if cursor.isAtLineEnd || cursor.current == UInt8(ascii: "#") {
            throw failure("an inline table must end on the line it starts (at \(opening)); use a [table] for more lines")
        }
    }

    /// A number, boolean, date or time: a run of bytes up to a space, comma, bracket or comment.
    private mutating func parseWord() throws(TOMLSyntaxError) -> TOMLValue.Kind {
        let position = cursor.position
        let start = cursor.offset
        let isWordByte = { (byte: UInt8) in !isSpaceOrTab(byte) && !isControl(byte) && !"#,[]{}\"'=".utf8.contains(byte) }
        _ = cursor.skip(while: isWordByte)
        // A local date-time may hold a space: `1979-05-27 07:32:00`.
        if TOMLDateTime.isDate(cursor.bytes[start..<cursor.offset]), cursor.current == UInt8(ascii: " "),
            cursor.byte(ahead: 1).map(isDecimalDigit) == true
        {
            cursor.advance()
            _ = cursor.skip(while: isWordByte)
        }
        let word = cursor.bytes[start..<cursor.offset]
        guard !word.isEmpty else { throw failure("expected a value, found \(cursor.describedCurrent)") }
        if word.elementsEqual("true".utf8) { return .boolean(true) }
        if word.elementsEqual("false".utf8) { return .boolean(false) }
        do throws(InvalidWord) {
            if let dateTime = try TOMLDateTime.parse(word) { return .dateTime(dateTime) }
            if let number = try TOMLNumberSyntax.parse(word) { return number }
        } catch {
            throw TOMLSyntaxError(at: position, error.message)
        }
        throw TOMLSyntaxError(at: position, "expected a value, found \(shown(String(decoding: word, as: UTF8.self)))")
    }
}
