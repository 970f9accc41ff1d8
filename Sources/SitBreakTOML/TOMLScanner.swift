/// Steps through a TOML text just closely enough to find headers, keys, values and array
/// elements, counting lines and columns as it goes.
struct TOMLScanner {
    typealias Position = TOMLSourceMap.Position

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var position = Position(line: 1, column: 1)

    init(text: String) {
        scalars = Array(text.unicodeScalars)
        // toml++ drops a byte-order mark before counting columns.
        if scalars.first == "\u{FEFF}" { index = 1 }
    }

    mutating func scanDocument() -> (rootEntries: [TOMLSourceMap.Entry], tables: [TOMLSourceMap.Table]) {
        var rootEntries: [TOMLSourceMap.Entry] = []
        var tables: [TOMLSourceMap.Table] = []
        while let next = skipBlank() {
            if next == "[" {
                tables.append(scanHeader())
            } else {
                let entry = progressing { $0.scanEntry() }
                if tables.isEmpty {
                    rootEntries.append(entry)
                } else {
                    tables[tables.count - 1].entries.append(entry)
                }
            }
        }
        return (rootEntries, tables)
    }

    // MARK: Stepping

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
                position.line += 1
                position.column = 1
            } else {
                position.column += 1
            }
            index += 1
        }
    }

    /// Steps over `scalar` if it is next.
    private mutating func skip(_ scalar: Unicode.Scalar) {
        if current == scalar { advance() }
    }

    private mutating func skipSpaces() {
        while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\r" { advance() }
    }

    /// Whitespace, line breaks and comments, as stand between entries and between array
    /// elements; returns the scalar after them, nil at the end.
    @discardableResult
    private mutating func skipBlank() -> Unicode.Scalar? {
        while let scalar = current {
            switch scalar {
            case " ", "\t", "\r", "\n": advance()
            case "#": while current != nil, current != "\n" { advance() }
            default: return scalar
            }
        }
        return nil
    }

    /// Runs `scan` and steps over one scalar if it consumed nothing, so text this scanner
    /// does not expect can never stall it.
    private mutating func progressing<Result>(_ scan: (inout TOMLScanner) -> Result) -> Result {
        let before = index
        let result = scan(&self)
        if index == before { advance() }
        return result
    }

    // MARK: Headers and keys

    private mutating func scanHeader() -> TOMLSourceMap.Table {
        let start = position
        advance()
        let isArrayElement = current == "["
        if isArrayElement { advance() }
        skipSpaces()
        let namePosition = position
        let path = scanKey()
        skip("]")
        if isArrayElement { skip("]") }
        return TOMLSourceMap.Table(
            path: path, isArrayElement: isArrayElement, position: start, namePosition: namePosition)
    }

    private mutating func scanEntry() -> TOMLSourceMap.Entry {
        let keyPosition = position
        let keyPath = scanKey()
        skip("=")
        skipSpaces()
        return TOMLSourceMap.Entry(keyPath: keyPath, keyPosition: keyPosition, value: scanValue())
    }

    /// A dotted key such as `a."b c".d`, with its parts unquoted; stops before `=` or `]`.
    private mutating func scanKey() -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            parts.append(scanKeyPart())
            skipSpaces()
            guard current == "." else { return parts }
            advance()
        }
    }

    private mutating func scanKeyPart() -> String {
        if current == "\"" || current == "'" { return scanSingleLineString() }
        let delimiters: Set<Unicode.Scalar> = [
            " ", "\t", "\r", "\n", ".", "=", "[", "]", "{", "}", ",", "#", "\"", "'",
        ]
        var part = String.UnicodeScalarView()
        while let scalar = current, !delimiters.contains(scalar) {
            part.append(scalar)
            advance()
        }
        return String(part)
    }

    // MARK: Values

    private mutating func scanValue() -> TOMLSourceMap.Value {
        let startIndex = index
        var value = TOMLSourceMap.Value(position: position)
        switch current {
        case "[": value.elementPositions = scanArray()
        case "{": value.inlineEntries = scanInlineTable()
        case "\"", "'": scanString()
        default: scanBare()
        }
        let written = scalars[startIndex..<index]
        value.text = written.contains("\n") ? nil : String(String.UnicodeScalarView(written))
        return value
    }

    private mutating func scanArray() -> [Position] {
        advance()
        var elements: [Position] = []
        while let next = skipBlank(), next != "]" {
            elements.append(position)
            _ = progressing { $0.scanValue() }
            skipBlank()
            skip(",")
        }
        advance()
        return elements
    }

    private mutating func scanInlineTable() -> [TOMLSourceMap.Entry] {
        advance()
        var entries: [TOMLSourceMap.Entry] = []
        while let next = skipBlank(), next != "}" {
            entries.append(progressing { $0.scanEntry() })
            skipBlank()
            skip(",")
        }
        advance()
        return entries
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
        skip(quote)
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

    /// Numbers, booleans, dates and times: up to the next space, separator or comment.
    private mutating func scanBare() {
        scanWord()
        // A local date-time may hold a space ("1979-05-27 07:32:00"): take its second half too.
        var probe = index
        while probe < scalars.count, scalars[probe] == " " || scalars[probe] == "\t" { probe += 1 }
        if probe > index, probe < scalars.count, ("0"..."9").contains(scalars[probe]) {
            advance(by: probe - index)
            scanWord()
        }
    }

    private mutating func scanWord() {
        let terminators: Set<Unicode.Scalar> = [" ", "\t", "\r", "\n", ",", "]", "}", "#"]
        while let scalar = current, !terminators.contains(scalar) { advance() }
    }
}
