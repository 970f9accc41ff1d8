import Foundation

/// sitbreakd in a harness's home with its output going to a file. Under load the daemon
/// logs more than a pipe holds, and `DaemonHarness` drains its pipe only when the daemon
/// stops: a daemon started there would block in write(2) on its own log.
final class FileLoggedDaemon {
    let process = Process()
    let logPath: String

    /// `launcher` runs first and is handed the path of sitbreakd as its last argument, to
    /// exec it: `unshare --mount` for a daemon with a mount namespace of its own.
    init(_ harness: DaemonHarness, launcher: [String] = []) throws {
        logPath = harness.home.appendingPathComponent("daemon.log").path
        guard FileManager.default.createFile(atPath: logPath, contents: nil) else {
            throw HarnessError("cannot create \(logPath)")
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        // SITBREAKD=.build/release/sitbreakd measures the release build instead of the debug one.
        let daemon = ProcessInfo.processInfo.environment["SITBREAKD"]
            ?? DaemonHarness.binaries.appendingPathComponent("sitbreakd").path
        let command = launcher + [daemon]
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.environment = harness.environment
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try log.close()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, process.isRunning {
            if SocketClient.timedStatus(at: harness.socketPath) != nil { return }
            usleep(20_000)
        }
        stop()
        throw HarnessError("sitbreakd did not come up: \(self.log)")
    }

    deinit { stop() }

    var pid: Int32 { process.processIdentifier }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func stop() {
        guard process.processIdentifier != 0 else { return }  // never launched
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
    }
}
