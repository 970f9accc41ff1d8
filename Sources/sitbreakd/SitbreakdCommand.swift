import Glibc
import Logging
import SitBreakCLI
import SitBreakConfig
import SitBreakEventLoop
import SitBreakFiles
import SitBreakModel
import SitBreakSystemd

let sitbreakVersion = "0.1.0"

@main
struct SitbreakdCommand: Sendable {
    static let program = Program(
        root: CommandSpec(
            name: "sitbreakd",
            abstract: "Counts how long you sit and tells you when to get up.",
            discussion: """
                Runs in the foreground, normally as the systemd user service sitbreak.service. \
                Control it with sitbreakctl. Config: $XDG_CONFIG_HOME/sitbreak/config.toml, over the \
                site defaults in /etc/xdg/sitbreak/config.toml ($XDG_CONFIG_DIRS).
                """,
            options: [
                .value("config", valueName: "path", help: "The config file.", completion: .files),
                .flag("check-config", help: "Validate the config file and exit: 0 when valid, 1 with the error."),
            ],
            arguments: [
                ArgumentSpec(
                    "path", help: "With --check-config: the file to check (default: the one sitbreakd would read).",
                    isOptional: true, completion: .files)
            ],
            action: SitbreakdCommand.self),
        version: sitbreakVersion,
        seeAlso: ["sitbreakctl(1)", "sitbreak.toml(5)", "systemd.service(5)", "journalctl(1)"],
        manualSections: SitbreakdManual.sections)

    let config: String?
    let checkConfig: Bool
    let checkPath: String?

    init(_ parsed: ParsedCommand<SitbreakdCommand.Type>) throws(UsageError) {
        config = parsed.value("config")
        checkConfig = parsed.flag("check-config")
        checkPath = parsed.argument("path")
        if checkPath != nil && !checkConfig {
            throw parsed.usageError("a path argument goes with --check-config; use --config PATH to run with a file")
        }
    }

    func run() throws {
        // Before any thread exists, so sd-event alone receives these signals.
        EventLoop.blockSignals([SIGTERM, SIGINT, SIGHUP])
        // A closed stderr or a client gone mid-reply is an error to handle, not a reason to die.
        signal(SIGPIPE, SIG_IGN)
        let environment = Self.environment()
        guard let configPath = checkPath ?? config ?? ConfigLoader.defaultPath(environment: environment) else {
            throw Failure("neither XDG_CONFIG_HOME nor HOME is set; pass --config PATH")
        }
        // The default file may be absent (the defaults then apply); a file named on purpose may not.
        if let config, access(config, F_OK) != 0 {
            throw Failure("--config \(config): \(FileReadError.describe(errno)); create it, or leave --config out to run on the defaults")
        }
        let sitePaths = ConfigLoader.sitePaths(environment: environment)
        if checkConfig {
            do {
                _ = try ConfigLoader.load(path: configPath, over: ConfigLoader.siteSettings(sitePaths: sitePaths))
                print("\(configPath): valid")
                return
            } catch {
                throw Failure(error.description)
            }
        }
        let paths: XDGPaths
        do { paths = try XDGPaths.current() } catch { throw Failure(error.description) }
        // A broken config never keeps sitbreak from running: the last one that loaded, else
        // the defaults, until a reload reads a fixed one.
        let settings: Settings
        var configProblem: String?
        do {
            settings = try ConfigLoader.loadIfPresent(path: configPath, over: ConfigLoader.siteSettings(sitePaths: sitePaths))
        } catch {
            (settings, configProblem) = LastGoodConfig(stateDirectory: paths.stateDirectory)
                .fallback(after: error, sitePaths: sitePaths)
        }
        LoggingSystem.bootstrap { _ in JournalLogHandler(identifier: "sitbreakd") }
        let logger = Logger(label: "sitbreakd")
        do {
            let daemon = try Daemon(
                options: Daemon.Options(
                    configPath: configPath, environment: environment,
                    startedWithConfigFile: access(configPath, F_OK) == 0, configProblem: configProblem),
                settings: settings, paths: paths, logger: logger)
            let code = try daemon.run()
            if code != 0 { throw ExitStatus(code) }
        } catch let error as DaemonError {
            throw Failure(error.description)
        }
    }

    private static func environment() -> [String: String] {
        var result: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let pair = String(cString: pointer)
            if let equals = pair.firstIndex(of: "=") {
                result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            entry += 1
        }
        return result
    }
}

/// A fatal problem, printed as `sitbreakd: message` and exit status 1.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension SitbreakdCommand {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // Like --generate-manual: only as the whole command line, for `make release`.
        if arguments == [ConfigManual.option] { return print(ConfigManual.render(version: sitbreakVersion)) }
        do {
            switch try CommandLineParser.parse(arguments, for: program) {
            case .show(let text): print(text)
            case .run(let parsed): try parsed.action.init(parsed).run()
            }
        } catch let error as UsageError {
            // EX_USAGE, as before: service managers and scripts tell it from a failed start.
            printError(error.report)
            Glibc.exit(EX_USAGE)
        } catch let failure as Failure {
            printError("sitbreakd: \(failure.description)")
            Glibc.exit(1)
        } catch let status as ExitStatus {
            Glibc.exit(status.code)
        } catch {
            printError("sitbreakd: \(error)")
            Glibc.exit(1)
        }
    }

    static func printError(_ message: String) {
        let line = message + "\n"
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }
}
