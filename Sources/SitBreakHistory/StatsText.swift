import SitBreakModel

/// `sitbreakctl stats` for people: a few lines and charts that read at a glance in an
/// 80-column terminal. Colour only when `colour` is set (the CLI decides: a terminal, no NO_COLOR).
public enum StatsText {
    public static func render(_ report: StatsReport, colour: Bool) -> String {
        var text = ""
        write(report, colour: colour) { text += $0 + "\n" }
        return text
    }

    /// The same lines, each handed to `line` (without its line end) as it is made: a table
    /// of years of days is never held whole.
    public static func write(_ report: StatsReport, colour: Bool, line: (String) -> Void) {
        let paint = Paint(enabled: colour)
        if report.days.count == 1 {
            line(paint.bold("Today, \(dayName(report.today))"))
        } else {
            line(paint.bold("\(dayName(report.from)) – \(dayName(report.today)) (\(report.days.count) days)"))
            line("")
            dayTable(report.days, paint: paint, line: line)
        }
        line("")
        summary(report, paint: paint).forEach(line)
        line("")
        hourChart(report.todayByHour, paint: paint).forEach(line)
    }

    static let barWidth = 14

    /// One row per day: a sitting bar scaled to the longest day, then the day's numbers.
    private static func dayTable(_ days: [DayStats], paint: Paint, line: (String) -> Void) {
        let fullHours = max(1, Int((days.map(\.sittingSeconds).max() ?? 0) / 3600) + 1)
        let numberColumns = ["Breaks", "Longest", "Average", "Skipped", "Snoozed"]
        let sittingHeader = "Sitting (bar to \(fullHours)h)"
        let header =
            pad("Day", 9) + "  " + pad(sittingHeader, barWidth + 8)
            + numberColumns.map { "  " + $0 }.joined()
        line(paint.bold(header))
        for day in days {
            let (_, month, dayOfMonth) = day.day.civil
            let label = "\(day.day.weekday.rawValue) \(two(month))-\(two(dayOfMonth))"
            let bar = ChartGlyphs.bar(day.sittingSeconds / Seconds(fullHours * 3600), width: barWidth)
            // Nothing to tell is dimmed; a skipped break stands out.
            let cells: [(text: String, warns: Bool)] = [
                (day.reminders + day.breaksTaken == 0 ? "–" : "\(day.breaksTaken)/\(day.reminders)", false),
                (day.longestSitSeconds > 0 ? ChartGlyphs.duration(day.longestSitSeconds) : "–", false),
                (day.averageSitSeconds.map(ChartGlyphs.duration) ?? "–", false),
                ("\(day.skipped)", day.skipped > 0),
                ("\(day.snoozed)", false),
            ]
            var row = label + "  " + paint.cyan(bar) + " " + padLeft(ChartGlyphs.duration(day.sittingSeconds), 7)
            for (cell, header) in zip(cells, numberColumns) {
                let text = padLeft(cell.text, header.count)
                row += "  " + (cell.warns ? paint.yellow(text) : cell.text == "–" || cell.text == "0" ? paint.dim(text) : text)
            }
            line(row)
        }
    }

    /// The shown days (or today) in words, and this week's routines against the aim.
    private static func summary(_ report: StatsReport, paint: Paint) -> [String] {
        let total = report.total
        var sitting = ChartGlyphs.duration(total.sittingSeconds)
        if total.longestSitSeconds > 0 {
            sitting += ", longest \(ChartGlyphs.duration(total.longestSitSeconds))"
        }
        if let average = total.averageSitSeconds {
            sitting += ", average \(ChartGlyphs.duration(average)) between breaks"
        }
        let reminders = total.reminders == 1 ? "1 reminder" : "\(total.reminders) reminders"
        var breaks = "\(total.breaksTaken) taken for \(reminders)"
        breaks += ", \(total.naturalBreaks) natural"
        if total.partialBreaks > 0 { breaks += ", \(total.partialBreaks) cut short" }
        let declined = "\(total.skipped) skipped, \(total.snoozed) snoozed"
        let aim = report.routineAim
        let aimText = aim.lowerBound == aim.upperBound ? "\(aim.lowerBound)" : "\(aim.lowerBound)–\(aim.upperBound)"
        let done = report.routinesThisWeek
        let dots =
            paint.green(String(repeating: "●", count: done))
            + paint.dim(String(repeating: "○", count: max(0, aim.upperBound - done)))
        let routines = "\(done) this week, \(aimText) aimed for  " + dots
        return [
            paint.bold("Sitting   ") + sitting,
            paint.bold("Breaks    ") + breaks,
            paint.bold("Declined  ") + (total.skipped > 0 ? paint.yellow(declined) : declined),
            paint.bold("Routines  ") + routines,
        ]
    }

    /// Today's sitting minutes per hour as one row of columns, two cells an hour, and the
    /// hours under it.
    private static func hourChart(_ byHour: [Seconds], paint: Paint) -> [String] {
        let columns = byHour.map { seconds -> String in
            let glyph = ChartGlyphs.column(seconds / 3600)
            return String([glyph, glyph])
        }
        let scale = stride(from: 0, to: 24, by: 3).map { pad("\($0)", 6) }.joined()
        return [
            paint.bold("Today by hour") + paint.dim(" (█ = 60 minutes sitting)"),
            paint.cyan(trimmingTrailingSpaces(columns.joined())),
            paint.dim(trimmingTrailingSpaces(scale)),
        ]
    }

    /// "Mon 2026-11-23"
    private static func dayName(_ day: LocalDay) -> String { "\(day.weekday.rawValue) \(day)" }

    private static func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }

    private static func trimmingTrailingSpaces(_ text: String) -> String {
        String(text.reversed().drop { $0 == " " }.reversed())
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private static func padLeft(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

/// ANSI styles, or the text as it is when colour is off.
private struct Paint {
    let enabled: Bool

    func bold(_ text: String) -> String { style(text, "1") }
    func dim(_ text: String) -> String { style(text, "2") }
    func green(_ text: String) -> String { style(text, "32") }
    func yellow(_ text: String) -> String { style(text, "33") }
    func cyan(_ text: String) -> String { style(text, "36") }

    private func style(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
