/// Reads JSON text strictly by RFC 8259: no comments, no trailing commas, no leading zeros,
/// no raw control characters or invalid UTF-8 in strings, no lone surrogates.
public enum JSONParser {
    /// How deep arrays and objects may nest. Parsing recurses once per level, so a limit keeps
    /// a hostile line on the control socket from exhausting the daemon's stack.
    public static let maximumDepth = 64

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// Bytes as they came from a file or socket: the UTF-8 inside strings is checked here.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        var reader = Reader(bytes: bytes)
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        if let extra = reader.peek { throw reader.failure(.unexpectedByte(extra, expected: "the end of the text")) }
        return value
    }
}

/// A position in the bytes being parsed, moved forward by each piece of the grammar read.
private struct Reader {
    let bytes: [UInt8]
    var position = 0

    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    func failure(_ problem: JSONSyntaxError.Problem, at offset: Int? = nil) -> JSONSyntaxError {
        JSONSyntaxError(problem, at: offset ?? position, in: bytes)
    }

    /// The next byte, which must exist: the end of the text here means `expected` is missing.
    mutating func next(expecting expected: String) throws(JSONSyntaxError) -> UInt8 {
        guard let byte = peek else { throw failure(.unexpectedEnd(expected: expected)) }
        position += 1
        return byte
    }

    mutating func expect(_ wanted: UInt8, _ expected: String) throws(JSONSyntaxError) {
        let byte = try next(expecting: expected)
        guard byte == wanted else { throw failure(.unexpectedByte(byte, expected: expected), at: position - 1) }
    }

    mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { position += 1 }
    }

    mutating func value(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard let byte = peek else { throw failure(.unexpectedEnd(expected: "a value")) }
        switch byte {
        case UInt8(ascii: "{"): return .object(try object(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try array(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw failure(.unexpectedByte(byte, expected: "a value"))
        }
    }

    mutating func literal(_ word: String, _ value: JSONValue) throws(JSONSyntaxError) -> JSONValue {
        for letter in word.utf8 { try expect(letter, word) }
        return value
    }

    mutating func number() throws(JSONSyntaxError) -> JSONNumber {
        let start = position
        position = try JSONNumber.end(of: bytes, from: start)
        return JSONNumber(checked: String(decoding: bytes[start..<position], as: UTF8.self))
    }

    mutating func array(depth: Int) throws(JSONSyntaxError) -> [JSONValue] {
        guard depth <= JSONParser.maximumDepth else { throw failure(.tooDeep(limit: JSONParser.maximumDepth)) }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            position += 1
            return elements
        }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth))
            skipWhitespace()
            switch try next(expecting: "',' or ']'") {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return elements
            case let other: throw failure(.unexpectedByte(other, expected: "',' or ']'"), at: position - 1)
            }
        }
    }

    mutating func object(depth: Int) throws(JSONSyntaxError) -> [JSONMember] {
        guard depth <= JSONParser.maximumDepth else { throw failure(.tooDeep(limit: JSONParser.maximumDepth)) }
        position += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            position += 1
            return members
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else {
                throw failure(peek.map { .unexpectedByte($0, expected: "a name in quotes") }
                    ?? .unexpectedEnd(expected: "a name in quotes"))
            }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"), "':'")
            skipWhitespace()
            members.append(JSONMember(key, try value(depth: depth)))
            skipWhitespace()
            switch try next(expecting: "',' or '}'") {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return members
            case let other: throw failure(.unexpectedByte(other, expected: "',' or '}'"), at: position - 1)
            }
        }
    }

    /// The string whose opening quote is at `position`, escapes resolved.
    mutating func string() throws(JSONSyntaxError) -> String {
        position += 1
        var utf8: [UInt8] = []
        while true {
            let byte = try next(expecting: "'\"' to close the string")
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                Unicode.UTF8.encode(try escape()) { utf8.append($0) }
            case 0..<0x20:
                throw failure(.unescapedControlCharacter(byte), at: position - 1)
            case 0..<0x80:
                utf8.append(byte)
            default:
                let length = try sequenceLength(startingAt: position - 1)
                utf8.append(contentsOf: bytes[(position - 1)..<(position - 1 + length)])
                position += length - 1
            }
        }
    }

    /// The character of the escape after a backslash.
    mutating func escape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let expected = "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u"
        switch try next(expecting: expected) {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"): return try unicodeEscape()
        case let other: throw failure(.unexpectedByte(other, expected: expected), at: position - 1)
        }
    }

    /// `\uXXXX`, or the pair `\uD8xx\uDCxx` that together spell a character beyond U+FFFF.
    mutating func unicodeEscape() throws(JSONSyntaxError) -> Unicode.Scalar {
        let start = position - 2
        let first = try hexQuad()
        switch first {
        case 0xD800...0xDBFF:
            guard bytes[position...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) else {
                throw failure(.loneSurrogate(first), at: start)
            }
            position += 2
            let second = try hexQuad()
            guard (0xDC00...0xDFFF).contains(second) else { throw failure(.loneSurrogate(first), at: start) }
            let combined = 0x10000 + (UInt32(first - 0xD800) << 10) + UInt32(second - 0xDC00)
            return Unicode.Scalar(combined)!
        case 0xDC00...0xDFFF:
            throw failure(.loneSurrogate(first), at: start)
        default:
            return Unicode.Scalar(first)!
        }
    }

    mutating func hexQuad() throws(JSONSyntaxError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = try next(expecting: "a hex digit")
            guard let digit = Self.hexDigit(byte) else {
                throw failure(.unexpectedByte(byte, expected: "a hex digit"), at: position - 1)
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The length of the well-formed UTF-8 sequence of two to four bytes at `start`, by the
    /// Unicode Standard's table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF.
    func sequenceLength(startingAt start: Int) throws(JSONSyntaxError) -> Int {
        let continuation: ClosedRange<UInt8> = 0x80...0xBF
        let (length, second): (Int, ClosedRange<UInt8>)
        switch bytes[start] {
        case 0xC2...0xDF: (length, second) = (2, continuation)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, continuation)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, continuation)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: throw failure(.invalidUTF8, at: start)
        }
        guard start + length <= bytes.count, second.contains(bytes[start + 1]),
            bytes[(start + 2)..<(start + length)].allSatisfy(continuation.contains)
        else { throw failure(.invalidUTF8, at: start) }
        return length
    }
}
