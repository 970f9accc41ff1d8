import SitBreakTOML

/// A value written out compactly, so that a test can state a whole document in one line:
/// `{a = 1, b = ["x", 2.5], c = {d = 1979-05-27}}`. Keys keep their order; strings and keys
/// that are not bare show with Swift's escapes.
func rendered(_ value: TOMLValue) -> String {
    switch value.kind {
    case .string(let string): string.debugDescription
    case .integer(let integer): "\(integer)"
    case .float(let float): float.isNaN ? "nan" : "\(float)"
    case .boolean(let boolean): "\(boolean)"
    case .dateTime(let dateTime): rendered(dateTime)
    case .array(let array): "[" + array.map(rendered).joined(separator: ", ") + "]"
    case .table(let table): rendered(table)
    }
}

func rendered(_ table: TOMLTable) -> String {
    let isBare = { (key: String) in
        !key.isEmpty && key.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || $0 == "_" || $0 == "-" }
    }
    return "{" + table.entries.map { (isBare($0.key) ? $0.key : $0.key.debugDescription) + " = " + rendered($0.value) }
        .joined(separator: ", ") + "}"
}

private func rendered(_ dateTime: TOMLDateTime) -> String {
    func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
    func date(_ date: TOMLDate) -> String { "\(date.year)-\(two(date.month))-\(two(date.day))" }
    func time(_ time: TOMLTime) -> String {
        let fraction = String(1_000_000_000 + time.nanosecond).dropFirst()
        return "\(two(time.hour)):\(two(time.minute)):\(two(time.second))" + (time.nanosecond > 0 ? ".\(fraction)" : "")
    }
    return switch dateTime {
    case .offsetDateTime(let day, let clock, let offset):
        date(day) + "T" + time(clock)
            + (offset == 0 ? "Z" : (offset < 0 ? "-" : "+") + two(abs(offset) / 60) + ":" + two(abs(offset) % 60))
    case .localDateTime(let day, let clock): date(day) + "T" + time(clock)
    case .localDate(let day): date(day)
    case .localTime(let clock): time(clock)
    }
}
