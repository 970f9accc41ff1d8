import Foundation
import Testing

/// The CLI as people meet it: in tmux, in a prompt, in a bar.
@Suite("sitbreakctl in real terminal tools")
struct TerminalToolsTests {
    static var tmuxAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// A tmux server of the test's own, with the harness's environment.
    final class Tmux {
        let socketName = "sitbreak-\(UUID().uuidString.prefix(8))"
        let harness: DaemonHarness

        init(_ harness: DaemonHarness, command: String, columns: Int = 100) {
            self.harness = harness
            let environment = harness.environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
            Self.spawnAndWait(["/usr/bin/tmux", "-L", socketName, "-f", "/dev/null", "new-session", "-d",
                               "-x", "\(columns)", "-y", "30", "env \(environment) \(command); sleep 30"])
        }

        /// The tmux server outlives the client that starts it and would keep every descriptor
        /// it inherits open (Foundation's Process waits on one of them): spawn it with only
        /// stdin, stdout and stderr, all /dev/null.
        static func spawnAndWait(_ arguments: [String]) {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            for descriptor: Int32 in 0...2 {
                posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
            }
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for descriptor in open.compactMap(Int32.init) where descriptor > 2 && fcntl(descriptor, F_GETFD) >= 0 {
                posix_spawn_file_actions_addclose(&actions, descriptor)
            }
            let argv = arguments.map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var pid: pid_t = 0
            guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }

        deinit { _ = run(["kill-server"]) }

        @discardableResult
        func run(_ arguments: [String]) -> DaemonHarness.Outcome {
            harness.run("/usr/bin/tmux", ["-u", "-L", socketName, "-f", "/dev/null"] + arguments)
        }

        var screen: String { run(["capture-pane", "-p"]).output }

        func waitForScreen(containing text: String, timeout: TimeInterval) -> Bool {
            waitForScreen(timeout: timeout) { $0.contains(text) }
        }

        func waitForScreen(differentFrom earlier: String, timeout: TimeInterval) -> Bool {
            waitForScreen(timeout: timeout) { $0 != earlier }
        }

        private func waitForScreen(timeout: TimeInterval, until shows: (String) -> Bool) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if shows(screen) { return true }
                usleep(100_000)
            }
            return false
        }
    }

    static let shortMove = """
        [[exercise]]
        id = "test-hold"
        name = "Test hold"
        kind = "stretch"
        place = "desk"
        sets = 1
        seconds = 3
        per_side = true
        steps = ["Stand tall beside the desk.", "Shift the hips forward gently."]
        cue = "Hips forward."
        """

    /// A daemon whose user has a 2 × 3 s move, and `sitbreakctl break` guiding it in tmux.
    static func guidedBreakOfTheShortMove() throws -> (DaemonHarness, Tmux) {
        let harness = try DaemonHarness(config: quickConfig.replacingOccurrences(of: "\"3s\"", with: "\"1m\"")
            .replacingOccurrences(of: "\"5s\"", with: "\"1h\""))
        try shortMove.write(toFile: harness.home.appendingPathComponent("config/sitbreak/exercises.toml").path,
                            atomically: true, encoding: .utf8)
        try harness.start()
        let ctl = DaemonHarness.binaries.appendingPathComponent("sitbreakctl").path
        return (harness, Tmux(harness, command: "\(ctl) break --move test-hold"))
    }

    @Test(.enabled(if: tmuxAvailable, "needs tmux (package tmux)"))
    func aGuidedBreakInTmuxShowsStepsCountsDownAndIsRecorded() throws {
        let (harness, tmux) = try Self.guidedBreakOfTheShortMove()
        #expect(tmux.waitForScreen(containing: "Test hold", timeout: 5), "\(tmux.screen)")
        #expect(tmux.screen.contains("1. Stand tall beside the desk."))
        #expect(tmux.waitForScreen(containing: "first side", timeout: 5), "\(tmux.screen)")
        let first = tmux.screen
        #expect(tmux.waitForScreen(differentFrom: first, timeout: 3), "the countdown does not move")
        #expect(tmux.waitForScreen(containing: "How was it?", timeout: 15), "\(tmux.screen)")
        tmux.run(["send-keys", "2"])
        #expect(tmux.waitForScreen(containing: "Noted: about right.", timeout: 3), "\(tmux.screen)")
        #expect(tmux.waitForScreen(containing: "Well done. Break recorded: 1 today.", timeout: 5), "\(tmux.screen)")
        let today = try #require(harness.status()["today"] as? [String: Any])
        #expect(today["breaks"] as? Int == 1)
    }

    @Test(.enabled(if: tmuxAvailable, "needs tmux (package tmux)"))
    func ctrlCEndsAGuidedBreakAsPartial() throws {
        let (harness, tmux) = try Self.guidedBreakOfTheShortMove()
        #expect(tmux.waitForScreen(containing: "first side", timeout: 5))
        tmux.run(["send-keys", "C-c"])
        #expect(tmux.waitForScreen(containing: "recorded as partial", timeout: 5), "\(tmux.screen)")
        let today = try #require(harness.status()["today"] as? [String: Any])
        #expect(today["partial_breaks"] as? Int == 1)
        #expect(today["breaks"] as? Int == 0)
    }

    @Test(.enabled(if: tmuxAvailable, "needs tmux (package tmux)"))
    func aReminderIsWrittenToTheUsersTerminalWithTheBell() throws {
        let harness = try DaemonHarness(config: quickConfig.replacingOccurrences(of: "\"5s\"", with: "\"2s\"")
            .replacingOccurrences(of: "\"3s\"", with: "\"1s\""))
        // A login terminal of this user accepting messages (`mesg y`), as `write` would find it.
        let tmux = Tmux(harness, command: "mesg y; sh")
        #expect(tmux.waitForScreen(containing: "$", timeout: 3) || tmux.waitForScreen(containing: "#", timeout: 1))
        try harness.start()
        #expect(tmux.waitForScreen(containing: "sitbreak: Time to stand up", timeout: 6), "\(tmux.screen)")
        #expect(tmux.screen.contains("sitbreakctl break · sitbreakctl snooze · sitbreakctl skip"))
    }

    @Test(.enabled(if: tmuxAvailable, "needs tmux (package tmux)"))
    func tmuxTakesTheSegmentAsAStyledString() throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        let segment = harness.ctl("status", "--format", "tmux").output
        #expect(segment.hasPrefix("#[fg=#") && segment.hasSuffix("#[default]"), "\(segment)")
        let tmux = Tmux(harness, command: "true")
        let shown = tmux.run(["display-message", "-p", segment])
        #expect(shown.status == 0)
        #expect(shown.output.contains("🪑 0m"), "\(shown.output)")
    }

    @Test func i3blocksGetsThreeLinesEndingInAColour() throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        let lines = harness.ctl("status", "--format", "i3blocks").output.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.last?.range(of: "^#[0-9a-f]{6}$", options: .regularExpression) != nil)
    }

    @Test func thePromptPrintsNothingWhenTheDaemonIsDown() throws {
        let harness = try DaemonHarness(config: quickConfig)
        let started = Date()
        let outcome = harness.ctl("status", "--format", "prompt")
        let took = Date().timeIntervalSince(started)
        #expect(outcome.status == 0)
        #expect(outcome.output.isEmpty && outcome.errors.isEmpty)
        // Spawning a process is part of this; the benchmark measures the 50 ms budget precisely.
        #expect(took < 0.5, "took \(took) s")
    }

    @Test func waybarFollowPrintsALineOnEachChangeAndNothingBetween() throws {
        let harness = try DaemonHarness(config: quickConfig.replacingOccurrences(of: "\"5s\"", with: "\"1h\""))
        try harness.start()
        let process = Process()
        process.executableURL = DaemonHarness.binaries.appendingPathComponent("sitbreakctl")
        process.arguments = ["status", "--format", "waybar", "--follow", "--once"]
        process.environment = harness.environment
        let pipe = Pipe()
        process.standardOutput = pipe
        let lines = LockedLines()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") { lines.append(String(line), at: Date()) }
        }
        try process.run()
        defer { process.terminate() }
        #expect(lines.waitForCount(1, timeout: 3))
        usleep(1_500_000)
        #expect(lines.count == 1, "nothing printed while nothing changed")
        let changed = Date()
        #expect(harness.ctl("pause").status == 0)
        #expect(lines.waitForCount(2, timeout: 1.5))
        let (line, at) = try #require(lines.last)
        #expect(at.timeIntervalSince(changed) < 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["text", "tooltip", "class", "percentage"])
        #expect(object["class"] as? String == "paused")
        #expect(object["percentage"] is Int)
    }
}

extension TerminalToolsTests {
    /// A bar or a `watch` in a terminal outlives the daemon: it says so once, follows the new
    /// daemon, and a signal still ends it, even one its parent had blocked.
    @Test func watchFollowsTheDaemonAcrossARestartAndEndsOnASignal() throws {
        let harness = try DaemonHarness(config: quickConfig.replacingOccurrences(of: "\"5s\"", with: "\"1h\""))
        try harness.start()
        let process = Process()
        process.executableURL = DaemonHarness.binaries.appendingPathComponent("sitbreakctl")
        process.arguments = ["watch"]
        process.environment = harness.environment
        let pipe = Pipe()
        process.standardOutput = pipe
        let lines = LockedLines()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") { lines.append(String(line), at: Date()) }
        }
        // Spawned with SIGTERM blocked, as a parent whose event loop blocks it would hand it down.
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        try process.run()
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        usleep(300_000)

        #expect(harness.stop() == 0)
        #expect(lines.waitForCount(1, timeout: 3))
        #expect(lines.last?.0.hasSuffix(" sitbreak restarting") == true, "\(String(describing: lines.last))")
        try harness.start()
        #expect(lines.waitForCount(2, timeout: 8), "no reconnection")
        #expect(lines.last?.0.hasSuffix(" sitbreak is back") == true, "\(String(describing: lines.last))")
        #expect(harness.ctl("pause").status == 0)
        #expect(lines.waitForCount(3, timeout: 3), "the reconnected stream shows the new daemon's events")
        #expect(lines.last?.0.contains("aused") == true, "\(String(describing: lines.last))")
        #expect(process.isRunning)

        process.terminate()
        let deadline = Date().addingTimeInterval(3)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        #expect(!process.isRunning, "SIGTERM ends it")
    }
}

final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [(String, Date)] = []
    func append(_ line: String, at date: Date) { lock.withLock { lines.append((line, date)) } }
    var count: Int { lock.withLock { lines.count } }
    var last: (String, Date)? { lock.withLock { lines.last } }
    func waitForCount(_ count: Int, timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if self.count >= count { return true }
            usleep(20_000)
        }
        return false
    }
}
