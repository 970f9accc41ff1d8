/// The four kinds of TOML string: basic `"…"` with escapes, literal `'…'` as written, and
/// their multi-line forms `"""…"""` and `'''…'''`.
extension TOMLParser {
    mutating func parseBasicString() throws(TOMLSyntaxError) -> String {
        let opening = cursor.position
        cursor.advance()
        var text: [UInt8] = []
        while true {
            guard let byte = cursor.current, !cursor.isAtLineEnd else {
                throw TOMLSyntaxError(at: opening, "unterminated string: close it with \" on the same line")
            }
            switch byte {
            case UInt8(ascii: "\""):
                cursor.advance()
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"): try parseEscape(into: &text)
            default: try append(byte, to: &text)
            }
        }
    }

    mutating func parseLiteralString() throws(TOMLSyntaxError) -> String {
        let opening = cursor.position
        cursor.advance()
        var text: [UInt8] = []
        while true {
            guard let byte = cursor.current, !cursor.isAtLineEnd else {
                throw TOMLSyntaxError(at: opening, "unterminated string: close it with ' on the same line")
            }
            if byte == UInt8(ascii: "'") {
                cursor.advance()
                return String(decoding: text, as: UTF8.self)
            }
            try append(byte, to: &text)
        }
    }

    mutating func parseMultiLineBasicString() throws(TOMLSyntaxError) -> String {
        try parseMultiLineString(quote: UInt8(ascii: "\"")) { parser, text throws(TOMLSyntaxError) in
            guard parser.cursor.current == UInt8(ascii: "\\") else { return false }
            if !parser.skipLineEndingBackslash() { try parser.parseEscape(into: &text) }
            return true
        }
    }

    mutating func parseMultiLineLiteralString() throws(TOMLSyntaxError) -> String {
        try parseMultiLineString(quote: UInt8(ascii: "'")) { _, _ throws(TOMLSyntaxError) in false }
    }

    /// The frame both multi-line strings share; `readEscape` reads what a backslash starts and
    /// returns true, or returns false where a backslash is just a backslash.
    private mutating func parseMultiLineString(
        quote: UInt8, readEscape: (inout TOMLParser, inout [UInt8]) throws(TOMLSyntaxError) -> Bool
    ) throws(TOMLSyntaxError) -> String {
        let opening = cursor.position
        cursor.advance(by: 3)
        // A line end right after the opening quotes is not part of the string.
        _ = cursor.skipLineEnd()
        var text: [UInt8] = []
        while let byte = cursor.current {
            if byte == quote {
                if closesString(quote: quote, text: &text) { return String(decoding: text, as: UTF8.self) }
            } else if cursor.skipLineEnd() {
                text.append(UInt8(ascii: "\n"))
            } else if try !readEscape(&self, &text) {
                try append(byte, to: &text)
            }
        }
        let delimiter = String(repeating: Character(Unicode.Scalar(quote)), count: 3)
        throw TOMLSyntaxError(at: opening, "unterminated multi-line string: no \(delimiter) closes it")
    }

    /// At a quote in a multi-line string: steps over the run of quotes, keeping those that are
    /// text. Three end the string, and up to two more before them are text (`"""a"""""`).
    private mutating func closesString(quote: UInt8, text: inout [UInt8]) -> Bool {
        var run = 0
        while run < 5, cursor.byte(ahead: run) == quote { run += 1 }
        cursor.advance(by: run)
        let closes = run >= 3
        text.append(contentsOf: repeatElement(quote, count: closes ? run - 3 : run))
        return closes
    }

    /// A backslash that ends a line in a `"""` string joins the next text to it: the line end,
    /// and the spaces and line ends after it, are dropped. False when the backslash ends no line.
    private mutating func skipLineEndingBackslash() -> Bool {
        var distance = 1
        while let byte = cursor.byte(ahead: distance), isSpaceOrTab(byte) { distance += 1 }
        let lineEnd = cursor.byte(ahead: distance)
        guard lineEnd == UInt8(ascii: "\n")
            || (lineEnd == UInt8(ascii: "\r") && cursor.byte(ahead: distance + 1) == UInt8(ascii: "\n"))
        else { return false }
        cursor.advance(by: distance)
        repeat { cursor.skipSpaces() } while cursor.skipLineEnd()
        return true
    }

    /// `\n`, `\"`, `\u00E9`, `\U0001F600` and the like, at the backslash.
    private mutating func parseEscape(into text: inout [UInt8]) throws(TOMLSyntaxError) {
        let backslash = cursor.position
        cursor.advance()
        guard let letter = cursor.current, !cursor.isAtLineEnd else {
            throw TOMLSyntaxError(at: backslash, "a backslash must start an escape such as \\n or \\\\")
        }
        let simple: [UInt8: UInt8] = [
            UInt8(ascii: "b"): 0x08, UInt8(ascii: "t"): 0x09, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "f"): 0x0C,
            UInt8(ascii: "r"): 0x0D, UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"),
        ]
        if let replacement = simple[letter] {
            cursor.advance()
            text.append(replacement)
            return
        }
        guard letter == UInt8(ascii: "u") || letter == UInt8(ascii: "U") else {
            let shownLetter = isControl(letter) ? controlCharacterName(letter) : cursor.describedCurrent
            throw TOMLSyntaxError(
                at: backslash,
                "invalid escape: a backslash before \(shownLetter); write \\\\ for a backslash, or use a 'literal string'")
        }
        let count = letter == UInt8(ascii: "u") ? 4 : 8
        let escape = "\\" + String(Unicode.Scalar(letter))
        cursor.advance()
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let digit = cursor.current.flatMap(hexadecimalDigitValue) else {
                throw TOMLSyntaxError(at: backslash, "\(escape) must be followed by \(count) hexadecimal digits")
            }
            value = value * 16 + UInt32(digit)
            cursor.advance()
        }
        guard let scalar = Unicode.Scalar(value) else {
            let digits = String(value, radix: 16, uppercase: true)
            throw TOMLSyntaxError(
                at: backslash,
                "\(escape)\(String(repeating: "0", count: max(0, count - digits.count)))\(digits) is not a Unicode scalar value")
        }
        UTF8.encode(scalar) { text.append($0) }
    }

    /// A byte of a string as written; control characters other than tab must be escaped.
    private mutating func append(_ byte: UInt8, to text: inout [UInt8]) throws(TOMLSyntaxError) {
        if isControl(byte), byte != UInt8(ascii: "\t") {
            let code = unicodeName(Unicode.Scalar(byte)).dropFirst(2)
            throw TOMLSyntaxError(
                at: cursor.position, "\(controlCharacterName(byte)) in a string; write it as the escape \\u\(code)")
        }
        text.append(byte)
        cursor.advance()
    }
}
