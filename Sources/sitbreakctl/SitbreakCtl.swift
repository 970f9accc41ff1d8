import Glibc
import SitBreakCLI
import SitBreakModel
import SitBreakPresentation
import SitBreakProtocol

/// A subcommand: where it stands in the command tree, how it reads its command line, and what
/// it does.
protocol CtlCommand: Sendable {
    static var spec: CtlSpec { get }
    init(_ parsed: CtlParsed) throws(UsageError)
    func run() throws
}

typealias CtlSpec = CommandSpec<any CtlCommand.Type>
typealias CtlParsed = ParsedCommand<any CtlCommand.Type>

/// A command that takes nothing on its command line.
protocol PlainCommand: CtlCommand {
    init()
}

extension PlainCommand {
    init(_ parsed: CtlParsed) { self.init() }
}

@main
enum SitbreakCtl {
    static let program = Program(
        root: CtlSpec(
            name: "sitbreakctl",
            abstract: "Control sitbreakd, the sitting-break reminder.",
            discussion: "Exit status: 0 done, 1 refused or invalid, 3 sitbreakd not reachable. "
                + "With --json, a failure is also printed on standard output as {\"code\": STATUS, \"error\": MESSAGE}.",
            subcommands: [
                Status.spec, Snooze.spec, Pause.spec, Resume.spec, Break.spec, Done.spec, Skip.spec,
                Away.spec, Back.spec, Stand.spec, Sit.spec, Reload.spec, Watch.spec,
                Exercises.spec, Routine.spec, Stats.spec, ConfigCommand.spec, Doctor.spec, Desktop.spec,
            ],
            defaultSubcommand: Status.spec.name),
        version: "0.1.0",
        seeAlso: ["sitbreakd(1)", "sitbreak.toml(5)", "systemctl(1)", "journalctl(1)"],
        manualSections: SitbreakCtlManual.sections)

    static func main() {
        // A parent may hand its blocked signals down (a test runner whose event loop blocks
        // them): `watch` and `status --follow` run until a signal ends them, so it must reach them.
        var none = sigset_t()
        sigemptyset(&none)
        sigprocmask(SIG_SETMASK, &none, nil)
        // `sitbreakctl status | head -0` or a daemon gone mid-request: not a death by signal. What
        // nobody reads any more is dropped (the exit status is the command's); a request the
        // daemon did not take is an error.
        signal(SIGPIPE, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Until the command line is understood, a failure to understand it is told in JSON
        // too if it seems to ask for JSON: a script reading standard output gets an answer.
        var json = asksForJSON(arguments)
        do {
            switch try CommandLineParser.parse(arguments, for: program) {
            case .show(let text): writeLine(text)
            case .run(let parsed):
                json = parsed.flagsGiven.contains("json")
                try parsed.action.init(parsed).run()
            }
        } catch let error as UsageError {
            // A usage error is an invalid request like any other: exit status 1.
            fail(error.report, json: json ? error.description : nil, code: 1)
        } catch let failure as CtlFailure {
            fail("sitbreakctl: \(failure.description)", json: json ? failure.description : nil, code: failure.exitCode)
        } catch let status as ExitStatus {
            Glibc.exit(status.code)
        } catch {
            fail("sitbreakctl: \(error)", json: json ? "\(error)" : nil, code: 1)
        }
    }

    /// Whether a command line, understood or not, asks for JSON: `--json`, or `-j` alone or
    /// among other letters (`-fj`), before `--` (after it every word is an argument). A `-j`
    /// counts unless the command it leads to spells something else so, or a letter before it
    /// takes the rest of the word as its value (`-dj` would be `-d j`); on a command without
    /// `-j` it can only have meant `--json`, as every other command spells it.
    static func asksForJSON(_ arguments: [String]) -> Bool {
        let optionWords = arguments.prefix { $0 != "--" }
        if optionWords.contains("--json") { return true }
        let options = command(reachedBy: arguments).options
        return optionWords.contains { word in
            guard word.hasPrefix("-"), !word.hasPrefix("--") else { return false }
            for letter in word.dropFirst() {
                let option = options.first { $0.shortName == letter }
                if letter == "j", option == nil || option?.name == "json" { return true }
                if option?.takesValue == true { return false }
            }
            return false
        }
    }

    /// The command a command line leads to, walked as the parser walks it: a named subcommand,
    /// else the group's default.
    private static func command(reachedBy arguments: [String]) -> CtlSpec {
        var command = program.root
        var rest = arguments[...]
        while !command.subcommands.isEmpty {
            if let word = rest.first, let named = command.subcommand(named: word) {
                command = named
                rest = rest.dropFirst()
            } else if let name = command.defaultSubcommand, let fallback = command.subcommand(named: name) {
                command = fallback
            } else {
                break
            }
        }
        return command
    }

    /// A failure on standard error; with `--json`, also as the JSON object scripts read on
    /// standard output, `{"code": <exit status>, "error": "<message>"}`.
    private static func fail(_ message: String, json: String?, code: Int32) -> Never {
        printError(message)
        if let json { writeLine(ControlCodec.encodeLine(JSONFailure(error: json, code: code))) }
        Glibc.exit(code)
    }

    private struct JSONFailure: Encodable {
        var error: String
        var code: Int32
    }

    static func printError(_ message: String) { writeLine(message, to: STDERR_FILENO) }

    /// Unbuffered, so a `watch` line reaches a pipe at once.
    static func writeLine(_ message: String, to descriptor: Int32 = STDOUT_FILENO) {
        let line = message + "\n"
        _ = line.withCString { write(descriptor, $0, strlen($0)) }
    }
}

/// Commands that send one request and print the resulting status line.
protocol SimpleRequest: CtlCommand {
    var request: ControlRequest { get }
    /// What to say when it worked.
    func confirmation(_ status: StatusReport) -> String
}

extension SimpleRequest {
    func run() throws {
        guard let status = try DaemonConnection.open().request(request) else { return }
        print(confirmation(status))
        Durability.warnIfUnsaved(status)
    }
}

/// Applied is not yet saved: while the disk is full the daemon keeps events in memory.
enum Durability {
    static func note(_ status: StatusReport) -> String? {
        guard let waiting = status.unsavedEvents, waiting > 0 else { return nil }
        let why = status.problems.first { $0.hasPrefix("history not saved") }.map { " (\($0))" } ?? ""
        return "sitbreakctl: applied, but not yet saved to the history\(why); "
            + "sitbreakd writes it when it can, and `sitbreakctl status` shows how many events wait"
    }

    /// Says so on standard error, after what the command printed.
    static func warnIfUnsaved(_ status: StatusReport?) {
        if let note = status.flatMap(note) { SitbreakCtl.printError(note) }
    }
}

struct Status: CtlCommand {
    static let spec = CtlSpec(
        name: "status",
        abstract: "Show how long you have sat and what comes next.",
        discussion: """
            Formats for bars and prompts: waybar (JSON for a custom module), i3blocks and polybar \
            (text and colour), tmux (a status-right segment), prompt (a short PS1 segment that is \
            empty when you are away or paused, and prints nothing when the daemon is down).
            --template fields: \(StatusFormat.templateFieldNames.map { "{\($0)}" }.joined(separator: " "))
            """,
        options: [
            .flag("json", short: "j", help: "Print the status as one JSON object."),
            .value("format", valueName: "format",
                   help: "One of: \(StatusFormat.allCases.map(\.rawValue).joined(separator: ", ")).",
                   completion: .choices(StatusFormat.allCases.map(\.rawValue))),
            .value("template", valueName: "template", help: "Your own line, e.g. '{state} {sitting_min}m'."),
            .flag("follow", short: "f", help: "Keep printing one line per change (waybar's continuous mode); no polling. "
                + "Survives daemon restarts: prints a \"restarting\" line and reconnects."),
            .flag("once", help: "With --follow: exit (status 3) when sitbreakd stops, instead of reconnecting."),
        ],
        action: Status.self)

    let json: Bool
    let format: StatusFormat?
    let template: String?
    let follow: Bool
    let once: Bool

    init(_ parsed: CtlParsed) throws(UsageError) {
        json = parsed.flag("json")
        // The parser admits only the formats' names.
        format = parsed.value("format").flatMap(StatusFormat.init(rawValue:))
        template = parsed.value("template")
        follow = parsed.flag("follow")
        once = parsed.flag("once")
        if once && !follow { throw parsed.usageError("--once goes with --follow") }
        if [json, format != nil, template != nil].filter({ $0 }).count > 1 {
            throw parsed.usageError("choose one of --json, --format and --template")
        }
        if follow && format == nil && template == nil && !json {
            throw parsed.usageError("--follow goes with --format, --template or --json")
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
        // A live daemon answers within a millisecond; a prompt drawn within 50 ms of Enter
        // leaves 30 ms for a daemon that hangs, after sitbreakctl's own start.
        let patience: Seconds = format == .prompt ? 0.03 : 2
        guard follow else {
            let status = try DaemonConnection.open(timeout: patience).request(ControlRequest(.status), timeout: patience)
            guard let status else { throw CtlFailure("sitbreakd sent no status", exitCode: 1) }
            return SitbreakCtl.writeLine(try render(status))
        }
        var last: String?
        func show(_ line: String) {
            if line != last { SitbreakCtl.writeLine(line) }
            last = line
        }
        try FollowedStream(
            once: once,
            status: { show(try render($0)) },
            event: { show(try render($0.status)) },
            restarting: { show(restartingLine) }
        ).run(patience: patience)
    }

    /// What a bar shows while sitbreakd restarts, in the chosen format.
    private var restartingLine: String {
        if json { return #"{"state":"restarting"}"# }
        if let format { return format.restartingLine }
        return StatusFormat.restartingText
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

struct Snooze: SimpleRequest {
    static let spec = CtlSpec(
        name: "snooze", abstract: "Move the next reminder out (default: break.snooze).",
        arguments: [DurationArgument.spec(help: "How long, e.g. 10m.")], action: Snooze.self)
    let seconds: Seconds?
    init(_ parsed: CtlParsed) throws(UsageError) { seconds = try DurationArgument.seconds(in: parsed) }
    var request: ControlRequest { ControlRequest(.snooze, seconds: seconds) }
    func confirmation(_ status: StatusReport) -> String {
        "Snoozed: next reminder in \(TimeSpan.format(status.nextReminderSeconds ?? 0))"
    }
}

struct Pause: SimpleRequest {
    static let spec = CtlSpec(
        name: "pause", abstract: "Stop counting, for a while or until resume.",
        arguments: [DurationArgument.spec(help: "How long, e.g. 1h; none: until resume.")], action: Pause.self)
    let seconds: Seconds?
    init(_ parsed: CtlParsed) throws(UsageError) { seconds = try DurationArgument.seconds(in: parsed) }
    var request: ControlRequest { ControlRequest(.pause, seconds: seconds) }
    func confirmation(_ status: StatusReport) -> String {
        status.pauseRemainingSeconds.map { "Paused for \(TimeSpan.format($0))" } ?? "Paused until `sitbreakctl resume`"
    }
}

struct Resume: SimpleRequest, PlainCommand {
    static let spec = CtlSpec(name: "resume", abstract: "Count again after a pause.", action: Resume.self)
    var request: ControlRequest { ControlRequest(.resume) }
    func confirmation(_ status: StatusReport) -> String { "Resumed: \(StatusText.render(status).prefix { $0 != "\n" })" }
}

struct Done: SimpleRequest, PlainCommand {
    static let spec = CtlSpec(
        name: "done", abstract: "Confirm the break you are taking or just took.",
        discussion: "Your word counts the break at once, as confirmed; a break already counted is not counted again.",
        action: Done.self)
    var request: ControlRequest { ControlRequest(.done) }
    func confirmation(_ status: StatusReport) -> String { "Break recorded: \(status.today.breaks) today" }
}

struct Skip: SimpleRequest, PlainCommand {
    static let spec = CtlSpec(name: "skip", abstract: "Acknowledge the reminder without a break.", action: Skip.self)
    var request: ControlRequest { ControlRequest(.skip) }
    func confirmation(_ status: StatusReport) -> String {
        "Skipped: next reminder in \(status.nextReminderSeconds.map(TimeSpan.format) ?? "—")"
    }
}

struct Away: SimpleRequest, PlainCommand {
    static let spec = CtlSpec(name: "away", abstract: "Say you are leaving the desk.", action: Away.self)
    var request: ControlRequest { ControlRequest(.away) }
    func confirmation(_ status: StatusReport) -> String { "Marked away" }
}

struct Back: SimpleRequest, PlainCommand {
    static let spec = CtlSpec(name: "back", abstract: "Say you are back at the desk.", action: Back.self)
    var request: ControlRequest { ControlRequest(.back) }
    func confirmation(_ status: StatusReport) -> String {
        "Welcome back: sitting for \(TimeSpan.format(status.sittingSeconds))"
    }
}

struct Stand: SimpleRequest, PlainCommand {
    static let spec = CtlSpec(name: "stand", abstract: "Say you work standing (not counted as sitting).", action: Stand.self)
    var request: ControlRequest { ControlRequest(.stand) }
    func confirmation(_ status: StatusReport) -> String { "Standing" }
}

struct Sit: SimpleRequest, PlainCommand {
    static let spec = CtlSpec(name: "sit", abstract: "Say you sit down again.", action: Sit.self)
    var request: ControlRequest { ControlRequest(.sit) }
    func confirmation(_ status: StatusReport) -> String { "Sitting for \(TimeSpan.format(status.sittingSeconds))" }
}

struct Reload: SimpleRequest, PlainCommand {
    static let spec = CtlSpec(name: "reload", abstract: "Re-read the config file; a bad one is refused and the old one kept.", action: Reload.self)
    var request: ControlRequest { ControlRequest(.reload) }
    func confirmation(_ status: StatusReport) -> String {
        "Config reloaded: sit limit \(TimeSpan.format(status.sitLimitSeconds)), break \(TimeSpan.format(status.breakLengthSeconds))"
    }
}

struct Watch: CtlCommand {
    static let spec = CtlSpec(
        name: "watch", abstract: "Print events as they happen, until interrupted.",
        discussion: "Survives daemon restarts: prints a \"sitbreak restarting\" line and reconnects.",
        options: [
            .flag("json", short: "j", help: "Print each event as one JSON object."),
            .flag("once", help: "Exit (status 3) when sitbreakd stops, instead of reconnecting."),
        ],
        action: Watch.self)
    let json: Bool
    let once: Bool
    init(_ parsed: CtlParsed) {
        json = parsed.flag("json")
        once = parsed.flag("once")
    }

    func run() throws {
        var restarted = false
        try FollowedStream(
            once: once,
            status: { status in
                // The first connection is silent, as before; a reconnection says the daemon is back.
                guard restarted else { return }
                let back = WatchEvent(event: "reconnected", message: "sitbreak is back", status: status)
                SitbreakCtl.writeLine(json ? ControlCodec.encodeLine(back) : "\(Self.clockTime()) \(back.message)")
            },
            event: { event in
                SitbreakCtl.writeLine(json ? ControlCodec.encodeLine(event) : "\(Self.clockTime()) \(event.message)")
            },
            restarting: {
                restarted = true
                SitbreakCtl.writeLine(json
                    ? #"{"event":"restarting","message":"\#(StatusFormat.restartingText)"}"#
                    : "\(Self.clockTime()) \(StatusFormat.restartingText)")
            }
        ).run()
    }

    static func clockTime() -> String {
        var now = time(nil)
        var local = tm()
        localtime_r(&now, &local)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(local.tm_hour)):\(two(local.tm_min)):\(two(local.tm_sec))"
    }
}
