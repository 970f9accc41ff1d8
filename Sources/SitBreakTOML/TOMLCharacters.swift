// The classes of bytes TOML's grammar is written in, and how messages name them.

func isDecimalDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
    isDecimalDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
}

func hexadecimalDigitValue(_ byte: UInt8) -> Int? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
    default: nil
    }
}

/// A-Z, a-z, 0-9, `_` and `-`: what a key may be written with, without quotes.
func isBareKeyByte(_ byte: UInt8) -> Bool {
    isASCIILetterOrDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
}

func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

/// U+0000 to U+001F and U+007F, tab included: no TOML text holds them unescaped but tab
/// and line ends, which each caller allows where they belong.
func isControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }

/// How a message names a control character, e.g. "control character U+001B".
func controlCharacterName(_ byte: UInt8) -> String {
    switch byte {
    case 0: "a NUL byte"
    case UInt8(ascii: "\r"): "a carriage return (U+000D) without a line feed"
    default: "control character \(unicodeName(Unicode.Scalar(byte)))"
    }
}

func unicodeName(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}

/// A word from the text as a message shows it: whole when short, else its start and "…",
/// so that a hostile file cannot make a message huge.
func shown(_ text: String) -> String {
    let longest = 40
    return text.count <= longest ? text : text.prefix(longest) + "…"
}
