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
            Exercises.self, Routine.self,
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
    static let configuration = CommandConfiguration(abstract: "Show how long you have sat and what comes next.")
    @Flag(help: "Print the status as one JSON object.") var json = false

    func run() throws {
        let status = try DaemonConnection.open().request(ControlRequest(.status))
        guard let status else { throw CtlFailure("sitbreakd sent no status", exitCode: 1) }
        print(json ? ControlCodec.encodeLine(status) : StatusText.render(status))
    }
}

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
