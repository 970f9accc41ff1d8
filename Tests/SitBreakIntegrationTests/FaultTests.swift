import Foundation
import SitBreakHistory
import SitBreakModel
import Testing

/// Faults around a running daemon: its state directory turns read-only or fills up, its
/// config is deleted or turned to garbage between reloads, SIGHUPs come in storms. Each
/// time the daemon keeps running, keeps answering, and says what is wrong in `status`
/// (`problems`) and in its log.
@Suite("Faults", .serialized, .timeLimit(.minutes(3)))
struct FaultTests {
    static let quietConfig = quickConfig.replacingOccurrences(of: "\"5s\"", with: "\"1h\"")

    static func problems(_ harness: DaemonHarness) -> [String] {
        harness.status()["problems"] as? [String] ?? ["no status"]
    }

    // MARK: The state directory

    /// Mounts happen in a mount namespace of the daemon's own (`unshare --mount`), entered
    /// with `nsenter`: the host's mounts never change. Needs root.
    static var canMount: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/nsenter")
    }

    static let ownMountNamespace = ["/usr/bin/unshare", "--mount", "--propagation", "private"]

    @discardableResult
    static func inNamespace(of daemon: FileLoggedDaemon, _ harness: DaemonHarness, _ command: [String]) -> DaemonHarness.Outcome {
        harness.run("/usr/bin/nsenter", ["--target", "\(daemon.pid)", "--mount", "--"] + command)
    }

    /// The daemon starts with its state directory on a 1 MiB tmpfs that only it sees.
    static func daemonWithStateOnASmallTmpfs(_ harness: DaemonHarness) throws -> (FileLoggedDaemon, state: String) {
        let state = harness.home.appendingPathComponent("state/sitbreak").path
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let daemon = try FileLoggedDaemon(harness, launcher: ownMountNamespace + [
            "/bin/sh", "-c", "mount -t tmpfs -o size=1m,mode=0700 sitbreak-state \"$0\" && exec \"$1\"", state,
        ])
        return (daemon, state)
    }

    /// Fills the daemon's tmpfs to the last block; returns the file that does it.
    static func fill(_ state: String, of daemon: FileLoggedDaemon, _ harness: DaemonHarness) -> String {
        let filler = state + "/filler"
        inNamespace(of: daemon, harness, ["/bin/dd", "if=/dev/zero", "of=\(filler)", "bs=4k"])
        #expect(inNamespace(of: daemon, harness, ["/bin/df", "--output=avail", state]).output.hasSuffix(" 0"))
        return filler
    }

    @Test(.enabled(if: canMount, "needs root, unshare and nsenter to make the state directory read-only"))
    func aReadOnlyStateDirectoryIsReportedAndWritingResumesWhenItIsWritableAgain() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let daemon = try FileLoggedDaemon(harness, launcher: Self.ownMountNamespace)
        let state = harness.home.appendingPathComponent("state/sitbreak").path
        #expect(Self.inNamespace(of: daemon, harness, ["/bin/mount", "--bind", state, state]).status == 0)
        let readOnly = Self.inNamespace(of: daemon, harness, ["/bin/mount", "-o", "remount,bind,ro", state])
        #expect(readOnly.status == 0, "\(readOnly.errors)")

        // The history's file was open before: SQLite goes on writing through it. The state
        // file is written anew each time, which the read-only mount refuses.
        #expect(harness.ctl("pause").status == 0, "counting goes on in memory")
        let problems = Self.problems(harness)
        #expect(problems.contains { $0.contains("state.json") && $0.contains("the file system is read-only") }, "\(problems)")
        #expect(daemon.log.contains("cannot save state"), "\(daemon.log)")
        #expect(harness.status()["state"] as? String == "paused")

        #expect(Self.inNamespace(of: daemon, harness, ["/bin/umount", state]).status == 0)
        #expect(harness.ctl("resume").status == 0)
        #expect(Self.problems(harness).isEmpty, "\(Self.problems(harness))")
        #expect(daemon.log.contains("state saved again"), "\(daemon.log)")
        let saved = try String(contentsOfFile: harness.statePath, encoding: .utf8)
        #expect(!saved.contains("\"pause\":{"), "the state written after the fault is the resumed one: \(saved)")
        daemon.stop()
        #expect(daemon.process.terminationStatus == 0)
    }

    /// The state directory on a 1 MiB tmpfs only the daemon sees, filled to the last block:
    /// every command is applied and acknowledged as not yet saved, waits in memory, and is in
    /// the history, in order, once there is room.
    @Test(.enabled(if: canMount, "needs root, unshare and nsenter to put the state directory on a small tmpfs"))
    func onAFullDiskEveryAcknowledgedEventWaitsAndIsWrittenInOrderWhenThereIsRoom() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let (daemon, state) = try Self.daemonWithStateOnASmallTmpfs(harness)
        #expect(harness.ctl("snooze", "10m").status == 0)
        let filler = Self.fill(state, of: daemon, harness)

        let commands = 20
        for index in 0..<commands {
            let outcome = harness.ctl(index.isMultiple(of: 2) ? "pause" : "resume")
            #expect(outcome.status == 0, "counting goes on in memory")
            #expect(outcome.errors.contains("applied, but not yet saved to the history (history not saved: disk full"),
                    "\(outcome.errors)")
        }
        let status = harness.status()
        let problems = status["problems"] as? [String] ?? []
        #expect(status["unsaved_events"] as? Int == commands, "\(status)")
        #expect(problems.contains { $0.contains("state.json") && $0.contains("no space left on the disk") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("history not saved: disk full (\(commands) events waiting)") }, "\(problems)")
        #expect(daemon.log.contains("history not saved: disk full (1 event waiting)"), "the journal was not told: \(daemon.log)")

        #expect(Self.inNamespace(of: daemon, harness, ["/bin/rm", filler]).status == 0)
        #expect(harness.ctl("snooze", "5m").status == 0)
        #expect(Self.problems(harness).isEmpty, "\(Self.problems(harness))")
        #expect(harness.status()["unsaved_events"] as? Int == 0)
        #expect(daemon.log.contains("state saved again"), "\(daemon.log)")
        #expect(daemon.log.contains("history is being saved again in \(state)/history.sqlite3; \(commands + 1) waiting events written"),
                "\(daemon.log)")
        // The history is on the tmpfs, which only the daemon's mount namespace sees.
        let ctl = DaemonHarness.binaries.appendingPathComponent("sitbreakctl").path
        let csv = Self.inNamespace(of: daemon, harness, [ctl, "stats", "--csv"])
        #expect(csv.status == 0, "\(csv.errors)")
        let kinds = csv.output.split(separator: "\r\n").map { String($0.prefix { $0 != "," }) }
        let expected = (0..<commands).map { $0.isMultiple(of: 2) ? "paused" : "resumed" } + ["snoozed"]
        #expect(Array(kinds.suffix(commands + 1)) == expected, "lost or out of order: \(kinds)")
        // Stopped on a full disk, it says what it could not save instead of "state saved".
        _ = Self.fill(state, of: daemon, harness)
        #expect(harness.ctl("pause").status == 0)
        daemon.stop()
        #expect(daemon.process.terminationStatus == 0)
        #expect(daemon.log.contains("sitbreakd stopping; state NOT saved (cannot save state:"), "\(daemon.log.suffix(600))")
        #expect(daemon.log.contains("2 history events could not be written: kept in \(state)/history.sqlite3.reserve, written at the next start"),
                "\(daemon.log.suffix(600))")
    }

    /// The kinds of event in `stats --csv`, oldest first: each row's first field after the
    /// span line and the header row.
    static func kinds(_ csv: DaemonHarness.Outcome) -> [String] {
        #expect(csv.status == 0, "\(csv.errors)")
        return csv.output.split(separator: "\r\n").dropFirst(2).map { String($0.prefix { $0 != "," }) }
    }

    /// A process asleep in a mount namespace of its own with a 1 MiB tmpfs on `directory`: the
    /// tmpfs outlives each daemon started in that namespace (`enter`), as a disk does a restart.
    final class SmallDisk {
        let holder = Process()
        let directory: String

        init(at directory: String) throws {
            self.directory = directory
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            holder.executableURL = URL(fileURLWithPath: FaultTests.ownMountNamespace[0])
            holder.arguments = Array(FaultTests.ownMountNamespace.dropFirst()) + [
                "/bin/sh", "-c", "mount -t tmpfs -o size=1m,mode=0700 sitbreak-state \"$0\" && echo mounted && exec sleep 600", directory,
            ]
            let output = Pipe()
            holder.standardOutput = output
            try holder.run()
            let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            guard line == "mounted\n" else { throw HarnessError("the small disk was not mounted: \(line)") }
        }

        deinit {
            holder.terminate()
            holder.waitUntilExit()
        }

        /// The launcher of a daemon that sees the small disk.
        var enter: [String] { ["/usr/bin/nsenter", "--target", "\(holder.processIdentifier)", "--mount", "--"] }

        /// Runs `command` where the small disk is mounted.
        @discardableResult
        func run(_ harness: DaemonHarness, _ command: [String]) -> DaemonHarness.Outcome {
            harness.run(enter[0], Array(enter.dropFirst()) + command)
        }

        /// The history's kinds of event, oldest first, as `stats --csv` lists them.
        func historyKinds(_ harness: DaemonHarness) -> [String] {
            FaultTests.kinds(run(harness, [DaemonHarness.binaries.appendingPathComponent("sitbreakctl").path, "stats", "--csv"]))
        }
    }

    /// Stopped while a full disk keeps its events out of the history, the daemon keeps them in
    /// the room it set aside at start; started again once there is room, it writes them first.
    @Test(.enabled(if: canMount, "needs root, unshare and nsenter to put the state directory on a small tmpfs"))
    func eventsAFullDiskKeptOutAreWrittenAtTheNextStart() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let disk = try SmallDisk(at: harness.home.appendingPathComponent("state/sitbreak").path)
        let first = try FileLoggedDaemon(harness, launcher: disk.enter)
        let filler = disk.directory + "/filler"
        disk.run(harness, ["/bin/dd", "if=/dev/zero", "of=\(filler)", "bs=4k"])
        #expect(disk.run(harness, ["/bin/df", "--output=avail", disk.directory]).output.hasSuffix(" 0"))
        for command in ["pause", "resume", "pause"] {
            #expect(harness.ctl(command).errors.contains("applied, but not yet saved to the history (history not saved: disk full"))
        }
        first.stop()
        let reserve = disk.directory + "/history.sqlite3.reserve"
        #expect(first.log.contains("4 history events could not be written: kept in \(reserve), written at the next start"),
                "\(first.log.suffix(600))")
        #expect(disk.historyKinds(harness).suffix(1) == ["daemon_started"], "nothing after the start reached the history")

        disk.run(harness, ["/bin/rm", filler])
        let second = try FileLoggedDaemon(harness, launcher: disk.enter)
        #expect(second.log.contains("history: 4 events kept in \(reserve) while the disk was full are written first"), "\(second.log)")
        #expect(Self.problems(harness).isEmpty, "\(Self.problems(harness))")
        second.stop()
        #expect(disk.historyKinds(harness).suffix(7)
                == ["daemon_started", "paused", "resumed", "paused", "daemon_stopped", "daemon_started", "daemon_stopped"])
        // The reserve is empty again: a third start writes nothing twice.
        let third = try FileLoggedDaemon(harness, launcher: disk.enter)
        #expect(!third.log.contains("kept in"), "\(third.log)")
        third.stop()
        #expect(disk.historyKinds(harness).count == 9, "\(disk.historyKinds(harness))")
    }

    /// A crash after the kept events reached the history and before the reserve was cleared:
    /// the next start finds them in both, and writes each once.
    @Test func keptEventsTheHistoryHasAlreadyAreNotWrittenTwice() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let history = harness.home.appendingPathComponent("state/sitbreak/history.sqlite3").path
        let now = Date().timeIntervalSince1970
        let written = HistoryRecord(kind: .paused, moment: Moment(boot: 10, wall: now - 60), bootID: "before-the-crash")
        let notYet = HistoryRecord(kind: .resumed, moment: Moment(boot: 20, wall: now - 50), bootID: "before-the-crash")
        try HistoryStore(path: history).append(written)
        try HistoryReserve(path: history + ".reserve").keep([written, notYet])

        let daemon = try FileLoggedDaemon(harness, launcher: [])
        daemon.stop()
        #expect(Self.kinds(harness.ctl("stats", "--csv")) == ["paused", "resumed", "daemon_started", "daemon_stopped"], "\(daemon.log)")
    }

    // MARK: The config between reloads

    /// Files that are not a config, each with the line its error must name.
    static let garbage: [(text: [UInt8], line: Int)] = [
        (Array("[break]\nsit_limit = 5\n".utf8), 2),
        (Array("[break]\nsit_limit = \"5m\"\n[break\n".utf8), 3),
        (Array("[break]\nsit_limit = \"5m\"\nsit_limit = \"6m\"\n".utf8), 3),
        (Array("\n\n[coach]\nplace = \"moon\"\n".utf8), 4),
        ([0xff, 0xfe, 0x00, 0x5b, 0x0a, 0x80, 0x81], 0),
        (Array("x = \"\u{0}\"\n".utf8), 1),
    ]

    @Test func aConfigReplacedWithGarbageIsRefusedOnReloadAndTheRunningOneKept() throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        for (text, line) in Self.garbage {
            try Data(text).write(to: URL(fileURLWithPath: harness.configPath))
            let reload = harness.ctl("reload")
            #expect(reload.status == 1, "\(reload.output)")
            let place = line > 0 ? "\(harness.configPath):\(line):" : "\(harness.configPath):"
            #expect(reload.errors.contains(place), "the refusal does not name \(place): \(reload.errors)")
            kill(harness.daemon?.processIdentifier ?? 0, SIGHUP)
            #expect(harness.status()["sit_limit_seconds"] as? Double == 5, "the running config stays")
        }
        #expect(harness.ctl("status").status == 0)
        harness.stop()
        let rejected = harness.daemonLog.components(separatedBy: "config rejected").count - 1
        #expect(rejected == 2 * Self.garbage.count, "each refusal is logged: \(harness.daemonLog)")
        #expect(harness.daemonLog.contains(harness.configPath))
    }

    /// Inputs the fuzzer found that aborted an earlier TOML parser (an assertion in it): a
    /// reload, or a start, must refuse them like any other broken file.
    static let parserCrashers = ["[break]\nsit_limit = \"5m\"\n[\nrepeat = \"1m\"\n", "[schedule]\ndays = [}\n"]

    @Test(arguments: parserCrashers)
    func aConfigThatAbortsTheTOMLParserIsRefusedOnReload(_ text: String) throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        try harness.writeConfig(text)
        let reload = harness.ctl("reload")
        #expect(reload.status == 1, "\(reload.output) \(reload.errors)")
        #expect(reload.errors.contains(harness.configPath), "\(reload.errors)")
        #expect(harness.ctl("status").status == 0, "the daemon died on the reload")
    }

    /// A NUL, then text meant to make a parser slow or deep. Found by the fuzzer while an
    /// earlier parser stopped reading at a NUL and accepted half a file, and the nesting after
    /// it took seconds or overflowed the stack. Each must be refused, whole and at once.
    static let textAfterANul: [(name: String, bytes: [UInt8])] = [
        ("a key after a NUL", Array("[break]\nsit_limit = \"5m\"\n\u{0}\nlength = \"oops\"\n".utf8)),
        ("700 { after a NUL", Array("\u{0}\na = ".utf8) + [UInt8](repeating: UInt8(ascii: "{"), count: 700)),
        ("300000 [ after a NUL", Array("\u{0}\na = ".utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 300_000)),
    ]

    @Test func aConfigWithANulIsRefusedQuicklyAndWhole() throws {
        let harness = try DaemonHarness(config: quickConfig)
        for (name, bytes) in Self.textAfterANul {
            try Data(bytes).write(to: URL(fileURLWithPath: harness.configPath))
            let started = Date()
            let check = harness.run("sitbreakd", ["--check-config", harness.configPath])
            let took = Date().timeIntervalSince(started)
            #expect(check.status == 1, "\(name): exit \(check.status) \(check.output.prefix(200)) \(check.errors.prefix(200))")
            #expect(took < 2, "\(name): the check took \(took) s")
        }
    }

    @Test func anExerciseFileWithANulIsRefusedQuicklyOnReload() throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        let exercises = harness.home.appendingPathComponent("config/sitbreak/exercises.toml")
        for (name, bytes) in Self.textAfterANul {
            try Data(bytes).write(to: exercises)
            let started = Date()
            let reload = harness.ctl("reload")
            let took = Date().timeIntervalSince(started)
            #expect(reload.status == 1, "\(name): \(reload.output.prefix(200)) \(reload.errors.prefix(200))")
            #expect(took < 2, "\(name): the reload took \(took) s")
            #expect(harness.ctl("status").status == 0, "\(name): the daemon died on the reload")
        }
    }

    @Test func anExerciseFileThatAbortsTheTOMLParserIsRefusedOnReload() throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        let exercises = harness.home.appendingPathComponent("config/sitbreak/exercises.toml").path
        try "[[exercise]]\nid = \"a\"\n\n[[[exercise]]]\n".write(toFile: exercises, atomically: true, encoding: .utf8)
        let reload = harness.ctl("reload")
        #expect(reload.status == 1, "\(reload.output) \(reload.errors)")
        #expect(harness.ctl("status").status == 0, "the daemon died on the reload")
    }

    @Test func aDeletedConfigIsRefusedOnReloadAndTheRunningOneKept() throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        try FileManager.default.removeItem(atPath: harness.configPath)
        let reload = harness.ctl("reload")
        #expect(reload.status == 1, "a vanished config is taken silently as the built-in one: \(reload.output)")
        #expect(reload.errors.contains(harness.configPath), "\(reload.errors)")
        #expect(harness.status()["sit_limit_seconds"] as? Double == 5, "the running config stays")
        #expect(harness.ctl("status").status == 0)
    }

    // MARK: Signals

    /// Hundreds of SIGHUPs while the config is rewritten in place (as an editor that does not
    /// rename does): some reloads may see half a file and refuse it; the daemon lives,
    /// answers throughout, and ends up with the config written last.
    @Test func aSighupStormLeavesTheDaemonAliveAndOnTheLastConfig() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let daemon = try FileLoggedDaemon(harness)
        let configs = ["20m", "30m"].map { Self.quietConfig.replacingOccurrences(of: "\"1h\"", with: "\"\($0)\"") }
        var unanswered = 0
        for signal in 0..<500 {
            if signal % 25 == 0 { try Self.rewriteInPlace(harness.configPath, configs[signal / 25 % 2]) }
            kill(daemon.pid, SIGHUP)
            if signal % 50 == 0, SocketClient.timedStatus(at: harness.socketPath) == nil { unanswered += 1 }
        }
        try Self.rewriteInPlace(harness.configPath, Self.quietConfig.replacingOccurrences(of: "\"1h\"", with: "\"25m\""))
        kill(daemon.pid, SIGHUP)
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline, harness.status()["sit_limit_seconds"] as? Double != 1_500 { usleep(20_000) }

        #expect(unanswered == 0)
        #expect(daemon.process.isRunning)
        #expect(harness.status()["sit_limit_seconds"] as? Double == 1_500, "the last config written is the one in force")
        let reloads = daemon.log.components(separatedBy: "config reloaded").count - 1
        print("SIGHUP storm: 501 signals, \(reloads) reloads")
        #expect(reloads >= 1)
        daemon.stop()
        #expect(daemon.process.terminationStatus == 0)
    }

    /// Truncates and writes in two pieces, so that a reload may read half of it.
    static func rewriteInPlace(_ path: String, _ text: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.truncate(atOffset: 0)
        let bytes = Data(text.utf8)
        try handle.write(contentsOf: bytes.prefix(bytes.count / 2))
        try handle.write(contentsOf: bytes.dropFirst(bytes.count / 2))
    }
}
