import SitBreakTestSupport
import Testing

@testable import SitBreakModel

@Suite("A whole simulated working day")
struct WholeDayTests {
    /// 09:00 to 18:00 with a bit of everything; every total is worked out by hand in the comments.
    @Test func aWorkingDayAddsUpExactly() {
        var desk = VirtualDesk()
        // 09:00-09:50: reminded at 09:45 and 09:50, then a break, taken after 3 quiet minutes.
        desk.pass(50 * minute)
        desk.command(.startBreak)
        desk.pass(4 * minute)
        // 09:53-10:40: sitting, with a 2-minute idle spell that still counts.
        desk.pass(20 * minute)
        desk.goIdle(for: 2 * minute)
        desk.pass(24 * minute)
        // 10:40: snoozed twice (reminder at 10:38), then a 90-minute lunch with the screen locked.
        desk.command(.snooze(nil))
        desk.pass(10 * minute)  // 10:50 reminder
        desk.command(.snooze(nil))
        desk.pass(5 * minute)
        desk.send(.locked(since: desk.now.boot))  // 10:55
        desk.pass(90 * minute)
        desk.send(.unlocked(at: desk.now.boot))  // 12:25, a new stretch
        // 12:25-13:30: a meeting paused for an hour, 5 minutes of sitting before it.
        desk.pass(5 * minute)
        desk.command(.pause(1 * hour))
        desk.pass(1 * hour)
        // 13:30-15:00: skip at the 14:10 reminder, suspend 20 minutes at 14:40.
        desk.pass(40 * minute)
        desk.command(.skip)
        desk.pass(30 * minute)
        desk.suspend(for: 20 * minute)
        // 15:00-18:00: standing 30 minutes, then sitting the rest with reminders.
        desk.command(.stand)
        desk.pass(30 * minute)
        desk.command(.sit)
        desk.pass(150 * minute)

        let today = desk.status.today
        // Sitting: 50 + 47 (09:53-10:40) + 15 (10:40-10:55) + 5 + 70 (13:30-14:40) + 150 = 337 min.
        #expect(today.sittingSeconds == 337 * minute)
        #expect(today.breaks == 1)
        // The lunch lock and the suspend ended a sit; the stand came right after the suspend,
        // with nothing left to end.
        #expect(today.naturalBreaks == 2)
        #expect(today.snoozed == 2)
        #expect(today.skipped == 1)
        #expect(today.longestSitSeconds == 150 * minute)
        #expect(desk.sitting == 150 * minute)
        // 09:45, 09:50 | 10:38, 10:50 | 14:10 | 16:15 and every 5 min until 18:00 (22).
        #expect(today.reminders == 2 + 2 + 1 + 22)
        #expect(desk.status.state == .sitting)
    }
}
