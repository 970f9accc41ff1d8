/// Integers and floats as TOML spells them: `+17`, `0xDEAD_BEEF`, `-3.5e-2`, `inf`, `nan`.
enum TOMLNumberSyntax {
    /// The number a word spells; nil when it is not a number at all (`45m`, `desktop`), so that
    /// the caller reports it as no value; a word that breaks one of the spec's rules is an error.
    static func parse(_ word: ArraySlice<UInt8>) throws(InvalidWord) -> TOMLValue.Kind? {
        func failure(_ reason: String) -> InvalidWord {
            InvalidWord(message: "invalid number \(shown(String(decoding: word, as: UTF8.self))): \(reason)")
        }

        let sign = word.first.flatMap { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") ? $0 : nil }
        let isNegative = sign == UInt8(ascii: "-")
        let unsigned = sign == nil ? word : word.dropFirst()
        if unsigned.elementsEqual("inf".utf8) { return .float(isNegative ? -.infinity : .infinity) }
        if unsigned.elementsEqual("nan".utf8) { return .float(isNegative ? -.nan : .nan) }
        guard let first = unsigned.first, isDecimalDigit(first),
            unsigned.allSatisfy({ isASCIILetterOrDigit($0) || "_.+-".utf8.contains($0) })
        else { return nil }

        if first == UInt8(ascii: "0"), let radix = unsigned.dropFirst().first.flatMap(Radix.init(prefix:)) {
            guard sign == nil else { throw failure("a \(radix.name) number cannot have a sign") }
            return .integer(try integer(unsigned.dropFirst(2), radix: radix, isNegative: false, failure))
        }

        // [integer part][.fraction][e[sign]exponent]: each part digits and single underscores.
        let isDigitOrUnderscore = { (byte: UInt8) in isDecimalDigit(byte) || byte == UInt8(ascii: "_") }
        let integerPart = unsigned.prefix(while: isDigitOrUnderscore)
        var rest = unsigned[integerPart.endIndex...]
        var fraction: ArraySlice<UInt8>?
        if rest.first == UInt8(ascii: ".") {
            fraction = rest.dropFirst().prefix(while: isDigitOrUnderscore)
            rest = rest[(fraction?.endIndex ?? rest.endIndex)...]
        }
        var exponent: ArraySlice<UInt8>?
        if rest.first == UInt8(ascii: "e") || rest.first == UInt8(ascii: "E") {
            var digits = rest.dropFirst()
            if digits.first == UInt8(ascii: "+") || digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
            exponent = digits.prefix(while: isDigitOrUnderscore)
            rest = rest[(exponent?.endIndex ?? rest.endIndex)...]
        }
        guard rest.isEmpty else { return nil }

        if fraction?.isEmpty == true { throw failure("digits must follow the decimal point") }
        if exponent?.isEmpty == true { throw failure("the exponent has no digits") }
        for part in [integerPart, fraction, exponent].compactMap({ $0 }) where !hasUnderscoresBetweenDigits(part) {
            throw failure("an underscore must stand between two digits")
        }
        if integerPart.count > 1, integerPart.first == UInt8(ascii: "0") {
            throw failure("leading zeros are not allowed")
        }
        guard fraction != nil || exponent != nil else {
            return .integer(try integer(integerPart, radix: .decimal, isNegative: isNegative, failure))
        }
        let spelling = String(decoding: word.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        guard let float = Double(spelling) else { throw failure("it is not a float") }
        return .float(float)
    }

    private enum Radix: Int {
        case binary = 2, octal = 8, decimal = 10, hexadecimal = 16

        init?(prefix letter: UInt8) {
            switch letter {
            case UInt8(ascii: "b"): self = .binary
            case UInt8(ascii: "o"): self = .octal
            case UInt8(ascii: "x"): self = .hexadecimal
            default: return nil
            }
        }

        var name: String {
            switch self {
            case .binary: "binary"
            case .octal: "octal"
            case .decimal: "decimal"
            case .hexadecimal: "hexadecimal"
            }
        }

        func value(of digit: UInt8) -> Int? {
            hexadecimalDigitValue(digit).flatMap { $0 < rawValue ? $0 : nil }
        }
    }

    /// Digits of `radix` with single underscores between them, as a 64-bit signed integer.
    private static func integer(
        _ digits: ArraySlice<UInt8>, radix: Radix, isNegative: Bool, _ failure: (String) -> InvalidWord
    ) throws(InvalidWord) -> Int64 {
        guard !digits.isEmpty else { throw failure("digits are missing") }
        guard hasUnderscoresBetweenDigits(digits) else { throw failure("an underscore must stand between two digits") }
        // Magnitudes up to 2^63, so that the most negative integer fits before its sign is applied.
        let limit = UInt64(Int64.max) + (isNegative ? 1 : 0)
        var magnitude: UInt64 = 0
        for digit in digits where digit != UInt8(ascii: "_") {
            guard let value = radix.value(of: digit) else {
                throw failure("'\(Character(Unicode.Scalar(digit)))' is not \(withArticle(radix.name)) digit")
            }
            let (shifted, overflowed) = magnitude.multipliedReportingOverflow(by: UInt64(radix.rawValue))
            let (sum, carried) = shifted.addingReportingOverflow(UInt64(value))
            guard !overflowed, !carried, sum <= limit else {
                throw failure("it does not fit in 64 bits (\(Int64.min) to \(Int64.max))")
            }
            magnitude = sum
        }
        return isNegative ? Int64(bitPattern: 0 &- magnitude) : Int64(magnitude)
    }

    /// Whether underscores in `digits` stand only between two digits: not first, last or doubled.
    private static func hasUnderscoresBetweenDigits(_ digits: ArraySlice<UInt8>) -> Bool {
        let underscore = UInt8(ascii: "_")
        return !digits.isEmpty && digits.first != underscore && digits.last != underscore
            && !zip(digits, digits.dropFirst()).contains { $0 == underscore && $1 == underscore }
    }
}
