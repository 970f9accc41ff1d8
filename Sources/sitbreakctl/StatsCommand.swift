import Glibc
import SitBreakCLI
import SitBreakCoach
import SitBreakEventLoop
import SitBreakFiles
import SitBreakHistory
import SitBreakModel

struct Stats: CtlCommand {
    static let spec = CtlSpec(
        name: "stats",
        abstract: "Show how you sat and how often you got up: today, a week, or any span.",
        discussion: "Reads the history database directly, read-only: it works while sitbreakd is stopped.",
        options: [
            .flag("week", help: "This week, Monday to today."),
            .value("days", valueName: "N", help: "The last N days, today included."),
            .value("since", valueName: "date", help: "From this day (YYYY-MM-DD) to today."),
            .flag("json", help: "Print the report as JSON."),
            .flag("csv", help: "Export the raw events as CSV."),
        ],
        action: Stats.self)

    /// Which days to report, before today is known.
    enum Span: Sendable {
        case today, week, lastDays(Int), since(LocalDay)
    }

    let span: Span
    let json: Bool
    let csv: Bool

    init(_ parsed: CtlParsed) throws(UsageError) {
        let week = parsed.flag("week")
        let days = parsed.value("days")
        let since = parsed.value("since")
        json = parsed.flag("json")
        csv = parsed.flag("csv")
        if [week, days != nil, since != nil].filter({ $0 }).count > 1 {
            throw parsed.usageError("choose one of --week, --days and --since")
        }
        if json && csv { throw parsed.usageError("choose one of --json and --csv") }
        if let days {
            guard let count = Int(days), (1...3_660).contains(count) else { throw parsed.usageError("--days takes 1 to 3660") }
            span = .lastDays(count)
        } else if let since {
            guard let day = ISODate.day(from: since) else {
                throw parsed.usageError("--since \(since): write the day as YYYY-MM-DD, e.g. 2026-11-02")
            }
            span = .since(day)
        } else {
            span = week ? .week : .today
        }
    }

    func run() throws {
        let today = ClockReading.now().moment().localDay
        var query: HistoryQuery = switch span {
        case .today: .today(today)
        case .week: .week(containing: today)
        case .lastDays(let days): .lastDays(days, today: today)
        case .since(let day): .since(day, today: today)
        }
        let path: String
        let report: StatsReport
        do { path = try XDGFileDirectories.current().stateDirectory + "/history.sqlite3" } catch {
            throw CtlFailure(error.description, exitCode: 1)
        }
        do {
            // Any day can be asked for ("since 0000-01-01"); the days shown are the recorded ones.
            if case .since = span { query = query.starting(noEarlierThan: try HistoryReader.firstDay(at: path)) }
            if csv {
                // Exactly the days asked for, streamed: an export of years is never held in memory.
                // A history that cannot be read fails before the heading is printed.
                _ = try HistoryReader.firstDay(at: path)
                print(HistoryCSV.heading(days: query.shownDays), terminator: "")
                try HistoryReader.forEachRecord(at: path, days: query.shownDays) { print(HistoryCSV.row($0), terminator: "") }
                return
            }
            report = try HistoryReader.tally(at: path, query: query).report(routineAim: Coach.routinesPerWeek)
        } catch {
            throw CtlFailure(error.description, exitCode: 1)
        }
        if json {
            report.writeJSON { print($0, terminator: "") }
            print()
        } else {
            let colour = isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil
            StatsText.write(report, colour: colour) { print($0) }
            print()
        }
    }
}
