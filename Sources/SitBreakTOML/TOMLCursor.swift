/// A place in the UTF-8 bytes of a TOML text, with the line and column it stands at.
/// The bytes must be valid UTF-8: columns count the bytes that start a scalar.
struct TOMLCursor {
    let bytes: [UInt8]
    private(set) var offset = 0
    private(set) var position = TOMLPosition(line: 1, column: 1)

    init(validUTF8 bytes: [UInt8]) {
        self.bytes = bytes
        // A byte-order mark is no part of the text: columns count from after it.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
    }

    var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    func byte(ahead distance: Int) -> UInt8? {
        offset + distance < bytes.count ? bytes[offset + distance] : nil
    }

    func isAhead(_ literal: String) -> Bool { bytes[offset...].starts(with: literal.utf8) }

    /// Whether a line ends here: `\n`, or `\r\n` (a lone `\r` ends nothing).
    var isAtLineEnd: Bool {
        current == UInt8(ascii: "\n") || (current == UInt8(ascii: "\r") && byte(ahead: 1) == UInt8(ascii: "\n"))
    }

    mutating func advance(by count: Int = 1) {
        for _ in 0..<count where offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            if byte == UInt8(ascii: "\n") {
                position.line += 1
                position.column = 1
            } else if byte & 0xC0 != 0x80 {
                position.column += 1
            }
        }
    }

    /// Steps over a line end, `\n` or `\r\n`; false when none is here.
    mutating func skipLineEnd() -> Bool {
        guard isAtLineEnd else { return false }
        advance(by: current == UInt8(ascii: "\r") ? 2 : 1)
        return true
    }

    mutating func skipSpaces() {
        while let byte = current, isSpaceOrTab(byte) { advance() }
    }

    /// Steps over bytes while `belongs` holds; returns their range.
    mutating func skip(while belongs: (UInt8) -> Bool) -> Range<Int> {
        let start = offset
        while let byte = current, belongs(byte) { advance() }
        return start..<offset
    }

    /// What stands here, as "expected …, found X" names it.
    var describedCurrent: String {
        guard let byte = current else { return "the end of the file" }
        if isAtLineEnd { return "the end of the line" }
        if isControl(byte) { return controlCharacterName(byte) }
        let length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
        return "'" + String(decoding: bytes[offset..<min(offset + length, bytes.count)], as: UTF8.self) + "'"
    }
}
