import Foundation
import SitBreakTestSupport
import Testing

/// sitbreakd's reminders on a real notification server (dunst on Xvfb, private session bus),
/// acted on the way a person would: a click on the bubble, a pick from dunst's menu.
@Suite(.serialized, .enabled(if: PrivateDesktop.canRun, "needs dbus-daemon, Xvfb, dunst and xdotool"))
struct DesktopReminderTests {
    /// Reminders every 3 s after 3 s of sitting; 2 s away is a break.
    static let config = quickConfig.replacingOccurrences(of: "\"5s\"", with: "\"3s\"")
        .replacingOccurrences(of: "\"3s\"\nsnooze", with: "\"2s\"\nsnooze")
        .replacingOccurrences(of: "via = \"terminal\"", with: "via = \"auto\"")

    final class Setup {
        let desktop: PrivateDesktop
        let harness: DaemonHarness

        /// `prepare` sets up the user's home before the daemon starts.
        init(prepare: (DaemonHarness) throws -> Void = { _ in }) throws {
            desktop = try PrivateDesktop()
            try desktop.startDunst()
            harness = try DaemonHarness(config: DesktopReminderTests.config)
            harness.extraEnvironment = desktop.bus.environment.merging(desktop.environment) { $1 }
                .filter { ["DBUS_SESSION_BUS_ADDRESS", "DISPLAY"].contains($0.key) }
            try prepare(harness)
            try harness.start()
        }

        func waitForShown(_ count: Int, timeout: TimeInterval = 8) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                if desktop.shown.count >= count { return true }
                usleep(50_000)
            }
            return false
        }

        func displayed() -> Int { Int((try? desktop.dunstctl("count", "displayed")) ?? "") ?? -1 }
    }

    @Test func aReminderIsANotificationWithButtonsUpdatedInPlace() throws {
        let setup = try Setup()
        #expect(setup.waitForShown(1), "\(setup.desktop.dunstLog)")
        let first = try #require(setup.desktop.shown.first)
        #expect(first["DUNST_SUMMARY"]?.hasPrefix("Time to stand up — 3s sitting") == true, "\(first)")
        #expect(first["DUNST_BODY"]?.contains("Get up and move for 2s.") == true)
        #expect(first["DUNST_APP_NAME"] == "sitbreak")
        #expect((setup.harness.status()["reminder_channels"] as? [String])?.contains("desktop") == true)
        // The third reminder of the run replaces the first: one bubble, in stronger words, never
        // critical (which would pass do-not-disturb), and never expiring.
        #expect(setup.waitForShown(3, timeout: 10))
        #expect(setup.displayed() == 1)
        let third = setup.desktop.shown.last ?? [:]
        #expect(third["DUNST_URGENCY"] == "NORMAL", "\(third)")
        #expect(third["DUNST_SUMMARY"]?.hasPrefix("Please get up now") == true, "\(third)")
        #expect(third["DUNST_TIMEOUT"] == "0", "\(third)")
    }

    /// A full disk is the user's to fix: they see it on the desktop, and the notice goes
    /// once the waiting events are written.
    @Test(.enabled(if: FaultTests.canMount, "needs root, unshare and nsenter to put the state directory on a small tmpfs"))
    func aFullDiskIsToldOnTheDesktopUntilThereIsRoom() throws {
        let desktop = try PrivateDesktop()
        try desktop.startDunst()
        let harness = try DaemonHarness(config: Self.config.replacingOccurrences(of: "sit_limit = \"3s\"", with: "sit_limit = \"1h\""))
        harness.extraEnvironment = desktop.bus.environment.merging(desktop.environment) { $1 }
            .filter { ["DBUS_SESSION_BUS_ADDRESS", "DISPLAY"].contains($0.key) }
        let (daemon, state) = try FaultTests.daemonWithStateOnASmallTmpfs(harness)
        let filler = FaultTests.fill(state, of: daemon, harness)
        #expect(harness.ctl("pause").status == 0)
        let deadline = Date().addingTimeInterval(8)
        while desktop.shown.isEmpty, Date() < deadline { usleep(50_000) }
        let notice = try #require(desktop.shown.first, "\(desktop.dunstLog)")
        #expect(notice["DUNST_SUMMARY"] == "sitbreak cannot save its history", "\(notice)")
        #expect(notice["DUNST_BODY"]?.hasPrefix("History not saved: disk full (1 event waiting)") == true, "\(notice)")
        #expect(Int((try? desktop.dunstctl("count", "displayed")) ?? "") == 1)

        #expect(FaultTests.inNamespace(of: daemon, harness, ["/bin/rm", filler]).status == 0)
        #expect(harness.ctl("resume").status == 0)
        let gone = Date().addingTimeInterval(5)
        while Int((try? desktop.dunstctl("count", "displayed")) ?? "") != 0, Date() < gone { usleep(50_000) }
        #expect(Int((try? desktop.dunstctl("count", "displayed")) ?? "") == 0, "the notice stayed after the history caught up")
        daemon.stop()
    }

    /// A move of the user's own that fits the 2-second break, with its figure where
    /// `make install` puts the built-in ones: the notification names the move and shows it.
    @Test func aReminderCarriesItsMoveAndTheMovesFigure() throws {
        let figure = "sitbreak/figures/test-tuck.svg"
        let setup = try Setup { harness in
            try """
                [[exercise]]
                id = "test-tuck"
                name = "Test tuck"
                kind = "stretch"
                place = "desk"
                positions = ["standing"]
                seconds = 1
                steps = ["Tuck the pelvis."]
                cue = "Tuck."
                """.write(toFile: harness.home.appendingPathComponent("config/sitbreak/exercises.toml").path,
                          atomically: true, encoding: .utf8)
            let installed = harness.home.appendingPathComponent(".local/share/" + figure)
            try FileManager.default.createDirectory(at: installed.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(
                at: RepositoryRoot.url.appendingPathComponent("config/figures/standing-pelvic-tilt.svg"), to: installed)
        }
        #expect(setup.waitForShown(1), "\(setup.desktop.dunstLog)")
        let first = try #require(setup.desktop.shown.first)
        #expect(first["DUNST_BODY"]?.contains("Try: Test tuck (1 s): Tuck.") == true, "\(first)")
        #expect(first["DUNST_ICON_PATH"]?.hasSuffix(figure) == true, "\(first)")
    }

    @Test func clickingTheBubbleStartsTheBreak() throws {
        let setup = try Setup()
        #expect(setup.waitForShown(1))
        // Shown means received; wait for the bubble to be on screen before clicking it.
        #expect(setup.desktop.bubbleIsOnScreen())
        try setup.desktop.click(x: 1100, y: 80)
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline, setup.harness.status()["state"] as? String != "break" { usleep(50_000) }
        #expect(setup.harness.status()["state"] as? String == "break")
        #expect(setup.displayed() == 0)
    }

    @Test func snoozePickedFromDunstsMenuSnoozesTheDaemon() throws {
        let setup = try Setup()
        #expect(setup.waitForShown(1))
        try setup.desktop.pick("snooze")
        try setup.desktop.dunstctl("context")
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline, setup.harness.status()["state"] as? String != "snoozed" { usleep(50_000) }
        #expect(setup.harness.status()["state"] as? String == "snoozed", "menu: \(setup.desktop.menu)")
        #expect(setup.desktop.menu.contains { $0.contains("Snooze") })
    }

    @Test func anActionSignalFromAnotherClientIsIgnored() throws {
        let setup = try Setup()
        #expect(setup.waitForShown(1))
        let id = try #require(setup.desktop.shown.first?["DUNST_ID"])
        try setup.desktop.bus.send(signal: "/org/freedesktop/Notifications org.freedesktop.Notifications.ActionInvoked uint32:\(id) string:default")
        // The real server's answer, through its menu, comes after the fake: had the fake been
        // taken, the break it starts would refuse the snooze.
        try setup.desktop.pick("snooze")
        try setup.desktop.dunstctl("context")
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline, setup.harness.status()["state"] as? String != "snoozed" { usleep(50_000) }
        #expect(setup.harness.status()["state"] as? String == "snoozed")
    }

    @Test func withoutTheServerRemindersGoToTheTerminalAndComeBackWithIt() throws {
        let setup = try Setup()
        #expect(setup.waitForShown(1))
        setup.desktop.stopDunst()
        let watch = try WatchStream(setup.harness)
        let deadline = Date().addingTimeInterval(3)
        while Date() < deadline,
            (setup.harness.status()["reminder_channels"] as? [String])?.contains("desktop") == true { usleep(50_000) }
        #expect(setup.harness.status()["reminder_channels"] as? [String] == ["terminal", "watch"])
        #expect(watch.waitFor("reminder", timeout: 5) != nil)
        let shownBefore = setup.desktop.shown.count
        try setup.desktop.startDunst()
        #expect(setup.waitForShown(shownBefore + 1, timeout: 10), "the next reminder is a notification again")
    }
}

/// The repository, found from this source file's own path.
enum RepositoryRoot {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}
