import SitBreakJSON
import SitBreakModel

/// `sitbreakctl stats --json`: snake_case keys, days as `YYYY-MM-DD`, times in seconds.
extension StatsReport: Codable {
    private enum CodingKeys: String, CodingKey {
        case from, today, days, total, todayByHour, routinesThisWeek, routineAim
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(from.description, forKey: .from)
        try container.encode(today.description, forKey: .today)
        try container.encode(days, forKey: .days)
        try container.encode(total, forKey: .total)
        try container.encode(todayByHour, forKey: .todayByHour)
        try container.encode(routinesThisWeek, forKey: .routinesThisWeek)
        try container.encode(routineAim, forKey: .routineAim)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            from: try container.decodeDay(forKey: .from),
            today: try container.decodeDay(forKey: .today),
            days: try container.decode([DayStats].self, forKey: .days),
            total: try container.decode(SitStats.self, forKey: .total),
            todayByHour: try container.decode([Seconds].self, forKey: .todayByHour),
            routinesThisWeek: try container.decode(Int.self, forKey: .routinesThisWeek),
            routineAim: try container.decode(ClosedRange<Int>.self, forKey: .routineAim))
    }

    /// The report as pretty-printed JSON.
    public func json() -> String {
        var json = ""
        writeJSON { json += $0 }
        return json
    }

    /// The report as pretty-printed JSON, handed to `write` a piece at a time: the days are
    /// encoded one at a time, so years of them are never held as one document.
    public func writeJSON(_ write: (String) -> Void) {
        let options: JSONWriter.Options = [.prettyPrinted, .sortedKeys]
        let encoder = JSONEncoder(keyStrategy: .convertToSnakeCase, options: options)
        var withoutDays = self
        withoutDays.days = []
        write("{")
        guard case .object(let members) = Self.encoded(withoutDays, encoder) else {
            preconditionFailure("a StatsReport encodes as a JSON object")
        }
        for (index, member) in JSONWriter.ordered(members, options: options).enumerated() {
            write((index == 0 ? "\n  " : ",\n  ") + JSONWriter.text(of: .string(member.key)) + " : ")
            guard member.key == CodingKeys.days.stringValue, !days.isEmpty else {
                write(JSONWriter.text(of: member.value, options: options, depth: 1))
                continue
            }
            write("[")
            for (index, day) in days.enumerated() {
                write((index == 0 ? "\n    " : ",\n    ")
                    + JSONWriter.text(of: Self.encoded(day, encoder), options: options, depth: 2))
            }
            write("\n  ]")
        }
        write("\n}")
    }

    private static func encoded(_ value: some Encodable, _ encoder: JSONEncoder) -> JSONValue {
        // Plain numbers and strings cannot fail to encode; a failure would be a programming error.
        guard let encoded = try? encoder.jsonValue(of: value) else { preconditionFailure("cannot encode \(value) as JSON") }
        return encoded
    }
}

/// A day flattens into its statistics: `{"date": "2026-11-23", "weekday": "Mon", "sitting_seconds": ...}`.
extension DayStats: Codable {
    private enum CodingKeys: String, CodingKey {
        case date, weekday
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(day.description, forKey: .date)
        try container.encode(day.weekday.rawValue, forKey: .weekday)
        try stats.encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(day: try container.decodeDay(forKey: .date), stats: try SitStats(from: decoder))
    }
}

/// The average is written out for scripts; it is derived, so reading ignores it.
extension SitStats: Codable {
    private enum CodingKeys: String, CodingKey {
        case sittingSeconds, breaksTaken, naturalBreaks, partialBreaks, abandonedBreaks, breaksByEvidence
        case reminders, skipped, snoozed, routinesDone, longestSitSeconds, sitsEnded, endedSitSeconds, averageSitSeconds
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sittingSeconds, forKey: .sittingSeconds)
        try container.encode(breaksTaken, forKey: .breaksTaken)
        try container.encode(naturalBreaks, forKey: .naturalBreaks)
        try container.encode(partialBreaks, forKey: .partialBreaks)
        try container.encode(abandonedBreaks, forKey: .abandonedBreaks)
        try container.encode(breaksByEvidence, forKey: .breaksByEvidence)
        try container.encode(reminders, forKey: .reminders)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(snoozed, forKey: .snoozed)
        try container.encode(routinesDone, forKey: .routinesDone)
        try container.encode(longestSitSeconds, forKey: .longestSitSeconds)
        try container.encode(sitsEnded, forKey: .sitsEnded)
        try container.encode(endedSitSeconds, forKey: .endedSitSeconds)
        try container.encode(averageSitSeconds, forKey: .averageSitSeconds)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        sittingSeconds = try container.decode(Seconds.self, forKey: .sittingSeconds)
        breaksTaken = try container.decode(Int.self, forKey: .breaksTaken)
        naturalBreaks = try container.decode(Int.self, forKey: .naturalBreaks)
        partialBreaks = try container.decode(Int.self, forKey: .partialBreaks)
        abandonedBreaks = try container.decodeIfPresent(Int.self, forKey: .abandonedBreaks) ?? 0
        breaksByEvidence = try container.decodeIfPresent([String: Int].self, forKey: .breaksByEvidence) ?? [:]
        reminders = try container.decode(Int.self, forKey: .reminders)
        skipped = try container.decode(Int.self, forKey: .skipped)
        snoozed = try container.decode(Int.self, forKey: .snoozed)
        routinesDone = try container.decode(Int.self, forKey: .routinesDone)
        longestSitSeconds = try container.decode(Seconds.self, forKey: .longestSitSeconds)
        sitsEnded = try container.decode(Int.self, forKey: .sitsEnded)
        endedSitSeconds = try container.decode(Seconds.self, forKey: .endedSitSeconds)
    }
}

extension KeyedDecodingContainer {
    fileprivate func decodeDay(forKey key: Key) throws -> LocalDay {
        let text = try decode(String.self, forKey: key)
        guard let day = ISODate.day(from: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "\"\(text)\" is not a YYYY-MM-DD date")
        }
        return day
    }
}
