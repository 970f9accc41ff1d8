/// A TOML text, read: its root table, and the text itself, so that a message can show a
/// value as it is written.
public struct TOMLDocument: Sendable {
    public let root: TOMLTable
    private let utf8: [UInt8]

    public init(parsing text: String) throws(TOMLSyntaxError) {
        try self.init(validUTF8: Array(text.utf8))
    }

    /// Bytes that should be UTF-8 text: the first that is not is an error at its place.
    public init(parsingUTF8 bytes: [UInt8]) throws(TOMLSyntaxError) {
        try Self.checkUTF8(bytes)
        try self.init(validUTF8: bytes)
    }

    /// A file's bytes as text, or an error at the first that is not UTF-8.
    public static func text(fromUTF8 bytes: [UInt8]) throws(TOMLSyntaxError) -> String {
        try checkUTF8(bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func checkUTF8(_ bytes: [UInt8]) throws(TOMLSyntaxError) {
        if let invalid = firstInvalidUTF8(in: bytes) {
            throw TOMLSyntaxError(at: invalid, "invalid UTF-8; save the file as UTF-8 text")
        }
    }

    private init(validUTF8 bytes: [UInt8]) throws(TOMLSyntaxError) {
        var parser = TOMLParser(validUTF8: bytes)
        root = try parser.parseDocument()
        utf8 = bytes
    }

    /// The value as written, e.g. `"45m"` with its quotes, or `[1, 2]`; nil for a table or
    /// array of tables that headers or dotted keys make.
    public func writtenText(of value: TOMLValue) -> String? {
        guard let span = value.span, span.upperBound <= utf8.count else { return nil }
        return String(decoding: utf8[span], as: UTF8.self)
    }

    private static func firstInvalidUTF8(in bytes: [UInt8]) -> TOMLPosition? {
        var parser = Unicode.UTF8.ForwardParser()
        var input = bytes.makeIterator()
        var position = TOMLPosition(line: 1, column: 1)
        var isFirst = true
        while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded):
                let scalar = UTF8.decode(encoded)
                if scalar == "\n" {
                    position.line += 1
                    position.column = 1
                } else if !(isFirst && scalar == "\u{FEFF}") {
                    position.column += 1
                }
                isFirst = false
            case .emptyInput: return nil
            case .error: return position
            }
        }
    }
}
