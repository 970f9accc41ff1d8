import ArgumentParser
import Glibc
import SitBreakCoach
import SitBreakCore
import SitBreakHistory
import SitBreakOS

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how you sat and how often you got up: today, a week, or any span.",
        discussion: "Reads the history database directly, read-only: it works while sitbreakd is stopped.")

    @Flag(help: "This week, Monday to today.") var week = false
    @Option(help: ArgumentHelp("The last N days, today included.", valueName: "N")) var days: Int?
    @Option(help: ArgumentHelp("From this day (YYYY-MM-DD) to today.", valueName: "date")) var since: String?
    @Flag(help: "Print the report as JSON.") var json = false
    @Flag(help: "Export the raw events as CSV.") var csv = false

    func validate() throws {
        if [week, days != nil, since != nil].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --week, --days and --since")
        }
        if json && csv { throw ValidationError("choose one of --json and --csv") }
        if let days, !(1...3_660).contains(days) { throw ValidationError("--days takes 1 to 3660") }
        if let since, ISODate.day(from: since) == nil {
            throw ValidationError("--since \(since): write the day as YYYY-MM-DD, e.g. 2026-11-02")
        }
    }

    func run() throws {
        let today = ClockReading.now().moment().localDay
        let query: HistoryQuery
        if week {
            query = .week(containing: today)
        } else if let days {
            query = .lastDays(days, today: today)
        } else if let since, let day = ISODate.day(from: since) {
            query = .since(day, today: today)
        } else {
            query = .today(today)
        }
        let path: String
        do { path = try XDGPaths.current().stateDirectory + "/history.sqlite3" } catch {
            throw CtlFailure(error.description, exitCode: 1)
        }
        let records: [HistoryRecord]
        do { records = try HistoryReader.records(at: path, days: query.daysToRead) } catch {
            throw CtlFailure(error.description, exitCode: 1)
        }
        if csv {
            print(HistoryCSV.render(records), terminator: "")
            return
        }
        let report = StatsReport(records: records, query: query, routineAim: Coach.routinesPerWeek)
        if json {
            print(report.json())
        } else {
            let colour = isatty(STDOUT_FILENO) == 1 && getenv("NO_COLOR") == nil
            print(StatsText.render(report, colour: colour))
        }
    }
}
