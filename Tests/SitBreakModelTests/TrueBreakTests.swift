import SitBreakProtocol
import SitBreakTestSupport
import Testing

@testable import SitBreakModel

/// A break counts only on what the input source saw: these are the cases a user met on a
/// real desktop, on the virtual clock, with a source that answers `checkQuiet` with the
/// user's real last input (as X11's idle counter or Mutter's `GetIdletime` do).
@Suite("Breaks that are true")
struct TrueBreakTests {
    /// 45 minutes to sit, 3 to break, 2 of grace, 1 of sitting before an absence counts, 10 s blips.
    private func desk() -> VirtualDesk {
        VirtualDesk(settings: .testing(), inputSource: "x11")
    }

    /// The user keeps typing for `seconds`, twice a second, and the source hears every key.
    private func keepTyping(_ desk: inout VirtualDesk, for seconds: Seconds) {
        for _ in 0..<Int(seconds * 2) {
            desk.typeUnreported()
            desk.pass(0.5)
        }
    }

    private var breaksTaken: (VirtualDesk) -> [Happening] {
        { desk in desk.happenings.filter { if case .breakTaken = $0 { true } else { false } } }
    }

    @Test func aStartedBreakWhileTheUserKeepsTypingIsNotTakenAndIsAbandonedAfterGrace() {
        var desk = desk()
        desk.pass(46 * minute)
        desk.command(.startBreak)
        keepTyping(&desk, for: 119)
        #expect(desk.status.state == .break)
        #expect(desk.status.breakPhase == .stepAway)
        keepTyping(&desk, for: 10 * minute)
        #expect(breaksTaken(desk).isEmpty)
        #expect(desk.status.today.breaks == 0)
        #expect(desk.status.today.abandonedBreaks == 1)
        #expect(desk.happenings.contains(.breakAbandoned(lastedSeconds: 2 * minute, sittingSeconds: 48 * minute)))
        // The time worked counts as sitting, and the reminder comes back on its repeat cadence.
        #expect(desk.sitting == 46 * minute + 119 + 10 * minute)
        #expect(desk.reminders.map(\.sittingSeconds) == [45 * minute, 53 * minute])
    }

    @Test func aBreakStartedEarlyAndWorkedThroughLeavesTheReminderAtTheSitLimit() {
        var desk = desk()
        desk.pass(10 * minute)
        desk.command(.startBreak)
        keepTyping(&desk, for: 3 * minute)
        #expect(desk.status.today.abandonedBreaks == 1)
        #expect(desk.status.nextReminderSeconds == 32 * minute)
    }

    @Test func aStartedBreakWithNoInputForTheLengthIsTakenWithItsEvidence() {
        var desk = desk()
        desk.pass(46 * minute)
        desk.command(.startBreak)
        keepTyping(&desk, for: 20)  // finishing a sentence on the way out
        desk.pass(2 * minute)
        #expect(desk.status.state == .break)
        #expect(desk.status.breakPhase == .countingDown)
        #expect(desk.status.breakRemainingSeconds == 60 - 0.5)
        desk.pass(1 * minute)
        #expect(desk.status.today.breaks == 1)
        #expect(breaksTaken(desk) == [
            .breakTaken(
                lastedSeconds: 20 - 0.5 + 3 * minute, sittingSeconds: 46 * minute,
                evidence: BreakEvidence(source: "x11", quietSeconds: 3 * minute, confirmed: false)),
        ])
        #expect(desk.status.state == .sitting)
        #expect(desk.sitting == 0.5)
    }

    @Test func inputDuringABreakRestartsItsCountdownFromTheLastInput() {
        var desk = desk()
        desk.pass(46 * minute)
        desk.command(.startBreak)
        desk.pass(2.5 * minute)
        desk.typeUnreported()  // back to the desk for a moment, unseen until the countdown's end
        desk.pass(0.5 * minute)
        #expect(desk.status.today.breaks == 0)
        #expect(desk.status.breakRemainingSeconds == 2.5 * minute)
        desk.pass(2.5 * minute)
        #expect(desk.status.today.breaks == 1)
        #expect(desk.happenings.last?.evidence == BreakEvidence(source: "x11", quietSeconds: 3 * minute, confirmed: false))
    }

    @Test func doneAfterABreakAlreadyCountedIsRefusedAndAddsNothing() {
        var desk = desk()
        desk.pass(46 * minute)
        desk.command(.startBreak)
        desk.pass(3 * minute)
        #expect(desk.status.today.breaks == 1)
        desk.clearEffects()
        desk.command(.done)
        // 09:00 + 46 min + 3 min.
        #expect(desk.refusals == ["this break was already counted at 09:49"])
        #expect(desk.status.today.breaks == 1)
        #expect(desk.happenings.isEmpty)
    }

    @Test func doneIsTheUsersWordAndCountsOnce() {
        var desk = desk()
        desk.pass(50 * minute)
        desk.command(.done)
        desk.command(.done)
        #expect(desk.status.today.breaks == 1)
        #expect(desk.refusals.count == 1)
        #expect(desk.happenings.compactMap(\.evidence) == [BreakEvidence(source: "user", quietSeconds: 0, confirmed: true)])
        // After a real sit, `done` counts the next break the user took without telling.
        desk.typeUnreported()
        desk.pass(20 * minute)
        desk.command(.done)
        #expect(desk.status.today.breaks == 2)
    }

    @Test func aNaturalBreakAfterABreakWasCountedStopsDoneCountingItAgain() {
        var desk = desk()
        desk.pass(30 * minute)
        desk.goIdle(for: 10 * minute, noticeAfter: 3 * minute)
        #expect(desk.status.today.naturalBreaks == 1)
        desk.command(.done)
        #expect(desk.refusals == ["this break was already counted at 09:33"])
        #expect(desk.status.today.breaks == 0)
    }

    @Test func noNaturalBreakBeforeTheFirstInputAfterStart() {
        var desk = desk()
        let start = desk.now.boot
        // The source's first look: nobody has touched anything for a while.
        desk.pass(3 * minute)
        desk.send(.idle(since: start - 30))
        desk.pass(10 * minute)
        #expect(desk.status.today.naturalBreaks == 0)
        #expect(desk.happenings.isEmpty)
        #expect(desk.status.state == .away)
        #expect(desk.status.today.sittingSeconds == 0)
    }

    @Test func noNaturalBreakEndsAStretchShorterThanMinSit() {
        var desk = desk()
        desk.pass(10)
        desk.send(.input(at: desk.now.boot))
        desk.pass(40)
        let lastInput = desk.now.boot
        desk.pass(3 * minute)
        desk.send(.idle(since: lastInput))
        #expect(desk.status.today.naturalBreaks == 0)
        #expect(desk.happenings.filter { $0.evidence != nil }.isEmpty)
        // A real sit afterwards does count.
        desk.send(.input(at: desk.now.boot))
        desk.pass(5 * minute)
        desk.goIdle(for: 4 * minute)
        #expect(desk.status.today.naturalBreaks == 1)
    }

    @Test func aOneSecondBlipBetweenIdleSpellsIsOneAbsence() {
        var desk = desk()
        desk.pass(30 * minute)
        desk.goIdle(for: 20 * minute, noticeAfter: 3 * minute)  // lunch, then a bump of the mouse
        #expect(desk.status.today.naturalBreaks == 1)
        desk.pass(1)
        let bumpEnded = desk.now.boot
        desk.pass(3 * minute)
        desk.send(.idle(since: bumpEnded))
        #expect(desk.status.state == .away)
        desk.pass(20 * minute)
        desk.send(.input(at: desk.now.boot))
        #expect(desk.status.today.naturalBreaks == 1)
        #expect(desk.status.today.sittingSeconds == 30 * minute)
        // Back for real: sitting counts again.
        desk.pass(5 * minute)
        #expect(desk.sitting == 5 * minute)
    }

    @Test func inputLongerThanABlipEndsTheAbsence() {
        var desk = desk()
        desk.pass(30 * minute)
        desk.goIdle(for: 20 * minute, noticeAfter: 3 * minute)
        desk.pass(2 * minute)  // back at the desk for two minutes
        let left = desk.now.boot
        desk.pass(3 * minute)
        desk.send(.idle(since: left))
        #expect(desk.status.today.naturalBreaks == 2, "two minutes at the desk are a sit of their own")
        #expect(desk.status.today.sittingSeconds == 32 * minute)
    }

    @Test func aLockDuringAStartedBreakIsEvidenceEnough() {
        var desk = desk()
        desk.pass(46 * minute)
        desk.command(.startBreak)
        desk.pass(5)
        desk.send(.locked(since: desk.now.boot))
        desk.pass(3 * minute)
        #expect(desk.status.today.breaks == 1)
        #expect(desk.happenings.last?.evidence == BreakEvidence(source: "locked", quietSeconds: 3 * minute, confirmed: false))
        #expect(!desk.effects.contains(.checkQuiet), "a locked screen needs no question to the sources")
    }

    @Test func withoutAnAnswerNothingIsCountedAndTheSourcesAreAskedAgain() {
        var desk = desk()
        desk.pass(46 * minute)
        desk.command(.startBreak)
        desk.inputSource = nil
        // A source that does not answer: no `.quiet` comes back. The first look is a blip in.
        let asked = desk.now.boot + desk.settings.breaks.blip
        let step = SittingModel.step(desk.state, .timer, at: desk.now.advanced(by: desk.settings.breaks.blip), settings: desk.settings)
        #expect(step.effects == [.checkQuiet])
        #expect(SittingModel.nextDeadline(step.state, at: desk.now, settings: desk.settings) == asked + SittingModel.askAgainAfter)
        let unknown = SittingModel.step(step.state, .quiet(.unknown), at: desk.now.advanced(by: 11), settings: desk.settings)
        #expect(unknown.state.breakInProgress?.askedAt == asked)
        #expect(unknown.effects.isEmpty)
        #expect(unknown.state.today.breaks == 0)
    }

    @Test func onlyWithNoInputSourceDoesTheClockDecide() {
        var desk = VirtualDesk()  // sources = ["manual"]
        desk.pass(46 * minute)
        desk.command(.startBreak)
        desk.pass(3 * minute)
        #expect(desk.happenings.last?.evidence == BreakEvidence(source: "clock", quietSeconds: 3 * minute, confirmed: false))
    }

    @Test func aNaturalBreakNamesTheSourcesInUseOnceTheDaemonDoes() {
        var desk = desk()
        desk.pass(30 * minute)
        desk.goIdle(for: 5 * minute, noticeAfter: 3 * minute)
        let natural = try! #require(desk.happenings.first { if case .naturalBreak = $0 { true } else { false } })
        #expect(natural.evidence?.source == BreakEvidence.idleSource)
        #expect(natural.naming(inputSources: "gnome").evidence == BreakEvidence(source: "gnome", quietSeconds: 3 * minute, confirmed: false))
    }
}

/// A state file written before breaks carried evidence still reads: today's totals, the
/// stretch and a break in progress come back, with the new counts at zero.
@Suite("State files from before true breaks")
struct EarlierStateFileTests {
    @Test func aStateFileWithoutTheNewFieldsReads() throws {
        var desk = VirtualDesk()
        desk.pass(50 * minute)
        desk.command(.startBreak)
        var older = desk.state
        older.breakInProgress = BreakInProgress(startedAt: desk.now.boot, quietSince: desk.now.boot)
        let line = ControlCodec.encodeLine(SavedState(bootID: "b", savedAt: desk.now, state: older))
        let withoutNewFields = line.replacing("\"abandoned_breaks\":0,", with: "")
        #expect(withoutNewFields != line)
        #expect(!withoutNewFields.contains("asked_at") && !withoutNewFields.contains("last_break_counted_at"))
        let read = try ControlCodec.decode(SavedState.self, from: withoutNewFields)
        #expect(read.state == older)
        #expect(read.state.today.abandonedBreaks == 0)
    }
}
