/// Writes JSON text the way Foundation's JSONEncoder did with `.withoutEscapingSlashes`, so
/// that what status bars and scripts already parse comes out byte for byte the same.
public enum JSONWriter {
    public struct Options: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Foundation's layout: one member or element per line, two spaces per level,
        /// `"key" : value`, and an empty array or object as its brackets around a blank line.
        public static let prettyPrinted = Options(rawValue: 1 << 0)
        /// Object members in the byte order of their UTF-8 keys, as Foundation sorts them.
        public static let sortedKeys = Options(rawValue: 1 << 1)
    }

    /// `depth` places the value inside a document being written piece by piece: its inner
    /// lines are indented as a value that many levels down.
    public static func text(of value: JSONValue, options: Options = [], depth: Int = 0) -> String {
        var output = Output(options: options)
        output.write(value, depth: depth)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    /// Members in the order `options` writes them: sorted by the bytes of their keys, or as given.
    public static func ordered(_ members: [JSONMember], options: Options) -> [JSONMember] {
        options.contains(.sortedKeys) ? members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } : members
    }
}

private struct Output {
    let options: JSONWriter.Options
    var bytes: [UInt8] = []

    var pretty: Bool { options.contains(.prettyPrinted) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func write(_ value: JSONValue, depth: Int) {
        switch value {
        case .null: append("null")
        case .bool(let truth): append(truth ? "true" : "false")
        case .number(let number): append(number.text)
        case .string(let string): write(string)
        case .array(let elements):
            writeContainer("[", elements, "]", depth: depth) { $0.write($1, depth: depth + 1) }
        case .object(let members):
            writeContainer("{", JSONWriter.ordered(members, options: options), "}", depth: depth) { output, member in
                output.write(member.key)
                output.append(output.pretty ? " : " : ":")
                output.write(member.value, depth: depth + 1)
            }
        }
    }

    mutating func writeContainer<Element>(
        _ open: String, _ elements: [Element], _ close: String, depth: Int,
        writeElement: (inout Output, Element) -> Void
    ) {
        append(open)
        for (index, element) in elements.enumerated() {
            if index > 0 { append(",") }
            newline(depth: depth + 1)
            writeElement(&self, element)
        }
        if pretty && elements.isEmpty { append("\n") }
        newline(depth: depth)
        append(close)
    }

    mutating func newline(depth: Int) {
        guard pretty else { return }
        append("\n")
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// A string in quotes: `"` and `\` escaped, control characters as `\n`-style or `\u00XX`
    /// escapes, and everything else (`/`, DEL, U+2028, all of Unicode) as it is.
    mutating func write(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x08: append("\\b")
            case 0x09: append("\\t")
            case 0x0A: append("\\n")
            case 0x0C: append("\\f")
            case 0x0D: append("\\r")
            case 0..<0x20:
                append(byte < 0x10 ? "\\u000" : "\\u00")
                append(String(byte, radix: 16))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
