
/// Time spans written the systemd way (`man systemd.time`): "90s", "45m", "1h 30m", "1h30min",
/// "1.5h", "500ms". Unlike systemd, a number must always carry its unit: a bare "45" is
/// ambiguous to a reader (seconds? minutes?), so it is an error rather than a guess.
public enum TimeSpan {
    /// The length of `text` in seconds.
    public static func parse(_ text: String) throws(TimeSpanError) -> Seconds {
        let scalars = Array(text.unicodeScalars)
        var index = skipSpaces(scalars, from: 0)
        if index == scalars.count { throw .empty }
        if scalars[index] == "-" {
            let rest = skipSpaces(scalars, from: index + 1)
            throw .negative(text: text, suggestion: String(String.UnicodeScalarView(scalars[rest...])))
        }
        var total: Seconds = 0
        while index < scalars.count {
            let numberStart = index
            while index < scalars.count, isNumberScalar(scalars[index]) { index += 1 }
            guard let number = parseNumber(scalars[numberStart..<index]) else { throw .malformed(text: text) }
            let numberEnd = index
            index = skipSpaces(scalars, from: index)
            let unitStart = index
            while index < scalars.count, isUnitScalar(scalars[index]) { index += 1 }
            let unit = String(String.UnicodeScalarView(scalars[unitStart..<index]))
            if unit.isEmpty {
                guard index == scalars.count || isNumberScalar(scalars[index]) else { throw .malformed(text: text) }
                throw .missingUnit(text: text, suggestion: replacing(scalars, numberEnd..<numberEnd, with: "m"))
            }
            guard let factor = secondsPerUnit[unit] else {
                let corrected = unit.lowercased()
                let suggestion = secondsPerUnit[corrected] == nil
                    ? nil : replacing(scalars, unitStart..<index, with: corrected)
                throw .unknownUnit(text: text, unit: unit, suggestion: suggestion)
            }
            total += number * factor
            // Checked as it grows: a span of 400 digits must be an error, not infinity.
            guard total <= longest else { throw .tooLong(text: text) }
            index = skipSpaces(scalars, from: index)
        }
        return total
    }

    /// No span sitbreak reads is longer (config values and commands have tighter ranges of
    /// their own); past it a span is a typo, and arithmetic on it would lose meaning.
    public static let longest: Seconds = 10_000 * 86_400

    /// A short human form: 2700 -> "45m", 5400 -> "1h 30m", 90 -> "1m 30s", 0.5 -> "500ms".
    /// Rounded to the millisecond; `parse` reads it back.
    public static func format(_ seconds: Seconds) -> String {
        if seconds < 0 { return "-" + format(-seconds) }
        // Past this, milliseconds no longer fit an Int; such spans are nonsense anyway.
        guard seconds < 1e15 else { return "\(seconds)s" }
        var remaining = Int((seconds * 1000).rounded())
        if remaining == 0 { return "0s" }
        var parts: [String] = []
        for (unit, millis) in formatUnits where remaining >= millis {
            parts.append("\(remaining / millis)\(unit)")
            remaining %= millis
        }
        return parts.joined(separator: " ")
    }

    private static let secondsPerUnit: [String: Seconds] = {
        let groups: [(names: [String], seconds: Seconds)] = [
            (["us", "usec", "µs", "μs"], 1e-6),
            (["ms", "msec"], 1e-3),
            (["s", "sec", "second", "seconds"], 1),
            (["m", "min", "minute", "minutes"], 60),
            (["h", "hr", "hour", "hours"], 3600),
            (["d", "day", "days"], 86_400),
            (["w", "week", "weeks"], 604_800),
        ]
        var table: [String: Seconds] = [:]
        for group in groups { for name in group.names { table[name] = group.seconds } }
        return table
    }()

    private static let formatUnits: [(String, Int)] = [
        ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1000), ("ms", 1),
    ]

    private static func skipSpaces(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
        return index
    }

    private static func isNumberScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || scalar == "."
    }

    private static func isUnitScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic
    }

    /// Digits with an optional fraction ("1", "1.5"); not "", ".5", "1." or "1.2.3".
    private static func parseNumber(_ scalars: ArraySlice<Unicode.Scalar>) -> Seconds? {
        let parts = scalars.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return Seconds(String(String.UnicodeScalarView(scalars)))
    }

    private static func replacing(
        _ scalars: [Unicode.Scalar], _ range: Range<Int>, with replacement: String
    ) -> String {
        var result = scalars
        result.replaceSubrange(range, with: replacement.unicodeScalars)
        return String(String.UnicodeScalarView(result))
    }
}

/// Why a time span could not be read, and how to write it instead.
public enum TimeSpanError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    /// A number with no unit after it; `suggestion` is the text with "m" added there.
    case missingUnit(text: String, suggestion: String)
    /// `suggestion` is set when the unit only differs from a known one by case ("45M").
    case unknownUnit(text: String, unit: String, suggestion: String?)
    /// `suggestion` is the text without its minus sign.
    case negative(text: String, suggestion: String)
    case malformed(text: String)
    /// Longer than `TimeSpan.longest`.
    case tooLong(text: String)

    /// What is wrong, e.g. `"45" has no unit`.
    public var problem: String {
        switch self {
        case .empty: "the time span is empty"
        case .missingUnit(let text, _): "\(quoted(text)) has no unit"
        case .unknownUnit(let text, let unit, _): "\(quoted(text)) has an unknown unit \(quoted(unit))"
        case .negative(let text, _): "\(quoted(text)) is negative"
        case .malformed(let text): "\(quoted(text)) is not a time span"
        case .tooLong(let text): "\(quoted(text)) is too long"
        }
    }

    /// How to write it instead, e.g. `write "45m"`.
    public var fix: String {
        switch self {
        case .missingUnit(_, let suggestion), .negative(_, let suggestion),
            .unknownUnit(_, _, let suggestion?):
            "write \(quoted(suggestion))"
        case .unknownUnit:
            "use a unit among us, ms, s, m, h, d, w, e.g. \"45m\""
        case .tooLong:
            "no span is longer than 10000d"
        case .empty, .malformed:
            "write a number and a unit, e.g. \"45m\" or \"1h 30m\""
        }
    }

    public var description: String { "\(problem); \(fix)" }

    private func quoted(_ text: String) -> String { "\"\(text)\"" }
}
