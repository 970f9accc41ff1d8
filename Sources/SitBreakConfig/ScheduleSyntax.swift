import SitBreakModel

/// The text forms of `[schedule]`: hours as "HH:MM-HH:MM" and days as "Mon-Fri" or "Mon,Wed,Fri".
enum ScheduleSyntax {
    /// "09:00-17:30" as seconds after local midnight. "24:00" may end a range, and a range
    /// that ends before it starts runs over midnight ("22:00-02:00").
    static func activeHours(_ text: String) throws(ValueProblem) -> (from: Seconds, until: Seconds) {
        let shown = quoted(text)
        let ends = text.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let start = clockTime(ends[0]), let end = clockTime(ends[1]) else {
            throw ValueProblem(
                problem: "\(shown) is not a range of hours", fix: #"write "HH:MM-HH:MM", e.g. "09:00-17:30""#)
        }
        for time in [start, end] {
            if time.hour > 24 {
                throw ValueProblem(problem: "\(shown) has hour \(time.hour)", fix: "hours run from 00 to 24")
            }
            if time.minute > 59 {
                throw ValueProblem(problem: "\(shown) has minute \(time.minute)", fix: "minutes run from 00 to 59")
            }
            if time.hour == 24, time.minute > 0 {
                throw ValueProblem(
                    problem: "\(shown) goes past 24:00", fix: #"write "24:00" for the end of the day"#)
            }
        }
        if start.hour == 24 {
            throw ValueProblem(
                problem: "\(shown) starts at 24:00, the end of the day",
                fix: "write \(quoted("00:00-" + ends[1].trimmed))")
        }
        let from = start.seconds
        let until = end.seconds
        if from == until {
            throw ValueProblem(
                problem: "\(shown) ends when it starts", fix: #"for the whole day write "00:00-24:00""#)
        }
        return (from, until)
    }

    /// "Mon-Fri", "Sat-Sun", "Mon,Wed,Fri" or a mix ("Mon-Wed,Fri"); a range may wrap
    /// around the week ("Fri-Mon"). Names are three-letter or full English, in any case.
    static func days(_ text: String) throws(ValueProblem) -> Set<Weekday> {
        let shown = quoted(text)
        let example = #"write e.g. "Mon-Fri" or "Mon,Wed,Fri""#
        if text.trimmed.isEmpty {
            throw ValueProblem(problem: "\(shown) names no day", fix: example)
        }
        var days: Set<Weekday> = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let ends = item.split(separator: "-", omittingEmptySubsequences: false).map(\.trimmed)
            if ends.allSatisfy(\.isEmpty) {
                throw ValueProblem(problem: "\(shown) has an empty entry between commas", fix: example)
            }
            guard ends.count <= 2, !ends.contains("") else {
                throw ValueProblem(
                    problem: "\(quoted(item.trimmed)) is neither a day nor a range of two days",
                    fix: #"write a range as "Mon-Fri""#)
            }
            let first = try weekday(named: ends[0])
            let last = try weekday(named: ends[ends.count - 1])
            days.formUnion(range(from: first, through: last))
        }
        return days
    }

    private static func clockTime(_ text: Substring) -> (hour: Int, minute: Int, seconds: Seconds)? {
        let parts = text.trimmed.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        return (hour, minute, Seconds(hour * 3600 + minute * 60))
    }

    private static func weekday(named name: String) throws(ValueProblem) -> Weekday {
        let lowered = name.lowercased()
        for (day, fullName) in zip(Weekday.allCases, fullNames)
        where day.rawValue.lowercased() == lowered || fullName.lowercased() == lowered {
            return day
        }
        let abbreviations = Weekday.allCases.map(\.rawValue)
        let fix = nearestName(to: name, among: abbreviations).map { "did you mean \(quoted($0))?" }
            ?? "write days as \(abbreviations.joined(separator: ", "))"
        throw ValueProblem(problem: "\(quoted(name)) is not a day", fix: fix)
    }

    private static let fullNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// The days from `first` to `last` inclusive, wrapping from Sunday to Monday.
    private static func range(from first: Weekday, through last: Weekday) -> [Weekday] {
        let week = Weekday.allCases
        guard let start = week.firstIndex(of: first), let end = week.firstIndex(of: last) else { return [] }
        let count = (end - start + week.count) % week.count + 1
        return (0..<count).map { week[(start + $0) % week.count] }
    }
}
