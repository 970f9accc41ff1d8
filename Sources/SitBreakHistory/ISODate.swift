import SitBreakModel

/// Calendar dates and local times as ISO 8601 text, e.g. `2026-11-23`, `2026-11-23T09:05:00+01:00`.
public enum ISODate {
    /// `YYYY-MM-DD` as a day; nil when the text is not a real date in that form.
    public static func day(from text: String) -> LocalDay? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let candidate = LocalDay(year: year, month: month, day: day)
        // The civil conversion rolls 02-30 over into March; a real date reads back the same.
        guard candidate.civil == (year, month, day) else { return nil }
        return candidate
    }

    /// The local time of `moment` with its UTC offset, to the whole second.
    public static func localTime(_ moment: Moment) -> String {
        let local = Int(moment.localSeconds.rounded(.down))
        let day = LocalDay(localSeconds: moment.localSeconds)
        let intoDay = local - day.daysSinceEpoch * 86_400
        let clock = "\(two(intoDay / 3600)):\(two(intoDay / 60 % 60)):\(two(intoDay % 60))"
        let offsetMinutes = Int(moment.utcOffset.rounded()) / 60
        let sign = offsetMinutes < 0 ? "-" : "+"
        let offset = "\(sign)\(two(abs(offsetMinutes) / 60)):\(two(abs(offsetMinutes) % 60))"
        return "\(day)T\(clock)\(offset)"
    }

    private static func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
}
