/// A calendar day as TOML writes it: `1979-05-27`.
public struct TOMLDate: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }
}

/// A time of day as TOML writes it: `07:32:00.999999`.
public struct TOMLTime: Hashable, Sendable {
    public var hour: Int
    public var minute: Int
    /// 0 to 60: RFC 3339 allows a leap second.
    public var second: Int
    /// Digits past the ninth are dropped, as the spec allows.
    public var nanosecond: Int

    public init(hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }
}

/// The four date and time values of TOML.
public enum TOMLDateTime: Hashable, Sendable {
    /// `1979-05-27T07:32:00Z` or `…-07:00`; `Z` is an offset of 0.
    case offsetDateTime(TOMLDate, TOMLTime, offsetMinutes: Int)
    /// `1979-05-27T07:32:00` or `1979-05-27 07:32:00`.
    case localDateTime(TOMLDate, TOMLTime)
    case localDate(TOMLDate)
    case localTime(TOMLTime)
}

extension TOMLDateTime {
    /// The date or time a word spells; nil when it does not start like one (`YYYY-` or `HH:`).
    static func parse(_ word: ArraySlice<UInt8>) throws(InvalidWord) -> TOMLDateTime? {
        if startsLikeDate(word) {
            var reader = DateTimeReader(word: Array(word))
            return try reader.readDateAndMaybeTime()
        }
        if startsLikeTime(word) {
            var reader = DateTimeReader(word: Array(word))
            let time = try reader.readTime(kind: "time", format: "HH:MM:SS")
            try reader.expectEnd(kind: "time", format: "HH:MM:SS")
            return .localTime(time)
        }
        return nil
    }

    /// Whether a word is a whole date, `YYYY-MM-DD`, which a space and a time may follow.
    static func isDate(_ word: ArraySlice<UInt8>) -> Bool {
        word.count == 10 && startsLikeDate(word) && hasDigits(word, at: 5, count: 2)
            && word[word.startIndex + 7] == UInt8(ascii: "-") && hasDigits(word, at: 8, count: 2)
    }

    private static func startsLikeDate(_ word: ArraySlice<UInt8>) -> Bool {
        hasDigits(word, at: 0, count: 4) && word.dropFirst(4).first == UInt8(ascii: "-")
    }

    private static func startsLikeTime(_ word: ArraySlice<UInt8>) -> Bool {
        hasDigits(word, at: 0, count: 2) && word.dropFirst(2).first == UInt8(ascii: ":")
    }

    /// Whether `count` digits stand `offset` bytes into `word`.
    fileprivate static func hasDigits(_ word: ArraySlice<UInt8>, at offset: Int, count: Int) -> Bool {
        word.count >= offset + count && word.dropFirst(offset).prefix(count).allSatisfy(isDecimalDigit)
    }
}

/// Reads the fixed-width fields of an RFC 3339 date, time or date-time from left to right.
private struct DateTimeReader {
    private let word: [UInt8]
    private var index = 0

    init(word: [UInt8]) { self.word = word }

    private static let dateTimeFormat = "YYYY-MM-DDTHH:MM:SS, with an optional offset such as Z or +02:00"

    private var text: String { String(decoding: word, as: UTF8.self) }

    private func byte(at offset: Int) -> UInt8? { offset < word.count ? word[offset] : nil }


    private func failure(_ kind: String, _ reason: String) -> InvalidWord {
        InvalidWord(message: "invalid \(kind) \(shown(text)): \(reason)")
    }

    /// A field of `count` digits, then `separator` unless it is the last field.
    private mutating func field(
        _ count: Int, then separator: Character?, kind: String, format: String
    ) throws(InvalidWord) -> Int {
        guard TOMLDateTime.hasDigits(word[...], at: index, count: count) else { throw failure(kind, "write it as \(format)") }
        let value = word[index..<index + count].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        index += count
        if let separator {
            guard byte(at: index) == separator.asciiValue else { throw failure(kind, "write it as \(format)") }
            index += 1
        }
        return value
    }

    private func check(
        _ value: Int, _ name: String, in range: ClosedRange<Int>, kind: String
    ) throws(InvalidWord) {
        guard range.contains(value) else {
            throw failure(kind, "\(name) \(value) is out of range (\(range.lowerBound) to \(range.upperBound))")
        }
    }

    mutating func readDateAndMaybeTime() throws(InvalidWord) -> TOMLDateTime {
        let year = try field(4, then: "-", kind: "date", format: "YYYY-MM-DD")
        let month = try field(2, then: "-", kind: "date", format: "YYYY-MM-DD")
        let day = try field(2, then: nil, kind: "date", format: "YYYY-MM-DD")
        try check(month, "month", in: 1...12, kind: "date")
        try check(day, "day", in: 1...daysIn(month: month, of: year), kind: "date")
        let date = TOMLDate(year: year, month: month, day: day)
        guard let separator = byte(at: index) else { return .localDate(date) }
        guard [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(separator) else {
            throw failure("date", "write it as YYYY-MM-DD, or a date-time as \(Self.dateTimeFormat)")
        }
        index += 1
        let time = try readTime(kind: "date-time", format: Self.dateTimeFormat)
        guard index < word.count else { return .localDateTime(date, time) }
        let offset = try readOffset()
        try expectEnd(kind: "date-time", format: Self.dateTimeFormat)
        return .offsetDateTime(date, time, offsetMinutes: offset)
    }

    mutating func readTime(kind: String, format: String) throws(InvalidWord) -> TOMLTime {
        let hour = try field(2, then: ":", kind: kind, format: format)
        let minute = try field(2, then: ":", kind: kind, format: format)
        let second = try field(2, then: nil, kind: kind, format: format)
        try check(hour, "hour", in: 0...23, kind: kind)
        try check(minute, "minute", in: 0...59, kind: kind)
        try check(second, "second", in: 0...60, kind: kind)
        var nanosecond = 0
        if byte(at: index) == UInt8(ascii: ".") {
            index += 1
            let digits = word[index...].prefix(while: isDecimalDigit)
            guard !digits.isEmpty else { throw failure(kind, "digits must follow the decimal point") }
            index += digits.count
            let kept = digits.prefix(9)
            let scale = (kept.count..<9).reduce(1) { scale, _ in scale * 10 }
            nanosecond = kept.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } * scale
        }
        return TOMLTime(hour: hour, minute: minute, second: second, nanosecond: nanosecond)
    }

    /// `Z`, or `+HH:MM` / `-HH:MM`, in minutes east of UTC.
    private mutating func readOffset() throws(InvalidWord) -> Int {
        let sign = byte(at: index)
        index += 1
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") { return 0 }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else {
            throw failure("date-time", "write it as \(Self.dateTimeFormat)")
        }
        let hours = try field(2, then: ":", kind: "date-time", format: Self.dateTimeFormat)
        let minutes = try field(2, then: nil, kind: "date-time", format: Self.dateTimeFormat)
        try check(hours, "offset hour", in: 0...23, kind: "date-time")
        try check(minutes, "offset minute", in: 0...59, kind: "date-time")
        return (sign == UInt8(ascii: "-") ? -1 : 1) * (hours * 60 + minutes)
    }

    func expectEnd(kind: String, format: String) throws(InvalidWord) {
        guard index == word.count else { throw failure(kind, "write it as \(format)") }
    }

    private func daysIn(month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
