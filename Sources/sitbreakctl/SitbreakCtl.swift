import ArgumentParser
import Glibc
import SitBreakCore

@main
struct SitbreakCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitbreakctl",
        abstract: "Control sitbreakd, the sitting-break reminder.",
        discussion: "Exit status: 0 done, 1 refused or invalid, 3 sitbreakd not reachable.",
        version: "0.1.0",
        subcommands: [
            Status.self, Snooze.self, Pause.self, Resume.self, Break.self, Done.self, Skip.self,
            Away.self, Back.self, Stand.self, Sit.self, Reload.self, Watch.self,
            Exercises.self, Routine.self, Stats.self, Doctor.self,
        ],
        defaultSubcommand: Status.self)

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CtlFailure {
            printError("sitbreakctl: \(failure.description)")
            Glibc.exit(failure.exitCode)
        } catch {
            // A usage error is an invalid request like any other: exit status 1.
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            printError(fullMessage(for: error))
            Glibc.exit(1)
        }
    }

    static func printError(_ message: String) { writeLine(message, to: STDERR_FILENO) }

    /// Unbuffered, so a `watch` line reaches a pipe at once.
    static func writeLine(_ message: String, to descriptor: Int32 = STDOUT_FILENO) {
        let line = message + "\n"
        _ = line.withCString { write(descriptor, $0, strlen($0)) }
    }
}

/// Commands that send one request and print the resulting status line.
protocol SimpleRequest: ParsableCommand {
    var request: ControlRequest { get }
    /// What to say when it worked.
    func confirmation(_ status: StatusReport) -> String
}

extension SimpleRequest {
    func run() throws {
        let status = try DaemonConnection.open().request(request)
        if let status { print(confirmation(status)) }
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show how long you have sat and what comes next.",
        discussion: """
            Formats for bars and prompts: waybar (JSON for a custom module), i3blocks and polybar \
            (text and colour), tmux (a status-right segment), prompt (a short PS1 segment that is \
            empty when you are away or paused, and prints nothing when the daemon is down).
            --template fields: \(StatusFormat.templateFieldNames.map { "{\($0)}" }.joined(separator: " "))
            """)

    @Flag(help: "Print the status as one JSON object.") var json = false
    @Option(help: ArgumentHelp("One of: \(StatusFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var format: StatusFormat?
    @Option(help: ArgumentHelp("Your own line, e.g. '{state} {sitting_min}m'.", valueName: "template"))
    var template: String?
    @Flag(help: "Keep printing one line per change (waybar's continuous mode); no polling.") var follow = false

    func validate() throws {
        if [json, format != nil, template != nil].filter({ $0 }).count > 1 {
            throw ValidationError("choose one of --json, --format and --template")
        }
        if follow && format == nil && template == nil && !json {
            throw ValidationError("--follow goes with --format, --template or --json")
        }
    }

    func run() throws {
        do {
            try show()
        } catch let failure as CtlFailure where format == .prompt && failure.exitCode == 3 {
            // A prompt must never hang or fail: a daemon that is down or slow means an empty segment.
            return
        }
    }

    private func show() throws {
        let patience: Seconds = format == .prompt ? 0.05 : 2
        let connection = try DaemonConnection.open(timeout: patience)
        let first = try connection.request(ControlRequest(follow ? .watch : .status), timeout: patience)
        guard let first else { throw CtlFailure("sitbreakd sent no status", exitCode: 1) }
        SitbreakCtl.writeLine(try render(first))
        guard follow else { return }
        var last = try render(first)
        while let event = try connection.nextEvent() {
            let line = try render(event.status)
            if line != last { SitbreakCtl.writeLine(line) }
            last = line
        }
        throw CtlFailure("sitbreakd closed the stream", exitCode: 3)
    }

    private func render(_ status: StatusReport) throws -> String {
        if json { return ControlCodec.encodeLine(status) }
        if let format { return format.render(status) }
        if let template {
            do { return try StatusFormat.render(template: template, status) } catch {
                throw CtlFailure(error.description, exitCode: 1)
            }
        }
        return StatusText.render(status)
    }
}

extension StatusFormat: ExpressibleByArgument {}

struct Snooze: SimpleRequest {
    static let configuration = CommandConfiguration(abstract: "Move the next reminder out (default: break.snooze).")
    @Argument(help: ArgumentHelp("How long, e.g. 10m.", valueName: "duration")) var duration: DurationArgument?
    var request: ControlRequest { ControlRequest(.snooze, seconds: duration?.seconds) }
    func confirmation(_ status: StatusReport) -> String {
        "Snoozed: next reminder in \(TimeSpan.format(status.nextReminderSeconds ?? 0))"
    }
}

struct Pause: SimpleRequest {
    static let configuration = CommandConfiguration(abstract: "Stop counting, for a while or until resume.")
    @Argument(help: ArgumentHelp("How long, e.g. 1h; none: until resume.", valueName: "duration")) var duration: DurationArgument?
    var request: ControlRequest { ControlRequest(.pause, seconds: duration?.seconds) }
    func confirmation(_ status: StatusReport) -> String {
        status.pauseRemainingSeconds.map { "Paused for \(TimeSpan.format($0))" } ?? "Paused until `sitbreakctl resume`"
    }
}

struct Resume: SimpleRequest {
    static let configuration = CommandConfiguration(abstract: "Count again after a pause.")
    var request: ControlRequest { ControlRequest(.resume) }
    func confirmation(_ status: StatusReport) -> String { "Resumed: \(StatusText.render(status).prefix { $0 != "\n" })" }
}

struct Done: SimpleRequest {
    static let configuration = CommandConfiguration(abstract: "Confirm the break you are taking or just took.")
    var request: ControlRequest { ControlRequest(.done) }
    func confirmation(_ status: StatusReport) -> String { "Break recorded: \(status.today.breaks) today" }
}

struct Skip: SimpleRequest {
    static let configuration = CommandConfiguration(abstract: "Acknowledge the reminder without a break.")
    var request: ControlRequest { ControlRequest(.skip) }
    func confirmation(_ status: StatusReport) -> String {
        "Skipped: next reminder in \(status.nextReminderSeconds.map(TimeSpan.format) ?? "—")"
    }
}

struct Away: SimpleRequest {
    static let configuration = CommandConfiguration(abstract: "Say you are leaving the desk.")
    var request: ControlRequest { ControlRequest(.away) }
    func confirmation(_ status: StatusReport) -> String { "Marked away" }
}

struct Back: SimpleRequest {
    static let configuration = CommandConfiguration(abstract: "Say you are back at the desk.")
    var request: ControlRequest { ControlRequest(.back) }
    func confirmation(_ status: StatusReport) -> String {
        "Welcome back: sitting for \(TimeSpan.format(status.sittingSeconds))"
    }
}

struct Stand: SimpleRequest {
    static let configuration = CommandConfiguration(abstract: "Say you work standing (not counted as sitting).")
    var request: ControlRequest { ControlRequest(.stand) }
    func confirmation(_ status: StatusReport) -> String { "Standing" }
}

struct Sit: SimpleRequest {
    static let configuration = CommandConfiguration(abstract: "Say you sit down again.")
    var request: ControlRequest { ControlRequest(.sit) }
    func confirmation(_ status: StatusReport) -> String { "Sitting for \(TimeSpan.format(status.sittingSeconds))" }
}

struct Reload: SimpleRequest {
    static let configuration = CommandConfiguration(abstract: "Re-read the config file; a bad one is refused and the old one kept.")
    var request: ControlRequest { ControlRequest(.reload) }
    func confirmation(_ status: StatusReport) -> String {
        "Config reloaded: sit limit \(TimeSpan.format(status.sitLimitSeconds)), break \(TimeSpan.format(status.breakLengthSeconds))"
    }
}

struct Watch: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print events as they happen, until interrupted.")
    @Flag(help: "Print each event as one JSON object.") var json = false

    func run() throws {
        let connection = try DaemonConnection.open()
        _ = try connection.request(ControlRequest(.watch))
        while let event = try connection.nextEvent() {
            SitbreakCtl.writeLine(json ? ControlCodec.encodeLine(event) : "\(Self.clockTime()) \(event.message)")
        }
        throw CtlFailure("sitbreakd closed the stream", exitCode: 3)
    }

    static func clockTime() -> String {
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(local.tm_hour)):\(two(local.tm_min)):\(two(local.tm_sec))"
    }
}
