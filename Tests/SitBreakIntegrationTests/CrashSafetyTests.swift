import Foundation
import Testing

@Suite("Crash safety")
struct CrashSafetyTests {
    /// Commands and the history event each one records once acknowledged.
    static let commands: [(arguments: [String], event: String)] = [
        (["snooze", "10m"], "snoozed"), (["skip"], "skipped"), (["pause"], "paused"), (["resume"], "resumed"),
        (["stand"], "stood_up"), (["sit"], "sat_down"),
    ]

    /// 15 in every test run; the long run (docs/hardening.md) sets SITBREAK_CRASH_ROUNDS=100.
    static let rounds = Int(ProcessInfo.processInfo.environment["SITBREAK_CRASH_ROUNDS"] ?? "") ?? 15

    @Test func killNineAtRandomMomentsLosesNoAcknowledgedEvent() throws {
        let harness = try DaemonHarness(config: quickConfig.replacingOccurrences(of: "\"5s\"", with: "\"1h\"")
            .replacingOccurrences(of: "\"3s\"", with: "\"10m\""))
        var acknowledged: [String: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        var snoozedBefore = 0
        for round in 0..<Self.rounds {
            try harness.start()
            let status = harness.status()
            let today = try #require(status["today"] as? [String: Any], "round \(round)")
            let snoozed = try #require(today["snoozed"] as? Int)
            #expect(snoozed >= snoozedBefore, "round \(round): today's snoozes went from \(snoozedBefore) to \(snoozed)")
            let killer = harness.daemon!.processIdentifier
            let delay = UInt32.random(in: 50_000...700_000, using: &generator)
            let kill = Thread { usleep(delay); Glibc.kill(killer, SIGKILL) }
            kill.start()
            for _ in 0..<12 {
                let command = Self.commands.randomElement(using: &generator)!
                let outcome = harness.run("sitbreakctl", command.arguments)
                if outcome.status == 0 { acknowledged[command.event, default: 0] += 1 }
                if outcome.status == 3 { break }  // the daemon is gone
                if command.event == "snoozed", outcome.status == 0 { snoozedBefore += 1 }
            }
            harness.stop(signal: SIGKILL)
        }
        let csv = harness.ctl("stats", "--days", "2", "--csv")
        #expect(csv.status == 0, "\(csv.errors)")
        var recorded: [String: Int] = [:]
        for line in csv.output.split(whereSeparator: \.isNewline).dropFirst() {
            recorded[String(line.prefix { $0 != "," }), default: 0] += 1
        }
        for (event, count) in acknowledged {
            #expect(recorded[event, default: 0] >= count, "\(event): \(count) acknowledged, \(recorded[event, default: 0]) in the history")
        }
        #expect(acknowledged.values.reduce(0, +) > 20, "the rounds acknowledged too little to prove anything")
    }
}
