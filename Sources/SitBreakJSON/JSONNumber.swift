/// A JSON number kept as written: integers of any size stay exact, and each reader converts
/// to the type it asks for, refusing what does not fit.
public struct JSONNumber: Equatable, Sendable, CustomStringConvertible {
    /// The number as RFC 8259 spells it. Equal numbers spelled differently (`1`, `1.0`) are
    /// different values here, as they are different texts.
    public let text: String

    public var description: String { text }

    /// `text` if it is a JSON number.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard let end = try? Self.end(of: bytes, from: 0), end == bytes.count else { return nil }
        self.text = text
    }

    /// For text the parser has already checked.
    init(checked text: String) { self.text = text }

    public init(_ value: some BinaryInteger) { text = String(value) }

    /// Nil for NaN and the infinities, which JSON cannot spell.
    public init?<Float: BinaryFloatingPoint & LosslessStringConvertible>(_ value: Float) {
        guard value.isFinite else { return nil }
        // Swift's shortest round-trip spelling less a trailing ".0" is what Foundation's
        // JSONEncoder wrote, so the daemon's output stays byte for byte what it was.
        let spelled = value.description
        text = spelled.hasSuffix(".0") ? String(spelled.dropLast(2)) : spelled
    }

    /// The number as `Integer` if it is a whole number in its range. As with Foundation,
    /// `1.0` and `1e2` are whole numbers; `1.5` and `1e400` are not.
    public func integer<Integer: FixedWidthInteger>(as _: Integer.Type = Integer.self) -> Integer? {
        Integer(text) ?? Double(text).flatMap { Integer(exactly: $0) }
    }

    /// The nearest `Float` value, or nil if the number lies beyond its range at either end.
    public func floatingPoint<Float: BinaryFloatingPoint & LosslessStringConvertible>(
        as _: Float.Type = Float.self
    ) -> Float? {
        // Swift reads a number too large as infinity, which no JSON number means, and one too
        // small as zero, which Foundation refused too rather than lose the number.
        guard let value = Float(text), value.isFinite, value != 0 || !hasNonzeroSignificand else { return nil }
        return value
    }

    private var hasNonzeroSignificand: Bool {
        text.prefix { $0 != "e" && $0 != "E" }.contains { ("1"..."9").contains($0) }
    }

    /// Where the number starting at `start` ends: `-? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    static func end(of bytes: [UInt8], from start: Int) throws(JSONSyntaxError) -> Int {
        var position = start
        func isDigit(_ index: Int) -> Bool { index < bytes.count && (0x30...0x39).contains(bytes[index]) }
        func skip(_ byte: Character) -> Bool {
            guard position < bytes.count, bytes[position] == byte.asciiValue else { return false }
            position += 1
            return true
        }
        func digits() throws(JSONSyntaxError) {
            guard isDigit(position) else {
                throw JSONSyntaxError(
                    position < bytes.count ? .unexpectedByte(bytes[position], expected: "a digit")
                        : .unexpectedEnd(expected: "a digit"),
                    at: position, in: bytes)
            }
            while isDigit(position) { position += 1 }
        }

        _ = skip("-")
        if skip("0") {
            if isDigit(position) { throw JSONSyntaxError(.leadingZero, at: position - 1, in: bytes) }
        } else {
            try digits()
        }
        if skip(".") { try digits() }
        if skip("e") || skip("E") {
            _ = skip("+") || skip("-")
            try digits()
        }
        return position
    }
}
