/// Why a text is not JSON, and where: the byte offset for programs, line and column for people.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        /// The text stopped where `expected` (in words, e.g. "',' or ']'") should have come.
        case unexpectedEnd(expected: String)
        case unexpectedByte(UInt8, expected: String)
        /// `01`: RFC 8259 allows no leading zeros, and other readers would take it for octal.
        case leadingZero
        /// A raw byte below 0x20 inside a string: JSON strings spell those as escapes.
        case unescapedControlCharacter(UInt8)
        /// A `\uD800`-`\uDFFF` escape not in a high-low pair: it stands for no character.
        case loneSurrogate(UInt16)
        case invalidUTF8
        /// Arrays and objects nested past the limit: each level costs stack, and no document
        /// of ours goes past a handful.
        case tooDeep(limit: Int)

        public var description: String {
            switch self {
            case .unexpectedEnd(let expected):
                "expected \(expected), found the end of the text"
            case .unexpectedByte(let byte, let expected):
                "expected \(expected), found \(Self.spell(byte))"
            case .leadingZero:
                "a number cannot start with 0 followed by more digits"
            case .unescapedControlCharacter(let byte):
                "control character U+\(Self.hex(byte, digits: 4)) in a string must be written as an escape"
            case .loneSurrogate(let unit):
                "\\u\(Self.hex(unit, digits: 4)) is half of a surrogate pair without its other half"
            case .invalidUTF8:
                "invalid UTF-8 in a string"
            case .tooDeep(let limit):
                "arrays and objects nested more than \(limit) deep"
            }
        }

        /// A printable ASCII byte as itself in quotes, anything else by its value.
        private static func spell(_ byte: UInt8) -> String {
            (0x20...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(hex(byte, digits: 2))"
        }

        private static func hex(_ value: some BinaryInteger, digits: Int) -> String {
            let text = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }
    }

    public var problem: Problem
    /// Bytes of UTF-8 before the problem.
    public var offset: Int
    /// From 1.
    public var line: Int
    /// From 1, counted in characters (Unicode scalars) so that it points where an editor does.
    public var column: Int

    public var description: String { "\(problem) at line \(line), column \(column)" }

    public init(_ problem: Problem, offset: Int, line: Int, column: Int) {
        self.problem = problem
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The error at `offset` of `bytes`, its line and column counted out (only ever on failure).
    init(_ problem: Problem, at offset: Int, in bytes: [UInt8]) {
        let newline = UInt8(ascii: "\n")
        let before = bytes[..<offset]
        let lineStart = before.lastIndex(of: newline).map { $0 + 1 } ?? 0
        // UTF-8 continuation bytes (10xxxxxx) do not start a character.
        let column = bytes[lineStart..<offset].count { $0 & 0xC0 != 0x80 } + 1
        self.init(problem, offset: offset, line: before.count { $0 == newline } + 1, column: column)
    }
}
