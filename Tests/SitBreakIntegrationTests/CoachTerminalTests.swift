import Foundation
import Testing

/// The coach as a new user meets it: the guided break and the routine in tmux, `exercises`,
/// `status`, with the real daemon behind them.
@Suite("The coach in a terminal")
struct CoachTerminalTests {
    typealias Tmux = TerminalToolsTests.Tmux

    /// Two short moves of the user's own: a 2 × 4 s hold per side with a long name, and a
    /// hold that climbs its range (2, 3 or 4 s).
    static let userMoves = """
        [[exercise]]
        id = "test-hold"
        name = "Test hold with a name long enough to crowd an eighty-column line"
        kind = "stretch"
        place = "desk"
        positions = ["standing"]
        sets = 2
        seconds = 4
        per_side = true
        steps = ["Stand tall beside the desk.", "Shift the hips forward gently."]
        cue = "Hips forward."

        [[exercise]]
        id = "test-climb"
        name = "Test climb"
        kind = "stretch"
        place = "desk"
        positions = ["standing"]
        seconds = [2, 4]
        steps = ["Stand tall."]
        cue = "Tall."
        """

    /// A daemon whose reminders are an hour away, with the user's two moves.
    static func harness(config: String = quickConfig.replacingOccurrences(of: "\"5s\"", with: "\"1h\"")
        .replacingOccurrences(of: "\"3s\"", with: "\"1m\"")) throws -> DaemonHarness {
        let harness = try DaemonHarness(config: config)
        try userMoves.write(toFile: harness.home.appendingPathComponent("config/sitbreak/exercises.toml").path,
                            atomically: true, encoding: .utf8)
        return harness
    }

    static var ctl: String { DaemonHarness.binaries.appendingPathComponent("sitbreakctl").path }

    /// The rows of the screen that hold a progress bar.
    static func barRows(_ screen: String) -> Int {
        screen.split(separator: "\n").filter { $0.contains("░") || $0.contains("█") }.count
    }

    @Test(.enabled(if: TerminalToolsTests.tmuxAvailable, "tmux is not installed"))
    func atEightyColumnsTheCountdownRedrawsInPlaceAndTheTextWraps() throws {
        let harness = try Self.harness()
        try harness.start()
        let tmux = Tmux(harness, command: "\(Self.ctl) break --move test-hold", columns: 80)
        #expect(tmux.waitForScreen(containing: "first side", timeout: 8), "\(tmux.screen)")
        for _ in 0..<3 {
            let screen = tmux.screen
            #expect(Self.barRows(screen) == 1, "one countdown line, redrawn:\n\(screen)")
            #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 80 })
            usleep(900_000)
        }
        #expect(tmux.screen.contains("breathe"), "a still hold has a breathing cue")
        #expect(tmux.screen.contains("Why:") == false, "a move of the user's own without why shows none")
    }

    @Test(.enabled(if: TerminalToolsTests.tmuxAvailable, "tmux is not installed"))
    func nSkipsTheMoveAndQEndsTheRoutineSayingWhatWasRecorded() throws {
        // Reminders every 8 s after 8 s of sitting: none may come while the routine runs. Five
        // seconds of sitting first (more than `min_sit`, half the sit limit), so that the
        // routine, longer than `[break] length`, is a break.
        let harness = try Self.harness(config: quickConfig.replacingOccurrences(of: "\"5s\"", with: "\"8s\""))
        try harness.start()
        usleep(5_000_000)
        let before = harness.status()["today"] as? [String: Any]
        let remindersBefore = before?["reminders"] as? Int ?? -1
        let tmux = Tmux(harness, command: "\(Self.ctl) routine", columns: 80)
        #expect(tmux.waitForScreen(containing: "[1/", timeout: 8), "\(tmux.screen)")
        #expect(harness.status()["state"] as? String == "standing", "no sitting counted while it runs")
        usleep(6_500_000)
        let today = harness.status()["today"] as? [String: Any]
        #expect(today?["reminders"] as? Int == remindersBefore, "no reminder interrupts a routine")
        tmux.run(["send-keys", "n"])
        #expect(tmux.waitForScreen(containing: "[2/", timeout: 3), "\(tmux.screen)")
        tmux.run(["send-keys", "q"])
        #expect(tmux.waitForScreen(containing: "less than half", timeout: 5), "\(tmux.screen)")
        #expect(tmux.screen.contains("Routine ended after 0 of"))
        // Sat down again, and told that the time on their feet was a break.
        #expect(tmux.waitForScreen(containing: "Counted as a break: sitting starts again from zero.", timeout: 5), "\(tmux.screen)")
        let after = harness.status()["today"] as? [String: Any]
        let breaks = { (today: [String: Any]?) in (today?["breaks"] as? Int ?? 0) + (today?["natural_breaks"] as? Int ?? 0) }
        #expect(breaks(after) == breaks(before) + 1, "\(String(describing: after))")
        #expect(harness.status()["state"] as? String == "sitting")
        let stats = harness.ctl("stats", "--json").json
        #expect(stats["routines_this_week"] as? Int == 0, "\(stats)")
    }

    @Test(.enabled(if: TerminalToolsTests.tmuxAvailable, "tmux is not installed"))
    func theRoutineFollowsTheConfigTheDaemonRunsWith() throws {
        let harness = try Self.harness()
        // The daemon's own file leaves walks out; the default path (read by no one now) does not.
        let other = harness.home.appendingPathComponent("other.toml").path
        try (quickConfig.replacingOccurrences(of: "\"5s\"", with: "\"1h\"") + "\n[coach]\navoid = [\"walk\"]\n")
            .write(toFile: other, atomically: true, encoding: .utf8)
        try harness.start(arguments: ["--config", other])
        let tmux = Tmux(harness, command: "\(Self.ctl) routine", columns: 80)
        #expect(tmux.waitForScreen(containing: "[1/", timeout: 8), "\(tmux.screen)")
        #expect(tmux.screen.contains("March on the spot"), "warmed up by marching, not a walk:\n\(tmux.screen)")
        #expect(!tmux.screen.contains("Short walk"))
        tmux.run(["send-keys", "q"])
        #expect(tmux.waitForScreen(containing: "Routine ended", timeout: 5), "\(tmux.screen)")
    }

    @Test(.enabled(if: TerminalToolsTests.tmuxAvailable, "tmux is not installed"))
    func aRatingMovesTheDoseUpItsRange() throws {
        let harness = try Self.harness()
        try harness.start()
        for run in 1...3 {
            let tmux = Tmux(harness, command: "\(Self.ctl) break --move 'Test climb'", columns: 80)
            let dose = run < 3 ? "Test climb — 2 s" : "Test climb — 3 s"
            #expect(tmux.waitForScreen(containing: dose, timeout: 8), "run \(run):\n\(tmux.screen)")
            #expect(tmux.waitForScreen(containing: "How was it?", timeout: 10), "\(tmux.screen)")
            tmux.run(["send-keys", "1"])
            #expect(tmux.waitForScreen(containing: "Well done.", timeout: 5), "\(tmux.screen)")
            #expect(tmux.screen.contains("Recorded as done: Test climb."))
        }
        let coach = try String(contentsOfFile: harness.home.appendingPathComponent("state/sitbreak/coach.json").path, encoding: .utf8)
        #expect(coach.contains(#""test-climb":{"level":1"#), "\(coach)")
    }

    @Test func anUnknownMoveIsRefusedBeforeAnythingStartsWithTheNearestId() throws {
        let harness = try Self.harness()
        try harness.start()
        let outcome = harness.ctl("break", "--move", "kneeling-lunch")
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains(#"no move "kneeling-lunch"; did you mean "kneeling-lunge"?"#), "\(outcome.errors)")
        #expect(harness.status()["state"] as? String == "sitting")
        #expect((harness.status()["today"] as? [String: Any])?["partial_breaks"] as? Int == 0)
    }

    /// `[coach] injured`: a held stretch asked for by name is refused before the break starts,
    /// and each reminder says when to see a physiotherapist (from 15:00 on a routine day, the
    /// routine's line follows it).
    @Test func anInjuredUserIsNotGuidedIntoAStretchAndIsToldWhenToSeeAPhysiotherapist() throws {
        let harness = try Self.harness(config: quickConfig + "\n[coach]\ninjured = true\n")
        try harness.start()
        let watch = try WatchStream(harness)
        let refused = harness.ctl("break", "--move", "kneeling-lunge")
        #expect(refused.status == 1)
        #expect(refused.errors.contains("not guiding Kneeling"), "\(refused.errors)")
        #expect(refused.errors.contains("([coach] injured = true): a held stretch pulls on a strained muscle"), "\(refused.errors)")
        #expect(harness.status()["state"] as? String == "sitting")
        let reminder = try #require(watch.waitFor("reminder", timeout: 10))
        #expect((reminder.event["message"] as? String)?.contains("if it hurts or does not improve, see a physiotherapist.") == true, "\(reminder.event)")
    }

    @Test func showTakesTheNameAReminderPrinted() throws {
        let harness = try Self.harness()
        let words = "Kneeling lunge (3 × 30–60 s per side): Hips forward, pelvis tucked, chest tall."
        let outcome = harness.run("sitbreakctl", ["exercises", "show"] + words.split(separator: " ").map(String.init))
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.output.contains("Kneeling lunge (kneeling-lunge)"))
        #expect(outcome.output.contains("Why: The classic psoas stretch"))
        #expect(outcome.output.contains("Feel it: "))
        #expect(outcome.output.contains("Pad the knee that is on the floor"), "the kneeling note")
        #expect(!outcome.output.contains("Warm up for a few minutes first"), "not a deep stretch")
        let walk = harness.ctl("exercises", "show", "short-walk")
        #expect(!walk.output.contains("a stretch should never hurt"))
    }

    @Test func theNoticeIsShownOnceBeforeTheFirstListOfMoves() throws {
        let harness = try Self.harness()
        let first = harness.ctl("exercises")
        #expect(first.output.hasPrefix("Before you start: not medical advice"), "\(first.output.prefix(200))")
        #expect(first.output.contains("physiotherapist"))
        let second = harness.ctl("exercises")
        #expect(!second.output.contains("not medical advice"))
        #expect(second.output.hasPrefix("ID"))
    }

    @Test func eachReminderOfAnOverdueRunOffersTheSameMoveAndPlainStatusShowsIt() throws {
        // Reminders every 2 s after 2 s of sitting; 1 s away is a break: only the user's two
        // moves fit it, and without one offer per run the second reminder would take the other.
        let config = quickConfig.replacingOccurrences(of: "\"5s\"", with: "\"2s\"").replacingOccurrences(of: "\"3s\"", with: "\"1s\"")
        let harness = try Self.harness(config: config)
        try CoachTerminalTests.userMoves.replacingOccurrences(of: "seconds = [2, 4]", with: "seconds = 1")
            .replacingOccurrences(of: "sets = 2\nseconds = 4\nper_side = true", with: "seconds = 1")
            .write(toFile: harness.home.appendingPathComponent("config/sitbreak/exercises.toml").path,
                   atomically: true, encoding: .utf8)
        try harness.start()
        let watch = try WatchStream(harness)
        #expect(watch.waitFor("reminder", timeout: 5) != nil)
        let first = harness.status()["suggestion"] as? [String: Any]
        #expect(first?["id"] as? String == "test-hold", "\(String(describing: first))")
        let deadline = Date().addingTimeInterval(6)
        while Date() < deadline, watch.events.filter({ $0.event["event"] as? String == "reminder" }).count < 3 { usleep(50_000) }
        let reminders = watch.events.filter { $0.event["event"] as? String == "reminder" }
        #expect(reminders.count >= 3)
        let line = "Test hold with a name long enough to crowd an eighty-column line (1 s): Hips forward."
        #expect(reminders.allSatisfy { ($0.event["message"] as? String)?.contains("Try: " + line) == true }, "\(reminders)")
        #expect((harness.status()["suggestion"] as? [String: Any])?["id"] as? String == "test-hold")
        #expect(harness.ctl("status").output.contains("Suggested move: \(line) (`sitbreakctl break` guides it)"))
    }
}

extension CoachTerminalTests {
    /// `--open` hands the installed figure to the desktop's opener (here a stand-in for xdg-open).
    @Test func showOpenOpensTheInstalledFigure() throws {
        let harness = try Self.harness()
        let figures = harness.home.appendingPathComponent(".local/share/sitbreak/figures")
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        let figure = figures.appendingPathComponent("pigeon-pose.svg")
        try FileManager.default.copyItem(at: RepositoryRoot.url.appendingPathComponent("config/figures/pigeon-pose.svg"), to: figure)
        let bin = harness.home.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let opened = harness.home.appendingPathComponent("opened").path
        try "#!/bin/sh\necho \"$1\" > '\(opened)'\n".write(
            to: bin.appendingPathComponent("xdg-open"), atomically: true, encoding: .utf8)
        chmod(bin.appendingPathComponent("xdg-open").path, 0o755)
        let outcome = harness.run("sitbreakctl", ["exercises", "show", "Pigeon", "pose", "--open"],
                                  extraEnvironment: ["PATH": bin.path + ":/usr/bin:/bin"])
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(try String(contentsOfFile: opened, encoding: .utf8) == figure.path + "\n")
        let missing = harness.ctl("exercises", "show", "bridge", "--open")
        #expect(missing.status == 1)
        #expect(missing.errors.contains("no figure of bridge is installed"))
    }
}
