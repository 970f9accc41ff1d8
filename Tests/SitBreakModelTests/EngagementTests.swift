import SitBreakPresentation
import SitBreakProtocol
import SitBreakTestSupport
import Testing

@testable import SitBreakModel

/// Calls, videos and slides on the virtual clock: no input is not "away" while the user
/// watches or listens at the desk, and a reminder waits for a call or a presentation to end.
@Suite("Calls, videos and slides")
struct EngagementTests {
    private var naturalBreaks: (VirtualDesk) -> [Happening] {
        { desk in desk.happenings.filter { if case .naturalBreak = $0 { true } else { false } } }
    }

    @Test func idleWhileWatchingIsSittingAndNoBreak() {
        var desk = VirtualDesk()
        desk.pass(10 * minute)
        desk.send(.engaged([.idleInhibited]))
        // A 40-minute talk: no input at all.
        desk.goIdle(for: 40 * minute)
        #expect(naturalBreaks(desk).isEmpty)
        #expect(desk.sitting == 50 * minute)
        #expect(desk.status.state == .sitting)
        // An idle inhibitor alone holds nothing: a video in a window is no call.
        #expect(desk.reminders.map(\.sittingSeconds) == [45 * minute, 50 * minute])
    }

    @Test func aCallKeepsSittingTooAndAnIdleSpellCountsFromItsEnd() {
        var desk = VirtualDesk()
        desk.pass(5 * minute)
        let since = desk.now.boot
        desk.send(.engaged([.call]))
        desk.pass(5)
        desk.send(.idle(since: since))
        desk.pass(20 * minute)
        desk.send(.engaged([]))
        // Still idle after the call: a break only once break.length has passed since it ended.
        desk.pass(3 * minute - 1)
        #expect(naturalBreaks(desk).isEmpty)
        desk.pass(1)
        #expect(naturalBreaks(desk).count == 1)
        guard case .naturalBreak(let away, _, let sat, _) = naturalBreaks(desk).first else { return }
        #expect(away == 3 * minute)
        #expect(sat == 25 * minute + 5)
    }

    /// A call seen only in `/proc`, ended while nobody types: the daemon looks again from
    /// `length` into the idle spell, each minute, and the user who hung up and walked away is
    /// gone from that look on, not at the next reminder.
    @Test func aCallThatEndsWhileNobodyTypesIsSeenWithinAMinute() {
        var desk = VirtualDesk()
        desk.callInProc = true
        desk.pass(5 * minute)
        desk.send(.engaged([.call]))
        let since = desk.now.boot
        desk.pass(5)
        desk.send(.idle(since: since))
        // While the call lasts, the looks come `length` into the spell, then each minute.
        #expect(SittingModel.nextDeadline(desk.state, at: desk.now, settings: desk.settings) == since + 3 * minute)
        desk.pass(3 * minute)
        #expect(SittingModel.nextDeadline(desk.state, at: desk.now, settings: desk.settings) == since + 4 * minute)
        #expect(SittingModel.decides(desk.state, .timer, at: desk.now, settings: desk.settings))
        // Hung up at 15:05, 10 minutes into the spell; nothing announces it.
        desk.pass(7 * minute)
        desk.callInProc = false
        desk.pass(50)
        #expect(desk.state.engaged == [.call], "no look between two minutes")
        desk.pass(10)
        #expect(desk.state.engaged.isEmpty, "the look at 16:00 found the call over")
        // The absence counts from that look: a natural break `length` after it, long before
        // the reminder at 45 minutes of sitting.
        desk.pass(3 * minute)
        let breaks = naturalBreaks(desk)
        #expect(breaks.count == 1)
        guard case .naturalBreak(let away, _, let sat, _) = breaks.first else { return }
        #expect(away == 3 * minute)
        #expect(sat == 16 * minute)
        #expect(desk.reminders.isEmpty)
    }

    @Test func aLockDuringACallStillEndsTheSit() {
        var desk = VirtualDesk()
        desk.pass(10 * minute)
        desk.send(.engaged([.call]))
        desk.send(.locked(since: desk.now.boot))
        desk.pass(4 * minute)
        #expect(naturalBreaks(desk).count == 1)
        #expect(desk.status.state == .away)
    }

    @Test func aReminderDueInACallIsHeldAndComesOnceGentlyAfter() {
        var desk = VirtualDesk()
        desk.pass(40 * minute)
        desk.send(.engaged([.call]))
        // The call runs 25 minutes: through the due time and four repeats' worth.
        desk.pass(25 * minute)
        #expect(desk.reminders.isEmpty)
        #expect(desk.status.reminderHeldFor == .call)
        #expect(desk.status.overdueReminders == 0)
        #expect(desk.happenings.contains(.reminderHeld(because: .call, sittingSeconds: 45 * minute)))
        #expect(desk.happenings.filter { if case .reminderHeld = $0 { true } else { false } }.count == 1)
        desk.send(.engaged([]))
        desk.pass(SittingModel.afterHoldPause - 1)
        #expect(desk.reminders.isEmpty)
        desk.pass(1)
        let reminder = desk.reminders.first
        #expect(desk.reminders.count == 1)
        #expect(reminder?.level == 1)
        #expect(reminder?.afterHold == .call)
        #expect(reminder?.sittingSeconds == 65 * minute + SittingModel.afterHoldPause)
        #expect(ReminderText(reminder!, offer: nil).summary == "Call over — 1h 5m 10s sitting: time to stand up")
        // The run goes on as usual after it.
        desk.pass(5 * minute)
        #expect(desk.reminders.map(\.level) == [1, 2])
        #expect(desk.reminders.last?.afterHold == nil)
    }

    @Test func aReloadThatStopsHoldingForACallLetsTheHeldReminderComeInTheCall() {
        var desk = VirtualDesk()
        desk.pass(40 * minute)
        desk.send(.engaged([.call]))
        desk.pass(10 * minute)
        #expect(desk.status.reminderHeldFor == .call)
        // The user takes calls off `hold_during` and reloads, the call still on.
        desk.settings.notify.holdDuring = [.presentation]
        desk.send(.settingsChanged)
        #expect(desk.status.reminderHeldFor == nil)
        desk.pass(SittingModel.afterHoldPause)
        #expect(desk.reminders.count == 1)
        #expect(desk.reminders.first?.afterHold == nil, "the call is not over: no \"Call over\"")
        #expect(desk.reminders.first?.sittingSeconds == 50 * minute + SittingModel.afterHoldPause)
    }

    @Test func whatHoldsIsTheUsersChoice() {
        var settings = Settings.testing()
        settings.notify.holdDuring = [.presentation]
        var desk = VirtualDesk(settings: settings)
        desk.send(.engaged([.call, .fullscreen]))
        desk.pass(46 * minute)
        #expect(desk.reminders.count == 1, "neither a call nor fullscreen holds when only presentation does")
        desk.send(.engaged([.presentation]))
        desk.pass(5 * minute)
        #expect(desk.reminders.count == 1)
        #expect(desk.status.reminderHeldFor == .presentation)
    }

    @Test func aHeldReminderLooksAgainEveryMinuteForSignalsThatAnnounceNoEnd() {
        var desk = VirtualDesk()
        desk.send(.engaged([.call]))
        desk.pass(45 * minute)
        let held = desk.now
        #expect(SittingModel.nextDeadline(desk.state, at: held, settings: desk.settings) == held.boot + 60)
        // Each of those looks reads the call again.
        #expect(SittingModel.decides(desk.state, .timer, at: held.advanced(by: 60), settings: desk.settings))
    }

    @Test func aBreakOrAnAnswerEndsTheHold() {
        var desk = VirtualDesk()
        desk.send(.engaged([.fullscreen]))
        desk.pass(46 * minute)
        #expect(desk.status.reminderHeldFor == .fullscreen)
        desk.command(.snooze(nil))
        #expect(desk.status.reminderHeldFor == nil)
        desk.send(.engaged([]))
        desk.pass(minute)
        #expect(desk.reminders.isEmpty, "the snooze stands: nothing was waiting any more")
    }

    @Test func beforeADecisionTheShellIsAskedToLook() {
        var desk = VirtualDesk()
        desk.pass(44 * minute)
        #expect(!SittingModel.decides(desk.state, .timer, at: desk.now, settings: desk.settings))
        #expect(!SittingModel.decides(desk.state, .input(at: desk.now.boot), at: desk.now, settings: desk.settings))
        #expect(SittingModel.decides(desk.state, .timer, at: desk.now.advanced(by: minute), settings: desk.settings))
        // An idle edge that makes the absence a break at once (X11 reports idle at break.length).
        var away = VirtualDesk()
        away.pass(10 * minute)
        let idleSince = away.now.boot
        away.pass(3 * minute)
        #expect(SittingModel.decides(away.state, .idle(since: idleSince), at: away.now, settings: away.settings))
    }

    @Test func theSignalsAreNotSavedButAHeldReminderIs() throws {
        var desk = VirtualDesk()
        desk.send(.engaged([.call]))
        desk.pass(46 * minute)
        let line = ControlCodec.encodeLine(desk.state)
        let restored = try ControlCodec.decode(SittingState.self, from: line)
        #expect(restored.engaged.isEmpty)
        #expect(restored.heldReminder == desk.state.heldReminder)
    }
}
