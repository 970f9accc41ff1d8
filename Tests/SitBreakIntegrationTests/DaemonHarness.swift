import Foundation
import Testing

/// A real sitbreakd in a private home: its own XDG directories, config and socket, run as
/// a child process and driven with the real sitbreakctl.
final class DaemonHarness {
    let home: URL
    private(set) var daemon: Process?
    private var daemonOutput = Pipe()
    private(set) var daemonLog = ""
    /// Added to the daemon's and the CLI's environment (a desktop's DISPLAY and session bus).
    var extraEnvironment: [String: String] = [:]

    static var binaries: URL {
        // The test bundle sits in the build products directory beside the executables.
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("sitbreakd").path), url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url
    }

    init(config: String) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("sitbreak-it-\(UUID().uuidString.prefix(8))")
        for directory in ["run", "config/sitbreak", "state"] {
            try FileManager.default.createDirectory(
                at: home.appendingPathComponent(directory), withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        try writeConfig(config)
    }

    deinit {
        stop(signal: SIGKILL)
        try? FileManager.default.removeItem(at: home)
    }

    var configPath: String { home.appendingPathComponent("config/sitbreak/config.toml").path }
    var statePath: String { home.appendingPathComponent("state/sitbreak/state.json").path }
    var socketPath: String { home.appendingPathComponent("run/sitbreak/control.sock").path }

    func writeConfig(_ text: String) throws {
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    var environment: [String: String] {
        [
            "HOME": home.path, "PATH": "/usr/bin:/bin",
            "XDG_RUNTIME_DIR": home.appendingPathComponent("run").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
            "XDG_STATE_HOME": home.appendingPathComponent("state").path,
            // No site defaults unless a test writes them: not the machine's /etc/xdg/sitbreak.
            "XDG_CONFIG_DIRS": home.appendingPathComponent("site").path,
        ].merging(extraEnvironment) { $1 }
    }

    /// Starts sitbreakd and waits until its socket answers.
    func start(arguments: [String] = []) throws {
        let process = Process()
        process.executableURL = Self.binaries.appendingPathComponent("sitbreakd")
        process.arguments = arguments
        process.environment = environment
        daemonOutput = Pipe()
        process.standardOutput = daemonOutput
        process.standardError = daemonOutput
        try process.run()
        daemon = process
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if ctl("status").status == 0 { return }
            guard process.isRunning else { break }
            usleep(20_000)
        }
        stop(signal: SIGKILL)
        throw HarnessError("sitbreakd did not come up: \(daemonLog)")
    }

    /// Stops the daemon with `signal` and collects what it printed.
    @discardableResult
    func stop(signal: Int32 = SIGTERM) -> Int32? {
        guard let process = daemon else { return nil }
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        daemonLog += String(decoding: daemonOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        daemon = nil
        return process.terminationStatus
    }

    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(output.utf8))) as? [String: Any] ?? [:]
        }
    }

    func ctl(_ arguments: String...) -> Outcome { run("sitbreakctl", arguments) }

    func run(_ binary: String, _ arguments: [String], extraEnvironment: [String: String] = [:]) -> Outcome {
        let process = Process()
        process.executableURL = binary.hasPrefix("/") ? URL(fileURLWithPath: binary) : Self.binaries.appendingPathComponent(binary)
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { return Outcome(status: -1, output: "", errors: "\(error)") }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            output: String(decoding: out, as: UTF8.self).trimmingCharacters(in: .newlines),
            errors: String(decoding: err, as: UTF8.self).trimmingCharacters(in: .newlines))
    }

    func status() -> [String: Any] { ctl("status", "--json").json }
}

/// `sitbreakctl watch --json` in the background, collecting lines with their arrival times.
final class WatchStream: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var lines: [(at: Date, event: [String: Any])] = []

    init(_ harness: DaemonHarness) throws {
        process.executableURL = DaemonHarness.binaries.appendingPathComponent("sitbreakctl")
        // --once: the stream ends with the daemon, as the test does.
        process.arguments = ["watch", "--json", "--once"]
        process.environment = harness.environment
        let pipe = Pipe()
        process.standardOutput = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            let now = Date()
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                if let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] {
                    self.lock.withLock { self.lines.append((now, event)) }
                }
            }
        }
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    var events: [(at: Date, event: [String: Any])] { lock.withLock { lines } }

    /// Waits (polling, bounded) for an event named `name` after `index` events; returns it with its time.
    func waitFor(_ name: String, after index: Int = 0, timeout: TimeInterval) -> (at: Date, event: [String: Any])? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let all = events
            if let found = all.dropFirst(index).first(where: { $0.event["event"] as? String == name }) { return found }
            usleep(10_000)
        }
        return nil
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Five-second sitting, three-second breaks: the whole cycle in seconds.
let quickConfig = """
    [break]
    sit_limit = "5s"
    length = "3s"
    snooze = "4s"
    repeat = "5s"
    [activity]
    sources = ["manual"]
    [notify]
    via = "terminal"
    """
