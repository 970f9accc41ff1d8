import Foundation
import Testing

@Suite("sitbreakd as a real process", .serialized)
struct DaemonLifecycleTests {
    @Test func remindsSnoozesAndCountsANaturalBreak() throws {
        let harness = try DaemonHarness(config: quickConfig)
        let started = Date()
        try harness.start()
        #expect(harness.status()["state"] as? String == "sitting")
        let watch = try WatchStream(harness)

        let reminder = try #require(watch.waitFor("reminder", timeout: 8), "no reminder reached watch")
        let sat = reminder.at.timeIntervalSince(started)
        #expect(sat >= 5 && sat < 6.5, "reminder after \(sat) s of sitting; due at 5 s")

        let snoozed = harness.ctl("snooze", "4s")
        #expect(snoozed.status == 0, "\(snoozed.errors)")
        let snoozedAt = Date()
        #expect(harness.status()["state"] as? String == "snoozed")
        let afterSnooze = watch.events.count
        let second = try #require(watch.waitFor("reminder", after: afterSnooze, timeout: 6))
        let waited = second.at.timeIntervalSince(snoozedAt)
        #expect(waited >= 3.9 && waited < 5, "second reminder \(waited) s after snooze 4s")

        let beforeAway = watch.events.count
        #expect(harness.ctl("away").status == 0)
        #expect(harness.status()["state"] as? String == "away")
        #expect(watch.waitFor("natural_break", after: beforeAway, timeout: 6) != nil, "3 s away made no natural break")
        #expect(harness.ctl("back").status == 0)
        let status = harness.status()
        let today = try #require(status["today"] as? [String: Any])
        #expect(today["natural_breaks"] as? Int == 1)
        #expect(today["snoozed"] as? Int == 1)
        #expect(status["state"] as? String == "sitting")
        #expect((status["sitting_seconds"] as? Double ?? 99) < 1)
        #expect(harness.stop() == 0)
    }

    @Test func killNineAndRestartKeepTodayAndTheStretch() throws {
        let harness = try DaemonHarness(
            config: quickConfig.replacingOccurrences(of: "sit_limit = \"5s\"", with: "sit_limit = \"1h\"\nmin_sit = \"1s\""))
        try harness.start()
        let watch = try WatchStream(harness)
        #expect(harness.ctl("snooze", "10m").status == 0)
        // A natural break ends a real sit of at least min_sit (set to 1 s here).
        #expect(Self.waitUntilSitting(harness, atLeast: 1.2))
        #expect(harness.ctl("away").status == 0)
        #expect(watch.waitFor("natural_break", timeout: 6) != nil, "3 s away made no natural break")
        #expect(harness.ctl("back").status == 0)
        // A stretch of some length, to see it carried over the restart.
        #expect(Self.waitUntilSitting(harness, atLeast: 2))
        let before = harness.status()
        harness.stop(signal: SIGKILL)
        try harness.start()
        let after = harness.status()
        let todayBefore = try #require(before["today"] as? [String: Any])
        let todayAfter = try #require(after["today"] as? [String: Any])
        #expect(todayAfter["natural_breaks"] as? Int == 1)
        #expect(todayAfter["snoozed"] as? Int == 1)
        let sittingBefore = try #require(before["sitting_seconds"] as? Double)
        let sittingAfter = try #require(after["sitting_seconds"] as? Double)
        #expect(sittingAfter >= sittingBefore && sittingAfter < sittingBefore + 3,
                "stretch \(sittingBefore) s before kill -9, \(sittingAfter) s after restart")
        #expect(after["state"] as? String == "sitting")
        #expect((todayAfter["sitting_seconds"] as? Double ?? 0) >= (todayBefore["sitting_seconds"] as? Double ?? 99))
    }

    /// Polls `status` until the stretch reaches `seconds`; false when it does not within 10 s.
    static func waitUntilSitting(_ harness: DaemonHarness, atLeast seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if (harness.status()["sitting_seconds"] as? Double ?? 0) >= seconds { return true }
            usleep(50_000)
        }
        return false
    }

    /// A typo, then the next login: sitbreak runs anyway, says where the mistake is, and a
    /// reload picks up the fix.
    @Test func aBadConfigAtStartRunsOnTheLastGoodOneElseTheDefaultsAndSaysWhere() throws {
        let harness = try DaemonHarness(config: "[break]\nsit_limit = \"45\"\n")
        let check = harness.run("sitbreakd", ["--check-config", harness.configPath])
        #expect(check.status == 1)
        #expect(check.errors.contains("\(harness.configPath):2:13: break.sit_limit:"), "\(check.errors)")
        try harness.start()
        func configProblem() -> String? {
            (harness.status()["problems"] as? [String])?.first { $0.contains("\(harness.configPath):2:13: break.sit_limit") }
        }
        #expect(configProblem()?.contains("running on the defaults") == true, "\(harness.status())")
        #expect(harness.status()["sit_limit_seconds"] as? Double == 2_700)
        try harness.writeConfig(quickConfig)
        #expect(harness.ctl("reload").status == 0)
        #expect(configProblem() == nil)
        #expect(harness.status()["sit_limit_seconds"] as? Double == 5)
        #expect(harness.stop() == 0)

        // The config that loaded was kept: the next start with a broken file runs on it.
        try harness.writeConfig("[break]\nsit_limit = \"45\"\n")
        try harness.start()
        #expect(configProblem()?.contains("running on the last config that loaded") == true, "\(harness.status())")
        #expect(harness.status()["sit_limit_seconds"] as? Double == 5)
        #expect(harness.stop() == 0)
    }

    @Test func aBadConfigIsRefusedOnReloadWithItsPlace() throws {
        let harness = try DaemonHarness(config: quickConfig)
        #expect(harness.run("sitbreakd", ["--check-config"]).status == 0)
        try harness.start()
        try harness.writeConfig(quickConfig + "\n[schedule]\nactive_hours = \"9-17\"\n")
        let reload = harness.ctl("reload")
        #expect(reload.status == 1)
        #expect(reload.errors.contains("config.toml:11:16: schedule.active_hours"), "\(reload.errors)")
        #expect(harness.status()["sit_limit_seconds"] as? Double == 5, "the running config stays")
        try harness.writeConfig(quickConfig.replacingOccurrences(of: "\"5s\"", with: "\"20m\""))
        #expect(harness.ctl("reload").status == 0)
        #expect(harness.status()["sit_limit_seconds"] as? Double == 1_200)
    }

    @Test func refusalsAndUsageErrorsExitOneAndAnAbsentDaemonExitsThree() throws {
        let harness = try DaemonHarness(config: quickConfig)
        let absent = harness.ctl("status")
        #expect(absent.status == 3)
        #expect(absent.errors.contains("systemctl --user start sitbreak"))
        try harness.start()
        let refused = harness.ctl("resume")
        #expect(refused.status == 1)
        #expect(refused.errors == "sitbreakctl: sitbreak is not paused")
        let badDuration = harness.ctl("snooze", "45")
        #expect(badDuration.status == 1)
        #expect(badDuration.errors.contains("45"))
    }

    @Test func sigtermSavesAndExitsZero() throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        #expect(harness.ctl("pause").status == 0)
        #expect(harness.stop(signal: SIGTERM) == 0)
        let saved = try String(contentsOfFile: harness.statePath, encoding: .utf8)
        #expect(saved.contains("\"pause\""))
        try harness.start()
        #expect(harness.status()["state"] as? String == "paused")
    }
}
