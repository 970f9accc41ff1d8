/// A place in a text: 1-based line and column, columns counted in Unicode scalars as TOMLKit does.
struct SourcePosition: Comparable, Sendable {
    var line: Int
    var column: Int

    static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}

/// Where each key and value of a TOML text is written. TOMLKit gives positions only for
/// syntax errors, so this re-reads a text TOMLKit has already accepted, just closely enough
/// to find keys, values and array elements; it never judges the syntax itself.
struct TOMLSourceMap {
    struct Entry: Equatable {
        /// The key, or the name in a `[table]` header.
        var key: SourcePosition
        /// The value; nil for a table given by a header or implied by a dotted key.
        var value: SourcePosition?
        /// Where each element of an array value starts.
        var elements: [SourcePosition] = []
        /// The value as written, when it fits on one line.
        var text: String?
    }

    /// Keyed by the full path, e.g. `["break", "sit_limit"]`; the first definition wins.
    let entries: [[String]: Entry]

    init(text: String) {
        var scanner = TOMLScanner(text: text)
        scanner.scanDocument()
        entries = scanner.entries
    }

    subscript(path: [String]) -> Entry? { entries[path] }
}

private struct TOMLScanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private(set) var entries: [[String]: TOMLSourceMap.Entry] = [:]

    init(text: String) {
        scalars = Array(text.unicodeScalars)
        // toml++ drops a byte-order mark before counting columns.
        if scalars.first == "\u{FEFF}" { index = 1 }
    }

    private var position: SourcePosition { SourcePosition(line: line, column: column) }
    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func isAhead(_ literal: String) -> Bool {
        var probe = index
        for scalar in literal.unicodeScalars {
            guard probe < scalars.count, scalars[probe] == scalar else { return false }
            probe += 1
        }
        return true
    }

    private mutating func advance(by count: Int = 1) {
        for _ in 0..<count where index < scalars.count {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
    }

    private mutating func skipSpaces() {
        while current == " " || current == "\t" { advance() }
    }

    /// Whitespace, line breaks and comments, as may stand between array elements.
    private mutating func skipBlank() {
        while let scalar = current {
            switch scalar {
            case " ", "\t", "\r", "\n": advance()
            case "#": skipComment()
            default: return
            }
        }
    }

    private mutating func skipComment() {
        while let scalar = current, scalar != "\n" { advance() }
    }

    /// Runs `body` and steps over one scalar if it consumed nothing, so text this scanner
    /// does not expect can never stall it.
    private mutating func progressing(_ body: (inout TOMLScanner) -> Void) {
        let before = index
        body(&self)
        if index == before { advance() }
    }

    mutating func scanDocument() {
        var table: [String] = []
        while let scalar = current {
            switch scalar {
            case " ", "\t", "\r", "\n": advance()
            case "#": skipComment()
            case "[": table = scanHeader()
            default: progressing { $0.scanKeyValue(in: table) }
            }
        }
    }

    private mutating func scanHeader() -> [String] {
        advance()
        if current == "[" { advance() }
        skipSpaces()
        let (path, start) = scanKey()
        record(path, key: start)
        while current == "]" { advance() }
        return path
    }

    private mutating func scanKeyValue(in table: [String]) {
        let (key, start) = scanKey()
        skipSpaces()
        if current == "=" { advance() }
        skipSpaces()
        scanValue(at: table + key, keyStart: start)
    }

    /// A dotted key such as `a."b c".d`, with its parts unquoted.
    private mutating func scanKey() -> (path: [String], start: SourcePosition) {
        let start = position
        var parts: [String] = []
        while true {
            skipSpaces()
            parts.append(scanKeyPart())
            skipSpaces()
            guard current == "." else { return (parts, start) }
            advance()
        }
    }

    private mutating func scanKeyPart() -> String {
        if current == "\"" || current == "'" { return scanSingleLineString() }
        var part = String.UnicodeScalarView()
        while let scalar = current, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            || scalar == "_" || scalar == "-"
        {
            part.append(scalar)
            advance()
        }
        return String(part)
    }

    private mutating func scanValue(at path: [String], keyStart: SourcePosition) {
        let start = position
        let startIndex = index
        let elements = scanValue(inlineTablePath: path)
        let written = scalars[startIndex..<index]
        let text = written.contains("\n") ? nil : String(String.UnicodeScalarView(written))
        record(path, key: keyStart, value: start, elements: elements, text: text)
    }

    /// Steps over one value and returns where its elements start if it is an array. Keys of an
    /// inline table are recorded under `inlineTablePath`; nil inside arrays, as nothing in a
    /// config refers to those by key.
    private mutating func scanValue(inlineTablePath: [String]?) -> [SourcePosition] {
        switch current {
        case "[": return scanArray()
        case "{": scanInlineTable(path: inlineTablePath)
        case "\"", "'": scanString()
        default: scanBare()
        }
        return []
    }

    private mutating func scanArray() -> [SourcePosition] {
        advance()
        var elements: [SourcePosition] = []
        skipBlank()
        while let scalar = current, scalar != "]" {
            elements.append(position)
            progressing { _ = $0.scanValue(inlineTablePath: nil) }
            skipBlank()
            // A local date-time may hold a space ("1979-05-27 07:32:00"): its second half.
            while let scalar = current, scalar != ",", scalar != "]" {
                progressing { $0.scanBare() }
                skipBlank()
            }
            if current == "," { advance() }
            skipBlank()
        }
        advance()
        return elements
    }

    private mutating func scanInlineTable(path: [String]?) {
        advance()
        skipBlank()
        while let scalar = current, scalar != "}" {
            progressing { scanner in
                let (key, start) = scanner.scanKey()
                scanner.skipSpaces()
                if scanner.current == "=" { scanner.advance() }
                scanner.skipSpaces()
                if let path {
                    scanner.scanValue(at: path + key, keyStart: start)
                } else {
                    _ = scanner.scanValue(inlineTablePath: nil)
                }
            }
            skipBlank()
            if current == "," { advance() }
            skipBlank()
        }
        advance()
    }

    private mutating func scanString() {
        if isAhead("\"\"\"") || isAhead("'''") {
            scanMultiLineString()
        } else {
            _ = scanSingleLineString()
        }
    }

    /// A basic ("...") or literal ('...') string on one line; returns its contents.
    private mutating func scanSingleLineString() -> String {
        guard let quote = current else { return "" }
        advance()
        var contents = String.UnicodeScalarView()
        while let scalar = current, scalar != quote, scalar != "\n" {
            if quote == "\"", scalar == "\\" {
                advance()
                contents.append(contentsOf: scanEscape())
            } else {
                contents.append(scalar)
                advance()
            }
        }
        if current == quote { advance() }
        return String(contents)
    }

    /// The scalar an escape such as `\n` or `\u00E9` stands for; the backslash is already consumed.
    private mutating func scanEscape() -> [Unicode.Scalar] {
        guard let letter = current else { return [] }
        advance()
        let simple: [Unicode.Scalar: Unicode.Scalar] = [
            "b": "\u{08}", "t": "\t", "n": "\n", "f": "\u{0C}", "r": "\r", "e": "\u{1B}",
            "\"": "\"", "\\": "\\",
        ]
        if let replacement = simple[letter] { return [replacement] }
        let digits = letter == "u" ? 4 : letter == "U" ? 8 : letter == "x" ? 2 : 0
        var hex = ""
        for _ in 0..<digits {
            guard let scalar = current else { break }
            hex.unicodeScalars.append(scalar)
            advance()
        }
        guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else { return [] }
        return [scalar]
    }

    private mutating func scanMultiLineString() {
        guard let quote = current else { return }
        let delimiter = String(repeating: String(quote), count: 3)
        advance(by: 3)
        while current != nil, !isAhead(delimiter) {
            advance(by: quote == "\"" && current == "\\" ? 2 : 1)
        }
        advance(by: 3)
        // Up to two quotes may sit right before the closing delimiter: `"""a"""""`.
        for _ in 0..<2 where current == quote { advance() }
    }

    /// Numbers, booleans, dates: up to the next space, separator or comment.
    private mutating func scanBare() {
        let terminators: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n", ",", "]", "}", "#"]
        while let scalar = current, !terminators.contains(scalar) { advance() }
    }

    private mutating func record(
        _ path: [String], key: SourcePosition, value: SourcePosition? = nil,
        elements: [SourcePosition] = [], text: String? = nil
    ) {
        for length in 1..<max(path.count, 1) where entries[Array(path.prefix(length))] == nil {
            entries[Array(path.prefix(length))] = TOMLSourceMap.Entry(key: key)
        }
        if entries[path] == nil {
            entries[path] = TOMLSourceMap.Entry(key: key, value: value, elements: elements, text: text)
        }
    }
}
