import Foundation
import Testing

/// Hostile and damaged surroundings, tried from outside on the real daemon: whatever lies at
/// the paths of its files, a second daemon, a closed stderr, a daemon that stops answering.
/// Nothing acknowledged may be lost, nothing may crash it, and every answer must be true.
@Suite("Hardening", .serialized, .timeLimit(.minutes(3)))
struct HardeningTests {
    static let quietConfig = quickConfig.replacingOccurrences(of: "\"5s\"", with: "\"1h\"")

    static func problems(_ harness: DaemonHarness) -> [String] {
        harness.status()["problems"] as? [String] ?? ["no status"]
    }

    static func today(_ harness: DaemonHarness) -> [String: Any] {
        harness.status()["today"] as? [String: Any] ?? [:]
    }

    // MARK: The state file

    /// What can be at `state.json` that is not a state file sitbreak wrote, each with how to
    /// put it there.
    static let unusableStateFiles: [(what: String, make: @Sendable (String) throws -> Void)] = [
        ("garbage", { try "{\"format\":1,\"state\":[".write(toFile: $0, atomically: false, encoding: .utf8) }),
        ("a huge number", { path in
            let saved = try String(contentsOfFile: path + ".good", encoding: .utf8)
            try saved.replacingOccurrences(of: "\"banked\":", with: "\"banked\":1e308,\"x\":")
                .write(toFile: path, atomically: false, encoding: .utf8)
        }),
        ("a newer format", { try "{\"format\":99}".write(toFile: $0, atomically: false, encoding: .utf8) }),
        ("a directory", { try FileManager.default.createDirectory(atPath: $0, withIntermediateDirectories: false) }),
        ("a FIFO", { #expect(mkfifo($0, 0o600) == 0) }),
        ("a link to /dev/zero", { try FileManager.default.createSymbolicLink(atPath: $0, withDestinationPath: "/dev/zero") }),
        ("a 1 MiB file", { #expect(FileManager.default.createFile(atPath: $0, contents: Data(count: 1 << 20))) }),
    ]

    /// Each time: the daemon starts at once, keeps the bad file aside under a new generation,
    /// says so, and today comes back from the history, the same as `stats` says.
    @Test func anUnusableStateFileIsKeptAsideAndTodayRebuiltFromTheHistory() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        try harness.start()
        #expect(harness.ctl("snooze", "10m").status == 0)
        #expect(harness.ctl("break", "--no-guide").status == 0)
        #expect(harness.ctl("done").status == 0)
        harness.stop()
        try FileManager.default.copyItem(atPath: harness.statePath, toPath: harness.statePath + ".good")
        for (generation, unusable) in Self.unusableStateFiles.enumerated() {
            try? FileManager.default.removeItem(atPath: harness.statePath)
            try unusable.make(harness.statePath)
            let started = Date()
            try harness.start()
            #expect(Date().timeIntervalSince(started) < 5, "\(unusable.what): the daemon took long to start")
            let kept = "\(harness.statePath).unreadable-\(generation + 1)"
            let problems = Self.problems(harness)
            #expect(
                problems.contains { $0.contains("kept it as \(kept)") && $0.contains("today was rebuilt from the history") },
                "\(unusable.what): \(problems)")
            #expect(FileManager.default.fileExists(atPath: kept), "\(unusable.what) was not kept")
            let today = Self.today(harness)
            #expect(today["snoozed"] as? Int == 1 && today["breaks"] as? Int == 1, "\(unusable.what): \(today)")
            let stats = harness.ctl("stats", "--json").json
            let days = stats["days"] as? [[String: Any]] ?? []
            #expect(days.last?["snoozed"] as? Int == 1, "stats and status disagree: \(stats)")
            harness.stop()
            #expect(harness.daemonLog.contains("problem: \(harness.statePath)"), "the journal was not told: \(harness.daemonLog)")
        }
    }

    @Test func awayOutlastsAKillNine() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        try harness.start()
        #expect(harness.ctl("away").status == 0)
        harness.stop(signal: SIGKILL)
        try harness.start()
        #expect(harness.status()["state"] as? String == "away")
        #expect(harness.ctl("back").status == 0)
        #expect(harness.status()["state"] as? String == "sitting")
    }

    // MARK: One daemon

    /// A second sitbreakd for the same user is refused before it touches any file: the
    /// history gains no event and the state file is not rewritten.
    @Test func aSecondDaemonChangesNothing() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        try harness.start()
        #expect(harness.ctl("snooze", "10m").status == 0)
        let historyBefore = harness.ctl("stats", "--csv").output
        let stateBefore = try Data(contentsOf: URL(fileURLWithPath: harness.statePath))
        let modifiedBefore = try FileManager.default.attributesOfItem(atPath: harness.statePath)[.modificationDate] as? Date
        let second = harness.run("sitbreakd", [])
        #expect(second.status == 1)
        #expect(second.errors.contains("another sitbreakd is already running"), "\(second.errors)")
        #expect(harness.ctl("stats", "--csv").output == historyBefore, "the refused daemon wrote to the history")
        #expect(try Data(contentsOf: URL(fileURLWithPath: harness.statePath)) == stateBefore)
        #expect(try FileManager.default.attributesOfItem(atPath: harness.statePath)[.modificationDate] as? Date == modifiedBefore)
        #expect(harness.ctl("status").status == 0, "the first daemon still answers")
    }

    // MARK: The history

    @Test func aDamagedHistoryIsKeptAsideAndANewOneStartedWithARecoveryHint() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        try harness.start()
        #expect(harness.ctl("snooze", "10m").status == 0)
        harness.stop()
        let history = harness.home.appendingPathComponent("state/sitbreak/history.sqlite3").path
        let garbage = Data(repeating: 0x5a, count: 8192)
        try garbage.write(to: URL(fileURLWithPath: history))
        for companion in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: history + companion) }

        try harness.start()
        let kept = history + ".damaged-1"
        let problems = Self.problems(harness)
        #expect(problems.contains { $0.contains("history was damaged: kept it as \(kept)") && $0.contains(".dump") }, "\(problems)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: kept)) == garbage, "the damaged file was changed")
        #expect(harness.ctl("pause").status == 0)
        let csv = harness.ctl("stats", "--csv")
        #expect(csv.status == 0 && csv.output.contains("daemon_started") && csv.output.contains("paused"), "\(csv.output)")
    }

    @Test func theRecoveryHintRecoversWhatARealDamageLeft() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else {
            Issue.record("sqlite3 is missing: `make test-deps` installs it")
            return
        }
        let harness = try DaemonHarness(config: Self.quietConfig)
        try harness.start()
        for _ in 0..<5 { #expect(harness.ctl("snooze", "10m").status == 0) }
        harness.stop()
        let history = harness.home.appendingPathComponent("state/sitbreak/history.sqlite3").path
        // A torn page: the index's, so SQLite reads the file but every lookup by day fails.
        let page = harness.run("/usr/bin/sqlite3", [history, "SELECT pageno FROM dbstat WHERE name = 'events_by_local_day'"])
        let pageNumber = try #require(UInt64(page.output), "\(page.errors)")
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: history))
        try handle.seek(toOffset: (pageNumber - 1) * 4096)
        handle.write(Data(repeating: 0xff, count: 8))
        try handle.close()

        try harness.start()
        let problem = Self.problems(harness).first { $0.contains("history was damaged") }
        let hint = try #require(problem?.components(separatedBy: "`").dropFirst().first, "no hint: \(Self.problems(harness))")
        let recovered = harness.run(
            "/bin/sh", ["-c", "cd \"$0\" && \(hint)", harness.home.path])
        #expect(recovered.status == 0, "\(recovered.errors)")
        let rows = harness.run(
            "/usr/bin/sqlite3", [harness.home.appendingPathComponent("recovered.sqlite3").path, "SELECT count(*) FROM events"])
        // Five snoozes, and the daemon's start and stop.
        #expect(Int(rows.output) == 7, "not all recovered: \(rows.output) \(rows.errors)")
    }

    // MARK: Start and its edges

    @Test func aConfigNamedOnTheCommandLineMustExist() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let missing = harness.home.appendingPathComponent("nowhere.toml").path
        let outcome = harness.run("sitbreakd", ["--config", missing])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("--config \(missing): no such file or directory"), "\(outcome.errors)")
        #expect(!FileManager.default.fileExists(atPath: harness.statePath), "a refused start wrote state")
    }

    /// Run by hand with its standard error a pipe nobody reads any more: it logs, gets EPIPE,
    /// and goes on.
    @Test func aClosedStderrPipeDoesNotKillTheDaemon() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let process = Process()
        process.executableURL = DaemonHarness.binaries.appendingPathComponent("sitbreakd")
        process.environment = harness.environment
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        try pipe.fileHandleForReading.close()
        try process.run()
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        var answered = false
        for _ in 0..<250 where !answered {
            answered = harness.ctl("status").status == 0
            if !answered { usleep(20_000) }
        }
        #expect(answered, "sitbreakd ended with status \(process.isRunning ? -1 : process.terminationStatus)")
        #expect(harness.ctl("snooze", "5m").status == 0)
        #expect(process.isRunning)
    }

    /// Which of sitbreakctl's streams is a pipe nobody reads any more.
    enum ClosedStream: String, CustomStringConvertible {
        case output, errors
        var description: String { self == .output ? "standard output" : "standard error" }
    }

    /// Runs sitbreakctl with one stream a pipe whose read end is already closed, so every write
    /// to it fails with EPIPE (and raises SIGPIPE unless ignored); the other stream is collected.
    static func ctl(
        _ harness: DaemonHarness, _ arguments: [String], closing closed: ClosedStream
    ) throws -> (reason: Process.TerminationReason, status: Int32, otherStream: String) {
        let process = Process()
        process.executableURL = DaemonHarness.binaries.appendingPathComponent("sitbreakctl")
        process.arguments = arguments
        process.environment = harness.environment
        let deadEnd = Pipe(), collected = Pipe()
        try deadEnd.fileHandleForReading.close()
        process.standardOutput = closed == .output ? deadEnd : collected
        process.standardError = closed == .output ? collected : deadEnd
        try process.run()
        let text = collected.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus,
                String(decoding: text, as: UTF8.self).trimmingCharacters(in: .newlines))
    }

    /// `sitbreakctl exercises | head -0`: the reader is gone before sitbreakctl writes. It must
    /// end as it would have (no daemon needed for these), not be killed by SIGPIPE; whatever
    /// could not be written is dropped, and anything it says about that names the stream.
    @Test(arguments: [["exercises"], ["exercises", "--json"], ["--help"]])
    func aClosedOutputPipeDoesNotKillTheCLI(arguments: [String]) throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let run = try Self.ctl(harness, arguments, closing: .output)
        #expect(run.reason == .exit, "\(arguments): killed by signal \(run.status)")
        #expect(run.status == 0, "\(arguments): \(run.otherStream)")
        #expect(run.otherStream.isEmpty || run.otherStream.contains("standard output"), "\(arguments): unclear: \(run.otherStream)")
    }

    /// A failure told to a standard error nobody reads: sitbreakctl still ends with the
    /// documented exit status (1 invalid, 3 no daemon) and prints nothing in its place.
    @Test(arguments: [(["stats", "--bogus"], 1), (["status"], 3)] as [([String], Int32)])
    func aClosedErrorPipeDoesNotKillTheCLIOrChangeItsExitStatus(arguments: [String], expectedStatus: Int32) throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let run = try Self.ctl(harness, arguments, closing: .errors)
        #expect(run.reason == .exit, "\(arguments): killed by signal \(run.status)")
        #expect(run.status == expectedStatus, "\(arguments)")
        #expect(run.otherStream.isEmpty, "\(arguments): \(run.otherStream)")
    }

    @Test(arguments: ["run", "run/sitbreak"])
    func aRuntimeDirectoryOthersMayWriteIsRefused(directory: String) throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let path = harness.home.appendingPathComponent(directory).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        #expect(chmod(path, 0o1777) == 0)
        let outcome = harness.run("sitbreakd", [])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("\(path) can be written by other users (mode 1777)"), "\(outcome.errors)")
        #expect(!FileManager.default.fileExists(atPath: harness.statePath), "a refused start wrote state")
    }

    // MARK: Honest answers

    /// The CLI gives up on a daemon that does not answer, but the request was sent: it says
    /// it may still be applied, and it is once the daemon runs again.
    @Test func aTimedOutRequestSaysItMayStillBeApplied() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        try harness.start()
        let pid = try #require(harness.daemon?.processIdentifier)
        kill(pid, SIGSTOP)
        let pause = harness.ctl("pause")
        let status = harness.ctl("status")
        kill(pid, SIGCONT)
        #expect(pause.status == 3)
        #expect(pause.errors.contains("may still be applied"), "\(pause.errors)")
        #expect(status.status == 3 && !status.errors.contains("may still be applied"), "a question changes nothing: \(status.errors)")
        #expect(harness.status()["state"] as? String == "paused", "the request was not applied after all")
    }

    @Test func everyJSONCommandFailsInJSON() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        try "[[exercise]\n".write(
            toFile: harness.home.appendingPathComponent("config/sitbreak/exercises.toml").path, atomically: false, encoding: .utf8)
        for (arguments, code) in [
            (["status", "--json"], 3), (["watch", "--json", "--once"], 3), (["stats", "--json", "--days", "0"], 1),
            (["stats", "--json", "--bogus"], 1), (["exercises", "list", "--json"], 1),
        ] {
            let outcome = harness.run("sitbreakctl", arguments)
            #expect(outcome.status == Int32(code), "\(arguments)")
            let object = outcome.json
            #expect(object["code"] as? Int == code, "\(arguments): \(outcome.output)")
            #expect((object["error"] as? String)?.isEmpty == false, "\(arguments): \(outcome.output)")
        }
    }

    /// A command line that asks for JSON but does not parse still answers a script in JSON:
    /// `--json` or `-j`, alone or among other letters, on every command that prints JSON and on
    /// the default command. `stats` has no `-j`, so its `-j` is the error, told in JSON as the
    /// `--json` it can only have meant.
    @Test(arguments: [
        ["stats", "-j", "--bogus"], ["stats", "--json", "--bogus"], ["config", "--json", "--bogus"], ["config", "-j", "--bogus"],
        ["doctor", "--json", "--bogus"], ["doctor", "-j", "--bogus"], ["status", "-fj", "--bogus"], ["-j", "--bogus"],
        ["exercises", "-j", "--bogus"], ["watch", "--once", "-j", "--bogus"],
    ])
    func aCommandLineThatAsksForJSONFailsInOneJSONObject(arguments: [String]) throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let outcome = harness.run("sitbreakctl", arguments)
        #expect(outcome.status == 1, "\(arguments)")
        #expect(!outcome.output.isEmpty && !outcome.output.contains("\n"), "\(arguments): not one line: \(outcome.output)")
        let object = outcome.json
        #expect(object["code"] as? Int == 1, "\(arguments): \(outcome.output)")
        // The same words as the first line on standard error.
        let said = outcome.errors.split(separator: "\n").first.map(String.init)
        #expect(object["error"] as? String == said, "\(arguments): \(outcome.output) vs \(outcome.errors)")
        #expect(said?.contains("unknown option") == true, "\(arguments): \(outcome.errors)")
    }

    /// After `--` every word is an argument: a `--json` or `-j` there asks for nothing, and the
    /// failure is on standard error only.
    @Test(arguments: [["status", "--", "--json"], ["exercises", "show", "--", "--json"], ["exercises", "show", "--", "-j"]])
    func jsonAfterTheEndOfOptionsIsNotAskedFor(arguments: [String]) throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let outcome = harness.run("sitbreakctl", arguments)
        #expect(outcome.status == 1, "\(arguments)")
        #expect(outcome.output.isEmpty, "\(arguments): \(outcome.output)")
        #expect(!outcome.errors.isEmpty, "\(arguments): said nothing")
    }

    /// A directory where the history belongs: SQLite alone would say "disk I/O error". `stats`
    /// names the path and says it is a directory, in text and in JSON; the daemon says the same
    /// in `problems` and keeps the events waiting.
    @Test func aHistoryThatIsADirectoryIsReportedAsOneWithItsPath() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let directory = harness.home.appendingPathComponent("state/sitbreak").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let history = directory + "/history.sqlite3"
        try FileManager.default.createDirectory(atPath: history, withIntermediateDirectories: false)
        let reason = "\(history): cannot open: it is a directory"

        let stats = harness.ctl("stats")
        #expect(stats.status == 1)
        #expect(stats.output.isEmpty, "\(stats.output)")
        #expect(stats.errors == "sitbreakctl: \(reason)", "\(stats.errors)")
        let json = harness.ctl("stats", "--json")
        #expect(json.status == 1)
        #expect(json.json["error"] as? String == reason, "\(json.output)")

        try harness.start()
        #expect(harness.ctl("snooze", "10m").status == 0)
        let problems = Self.problems(harness)
        #expect(problems.contains { $0.hasPrefix("history not saved: \(reason)") }, "\(problems)")
    }

    /// However far back a span is asked for, the report covers the days with data.
    @Test func statsSinceTheBeginningOfTimeCoversTheRecordedDays() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        try harness.start()
        #expect(harness.ctl("snooze", "10m").status == 0)
        let stats = harness.ctl("stats", "--since", "0000-01-01", "--json")
        #expect(stats.status == 0, "\(stats.errors)")
        #expect((stats.json["days"] as? [Any])?.count == 1, "\(stats.output.prefix(300))")
    }
}
