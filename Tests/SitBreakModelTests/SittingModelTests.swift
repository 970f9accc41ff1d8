import SitBreakProtocol
import SitBreakTestSupport
import Testing

@testable import SitBreakModel

@Suite("Reminders while sitting")
struct ReminderTests {
    @Test func firstReminderComesAtTheSitLimitThenRepeatsWithRisingLevels() {
        var desk = VirtualDesk()
        desk.pass(45 * minute - 1)
        #expect(desk.reminders.isEmpty)
        #expect(desk.status.nextReminderSeconds == 1)
        desk.pass(1)
        #expect(desk.reminders.map(\.sittingSeconds) == [45 * minute])
        desk.pass(10 * minute)
        #expect(desk.reminders.map(\.sittingSeconds) == [45 * minute, 50 * minute, 55 * minute])
        #expect(desk.reminders.map(\.level) == [1, 2, 3])
        #expect(desk.status.overdueReminders == 3)
        #expect(desk.status.today.reminders == 3)
    }

    /// The daemon's timer may fire up to its slack late; the repeats keep the first one's cadence.
    @Test func aLateTimerDoesNotPushTheRepeatsBack() {
        var desk = VirtualDesk()
        let due = desk.now.boot + 45 * minute
        for repeatNumber in 0..<3 {
            let firesAt = due + Seconds(repeatNumber) * 5 * minute + 0.4
            desk.now = desk.now.advanced(by: firesAt - desk.now.boot)
            desk.send(.timer)
            let next = SittingModel.nextDeadline(desk.state, at: desk.now, settings: desk.settings) ?? .infinity
            #expect(abs(next - (due + Seconds(repeatNumber + 1) * 5 * minute)) < 0.001)
        }
        #expect(desk.reminders.map(\.level) == [1, 2, 3])
    }

    /// A reminder held back far past its time (here the timer is an hour late) starts a new
    /// cadence instead of firing the missed repeats in a burst.
    @Test func aReminderLongOverdueStartsANewCadence() {
        var desk = VirtualDesk()
        desk.now = desk.now.advanced(by: 45 * minute + hour)
        desk.send(.timer)
        #expect(desk.reminders.count == 1)
        #expect(SittingModel.nextDeadline(desk.state, at: desk.now, settings: desk.settings) == desk.now.boot + 5 * minute)
    }

    @Test func snoozeChainsMoveEachReminderOutByTheSnooze() {
        var desk = VirtualDesk()
        desk.pass(45 * minute)
        desk.command(.snooze(nil))
        #expect(desk.status.state == .snoozed)
        #expect(desk.status.nextReminderSeconds == 10 * minute)
        desk.pass(10 * minute)
        #expect(desk.reminders.count == 2)
        #expect(desk.status.state == .sitting)
        desk.command(.snooze(4))
        #expect(desk.status.nextReminderSeconds == 4)
        desk.pass(4)
        #expect(desk.reminders.map(\.sittingSeconds) == [45 * minute, 55 * minute, 55 * minute + 4])
        #expect(desk.status.today.snoozed == 2)
        #expect(desk.effects.filter { $0 == .withdrawReminder }.count == 2)
    }

    @Test func snoozeBeforeAnyReminderDelaysTheFirstOne() {
        var desk = VirtualDesk()
        desk.pass(40 * minute)
        desk.command(.snooze(20 * minute))
        desk.pass(19 * minute)
        #expect(desk.reminders.isEmpty)
        desk.pass(1 * minute)
        #expect(desk.reminders.map(\.sittingSeconds) == [60 * minute])
    }

    @Test func skipCountsAndWaitsAnotherSitLimit() {
        var desk = VirtualDesk()
        desk.pass(47 * minute)
        desk.command(.skip)
        #expect(desk.status.today.skipped == 1)
        #expect(desk.status.overdueReminders == 0)
        #expect(desk.status.nextReminderSeconds == 45 * minute)
        desk.pass(45 * minute)
        #expect(desk.reminders.map(\.sittingSeconds) == [45 * minute, 92 * minute])
        #expect(desk.reminders.last?.level == 1)
        #expect(desk.sitting == 92 * minute)
    }

    @Test func snoozingWhilePausedIsRefusedWithAReason() {
        var desk = VirtualDesk()
        desk.command(.pause(nil))
        desk.command(.snooze(nil))
        desk.command(.skip)
        #expect(desk.refusals == ["nothing to snooze: sitbreak is paused", "nothing to skip: sitbreak is paused"])
        #expect(desk.status.today.snoozed == 0)
    }
}

@Suite("Natural breaks, locks and suspend")
struct NaturalBreakTests {
    @Test func idleShorterThanABreakStillCountsAsSitting() {
        var desk = VirtualDesk()
        desk.pass(20 * minute)
        desk.goIdle(for: 2 * minute + 59)
        #expect(desk.sitting == 22 * minute + 59)
        #expect(desk.status.today.naturalBreaks == 0)
        #expect(desk.status.state == .sitting)
    }

    @Test func idleForABreakLengthIsANaturalBreakAndSittingRestartsOnReturn() {
        var desk = VirtualDesk()
        desk.pass(30 * minute)
        let since = desk.now.boot
        desk.pass(10)
        desk.send(.idle(since: since))
        #expect(desk.sitting == 30 * minute + 10)  // provisional until it becomes a break
        desk.pass(3 * minute)
        #expect(desk.status.state == .away)
        #expect(desk.sitting == 0)
        #expect(desk.status.today.naturalBreaks == 1)
        #expect(desk.status.today.sittingSeconds == 30 * minute)
        #expect(desk.status.nextReminderSeconds == nil)
        desk.pass(7 * minute)
        desk.send(.input(at: desk.now.boot))
        #expect(desk.status.state == .sitting)
        #expect(desk.sitting == 0)
        desk.pass(45 * minute)
        #expect(desk.reminders.map(\.sittingSeconds) == [45 * minute])
        #expect(desk.happenings.contains(.naturalBreak(awaySeconds: 3 * minute, reason: .idle, sittingSeconds: 30 * minute, evidence: BreakEvidence(source: "idle", quietSeconds: 3 * minute, confirmed: false))))
        #expect(desk.happenings.contains(.cameBack(awaySeconds: 10 * minute + 10)))
    }

    @Test func aNaturalBreakEndsTheOverdueRunAndWithdrawsTheReminder() {
        var desk = VirtualDesk()
        desk.pass(52 * minute)
        #expect(desk.status.overdueReminders == 2)
        desk.clearEffects()
        desk.goIdle(for: 4 * minute)
        #expect(desk.effects.contains(.withdrawReminder))
        #expect(desk.status.overdueReminders == 0)
        #expect(desk.status.nextReminderSeconds == 45 * minute)
    }

    @Test func aShortLockIsStillSittingALongLockIsABreak() {
        var desk = VirtualDesk()
        desk.pass(20 * minute)
        desk.send(.locked(since: desk.now.boot))
        #expect(desk.status.state == .away)
        desk.pass(2 * minute)
        desk.send(.unlocked(at: desk.now.boot))
        #expect(desk.sitting == 22 * minute)
        #expect(desk.status.state == .sitting)

        desk.send(.locked(since: desk.now.boot))
        desk.pass(30 * minute)
        #expect(desk.reminders.isEmpty, "nobody to remind behind a locked screen")
        desk.send(.unlocked(at: desk.now.boot))
        #expect(desk.sitting == 0)
        #expect(desk.status.today.naturalBreaks == 1)
        #expect(desk.status.today.sittingSeconds == 22 * minute)
    }

    @Test func suspendLongerThanABreakIsANaturalBreak() {
        var desk = VirtualDesk()
        desk.pass(40 * minute)
        desk.suspend(for: 1 * hour)
        #expect(desk.status.today.naturalBreaks == 1)
        #expect(desk.sitting == 0)
        #expect(desk.reminders.isEmpty)
        #expect(desk.status.state == .sitting)
        desk.pass(45 * minute)
        #expect(desk.reminders.map(\.sittingSeconds) == [45 * minute])
    }

    @Test func aShortSuspendCountsAsSittingLikeAnyShortAbsence() {
        var desk = VirtualDesk()
        desk.pass(40 * minute)
        desk.suspend(for: 1 * minute)
        #expect(desk.sitting == 41 * minute)
        #expect(desk.status.today.naturalBreaks == 0)
    }

    @Test func aSuspendThatSpansTheDueTimeFiresNoStaleReminderOnWake() {
        var desk = VirtualDesk()
        desk.pass(44 * minute)
        desk.suspend(for: 20 * minute)
        #expect(desk.reminders.isEmpty)
        #expect(desk.status.nextReminderSeconds == 45 * minute)
    }

    @Test func anInputDeliveredLateIsAppliedBeforeTheBreakItPrevented() {
        var desk = VirtualDesk()
        desk.pass(10 * minute)
        let since = desk.now.boot
        desk.send(.idle(since: since))
        desk.pass(2 * minute)
        // The daemon was busy: the input from 2 min in arrives after the 3 min deadline.
        var late = desk
        late.now = late.now.advanced(by: 2 * minute)
        late.send(.input(at: since + 2 * minute))
        #expect(late.status.today.naturalBreaks == 0)
        #expect(late.sitting == 14 * minute)
    }

    @Test func manualAwayAndBackRecordANaturalBreak() {
        var desk = VirtualDesk(settings: .testing(sitLimit: 5, length: 3, snooze: 4, repeatEvery: 5))
        desk.pass(3)
        desk.command(.away)
        #expect(desk.status.state == .away)
        desk.pass(3)
        desk.command(.back)
        #expect(desk.status.today.naturalBreaks == 1)
        #expect(desk.status.state == .sitting)
        #expect(desk.sitting == 0)
        desk.command(.back)
        #expect(desk.refusals == ["you are not marked away"])
    }
}

@Suite("Breaks the user starts")
struct BreakTests {
    @Test func aBreakIsTakenOnceTheUserStaysQuietForTheBreakLength() {
        var desk = VirtualDesk()
        desk.pass(46 * minute)
        desk.command(.startBreak)
        #expect(desk.status.state == .break)
        #expect(desk.effects.contains(.withdrawReminder))
        desk.pass(1 * minute)
        desk.send(.input(at: desk.now.boot))  // one last click on the way out
        desk.pass(3 * minute - 1)
        #expect(desk.status.state == .break)
        desk.pass(1)
        #expect(desk.status.today.breaks == 1)
        #expect(desk.happenings.contains(.breakTaken(lastedSeconds: 4 * minute, sittingSeconds: 46 * minute, evidence: BreakEvidence(source: "clock", quietSeconds: 3 * minute, confirmed: false))))
        #expect(desk.status.state == .sitting)
        #expect(desk.sitting == 0)
        #expect(desk.status.today.sittingSeconds == 46 * minute)
    }

    @Test func doneConfirmsTheBreakAtOnce() {
        var desk = VirtualDesk()
        desk.pass(45 * minute)
        desk.command(.startBreak)
        desk.pass(1 * minute)
        desk.command(.done)
        #expect(desk.status.today.breaks == 1)
        #expect(desk.happenings.last == .breakTaken(lastedSeconds: 1 * minute, sittingSeconds: 45 * minute, evidence: BreakEvidence(source: "user", quietSeconds: 1 * minute, confirmed: true)))
        desk.pass(10 * minute)
        #expect(desk.sitting == 10 * minute)
    }

    @Test func doneWithoutAStartedBreakRecordsTheBreakTheUserTook() {
        var desk = VirtualDesk()
        desk.pass(50 * minute)
        desk.command(.done)
        #expect(desk.status.today.breaks == 1)
        #expect(desk.sitting == 0)
        #expect(desk.status.state == .sitting)
    }

    @Test func anAbandonedBreakIsPartialAndTheReminderComesBack() {
        var desk = VirtualDesk()
        desk.pass(45 * minute)
        desk.command(.startBreak)
        desk.pass(1 * minute)
        desk.command(.abandonBreak)
        #expect(desk.status.today.partialBreaks == 1)
        #expect(desk.status.today.breaks == 0)
        #expect(desk.sitting == 45 * minute)
        desk.pass(5 * minute)
        #expect(desk.reminders.count == 2)
    }

    @Test func aSecondBreakWhileOnABreakIsRefused() {
        var desk = VirtualDesk()
        desk.command(.startBreak)
        desk.command(.startBreak)
        desk.command(.pause(nil))
        #expect(desk.refusals == [
            "a break is already in progress",
            "a break is in progress; finish it (`sitbreakctl done`) before pausing",
        ])
    }
}

@Suite("Pause, standing, schedule")
struct PauseStandScheduleTests {
    @Test func pauseStopsAllCountingUntilItExpires() {
        var desk = VirtualDesk()
        desk.pass(30 * minute)
        desk.command(.pause(1 * hour))
        #expect(desk.status.state == .paused)
        #expect(desk.status.pauseRemainingSeconds == 1 * hour)
        desk.pass(1 * hour - 1)
        #expect(desk.sitting == 30 * minute)
        #expect(desk.reminders.isEmpty)
        desk.pass(1)
        #expect(desk.status.state == .sitting)
        #expect(desk.happenings.contains(.resumed(pausedSeconds: 1 * hour)))
        desk.pass(15 * minute)
        #expect(desk.reminders.map(\.sittingSeconds) == [45 * minute])
    }

    @Test func anOpenPauseLastsUntilResumeAndKeepsTheSnoozeItInterrupted() {
        var desk = VirtualDesk()
        desk.pass(45 * minute)
        desk.command(.snooze(10 * minute))
        desk.pass(4 * minute)
        desk.command(.pause(nil))
        desk.pass(3 * hour)
        #expect(desk.status.state == .paused)
        desk.command(.resume)
        #expect(desk.status.state == .snoozed)
        #expect(desk.status.nextReminderSeconds == 6 * minute)
        desk.command(.resume)
        #expect(desk.refusals == ["sitbreak is not paused"])
    }

    @Test func standingIsNotSittingAndLongStandingEndsTheSit() {
        var desk = VirtualDesk()
        desk.pass(20 * minute)
        desk.command(.stand)
        desk.pass(2 * minute)
        desk.command(.sit)
        #expect(desk.sitting == 20 * minute)
        desk.command(.stand)
        #expect(desk.status.state == .standing)
        desk.pass(1 * hour)
        #expect(desk.reminders.isEmpty)
        desk.command(.sit)
        #expect(desk.sitting == 0)
        #expect(desk.status.today.naturalBreaks == 1)
        #expect(desk.status.today.sittingSeconds == 20 * minute)
    }

    @Test func noRemindersOutsideActiveHoursButSittingIsCounted() {
        let officeHours = Schedule(activeFrom: 9 * hour, activeUntil: 17 * hour,
                                   days: [.monday, .tuesday, .wednesday, .thursday, .friday])
        var desk = VirtualDesk(settings: .testing(schedule: officeHours))
        desk.pass(7 * hour + 30 * minute)  // 16:30, overdue since 09:45
        desk.command(.skip)
        desk.pass(1 * hour)  // 17:30: the next reminder would be due at 17:15
        #expect(desk.sitting == 8 * hour + 30 * minute)
        #expect(desk.reminders.allSatisfy { $0.sittingSeconds <= 7 * hour + 30 * minute })
        let firedBeforeFive = desk.reminders.count
        #expect(desk.status.nextReminderSeconds == 15 * hour + 30 * minute, "held until 09:00 tomorrow")
        desk.pass(15 * hour + 30 * minute)
        #expect(desk.reminders.count == firedBeforeFive + 1)
    }

    @Test func weekendDaysAreQuiet() {
        let weekdays = Schedule(activeFrom: 0, activeUntil: 86_400,
                                days: [.monday, .tuesday, .wednesday, .thursday, .friday])
        let saturdayMorning = VirtualDesk.mondayNineAM.advanced(by: 5 * 24 * hour)
        var desk = VirtualDesk(settings: .testing(schedule: weekdays), start: saturdayMorning)
        desk.pass(10 * hour)
        #expect(desk.reminders.isEmpty)
        #expect(desk.sitting == 10 * hour)
    }

    @Test func aWindowOverMidnightBelongsToTheDayItStarts() {
        let lateShift = Schedule(activeFrom: 22 * hour, activeUntil: 2 * hour, days: [.monday])
        let mondayStart = LocalDay(year: 2026, month: 11, day: 23).startLocalSeconds
        #expect(lateShift.isActive(atLocalSeconds: mondayStart + 23 * hour))
        #expect(lateShift.isActive(atLocalSeconds: mondayStart + 25 * hour))
        #expect(!lateShift.isActive(atLocalSeconds: mondayStart + 1 * hour))
        #expect(!lateShift.isActive(atLocalSeconds: mondayStart + 21 * hour))
    }
}

@Suite("Clocks and days")
struct ClockAndDayTests {
    @Test func wallClockJumpsChangeNoCount() {
        var desk = VirtualDesk()
        desk.pass(20 * minute)
        desk.jumpWallClock(by: 3 * hour)
        #expect(desk.sitting == 20 * minute)
        desk.jumpWallClock(by: -5 * hour)
        #expect(desk.sitting == 20 * minute)
        #expect(desk.status.today.sittingSeconds == 20 * minute)
        desk.pass(25 * minute)
        #expect(desk.reminders.map(\.sittingSeconds) == [45 * minute])
    }

    @Test func aWallClockSetBackADayKeepsTodaysTotals() {
        var desk = VirtualDesk()
        desk.pass(1 * hour)
        desk.command(.done)
        desk.jumpWallClock(by: -24 * hour)
        #expect(desk.status.today.breaks == 1)
        #expect(desk.status.today.day == LocalDay(year: 2026, month: 11, day: 23))
    }

    @Test func aWallClockSetForwardADayStartsANewDayButKeepsTheStretch() {
        var desk = VirtualDesk()
        desk.pass(20 * minute)
        desk.command(.skip)
        desk.jumpWallClock(by: 24 * hour)
        #expect(desk.status.today.day == LocalDay(year: 2026, month: 11, day: 24))
        #expect(desk.status.today.skipped == 0)
        #expect(desk.sitting == 20 * minute)
    }

    @Test func midnightSplitsTodaysTotalsButNotTheStretch() {
        let lateEvening = VirtualDesk.mondayNineAM.advanced(by: 14 * hour + 30 * minute)  // 23:30
        var desk = VirtualDesk(settings: .testing(sitLimit: 2 * hour), start: lateEvening)
        desk.command(.skip)  // nothing to skip yet, but skip is allowed and counted on Monday
        desk.pass(1 * hour)  // 00:30 Tuesday
        #expect(desk.sitting == 1 * hour)
        #expect(desk.status.today.day == LocalDay(year: 2026, month: 11, day: 24))
        #expect(desk.status.today.sittingSeconds == 30 * minute)
        #expect(desk.status.today.skipped == 0)
        desk.send(.timer)
        let ended = desk.happenings.compactMap { if case .dayEnded(let totals) = $0 { totals } else { nil } }
        #expect(ended.count == 1)
        #expect(ended.first?.sittingSeconds == 30 * minute)
        #expect(ended.first?.skipped == 1)
    }

    @Test func aRestartWithinTheBreakLengthContinuesTheStretch() {
        var desk = VirtualDesk()
        desk.pass(30 * minute)
        desk.command(.snooze(nil))
        let saved = desk.state
        let stopped = desk.now.boot
        desk.now = desk.now.advanced(by: 2 * minute)
        desk.state = saved
        desk.send(.unobserved(from: stopped, until: desk.now.boot))
        #expect(desk.sitting == 32 * minute)
        #expect(desk.status.today.snoozed == 1)
        #expect(desk.status.today.naturalBreaks == 0)
    }

    @Test func awayOutlastsARestartAndASuspendUntilTheUserIsBack() throws {
        var desk = VirtualDesk()
        desk.pass(30 * minute)
        desk.command(.away)
        desk.pass(1 * minute)
        let saved = try ControlCodec.decode(
            SavedState.self, from: ControlCodec.encodeLine(SavedState(bootID: "a", savedAt: desk.now, state: desk.state)))
        desk.now = desk.now.advanced(by: 30)
        let (restored, gap) = saved.resumed(at: desk.now, bootID: "a")
        desk.state = restored
        desk.send(try #require(gap))
        #expect(desk.status.state == .away)
        desk.suspend(for: 1 * minute)
        #expect(desk.status.state == .away)
        desk.pass(10 * minute)
        #expect(desk.sitting == 0)
        desk.clearEffects()
        desk.command(.back)
        #expect(desk.status.state == .sitting)
        #expect(desk.happenings.contains { if case .cameBack = $0 { true } else { false } })
    }

    @Test func aRestartAfterALongGapStartsANewStretch() {
        var desk = VirtualDesk()
        desk.pass(30 * minute)
        let stopped = desk.now.boot
        desk.now = desk.now.advanced(by: 1 * hour)
        desk.send(.unobserved(from: stopped, until: desk.now.boot))
        #expect(desk.sitting == 0)
        #expect(desk.status.today.sittingSeconds == 30 * minute)
    }
}

@Suite("Saved state")
struct SavedStateTests {
    @Test func aStateSavedAndResumedInTheSameBootKeepsTheStretch() {
        var desk = VirtualDesk()
        desk.pass(30 * minute)
        desk.command(.snooze(nil))
        let saved = SavedState(bootID: "a", savedAt: desk.now, state: desk.state)
        desk.now = desk.now.advanced(by: 20)
        let (state, gap) = saved.resumed(at: desk.now, bootID: "a")
        desk.state = state
        if let gap { desk.send(gap) }
        #expect(desk.sitting == 30 * minute + 20)
        #expect(desk.status.state == .snoozed)
        #expect(desk.status.nextReminderSeconds == 10 * minute - 20)
    }

    @Test func aStateFromAnEarlierBootIsMovedOntoTheNewBootClockByTheWallClock() {
        var desk = VirtualDesk()
        desk.pass(30 * minute)
        desk.command(.snooze(nil))
        let saved = SavedState(bootID: "a", savedAt: desk.now, state: desk.state)
        // Rebooted: two minutes later by the wall clock, the boot clock starts again near zero.
        let afterReboot = Moment(boot: 100, wall: desk.now.wall + 120, utcOffset: desk.now.utcOffset)
        let (state, gap) = saved.resumed(at: afterReboot, bootID: "b")
        #expect(gap == .unobserved(from: -20, until: 100))
        var restarted = desk
        restarted.now = afterReboot
        restarted.state = state
        restarted.send(gap!)
        #expect(restarted.sitting == 32 * minute)
        #expect(restarted.status.nextReminderSeconds == 8 * minute)
    }

    @Test func theStateFileRoundTripsThroughJSON() throws {
        var desk = VirtualDesk()
        desk.pass(50 * minute)
        desk.command(.pause(10 * minute))
        desk.send(.idle(since: desk.now.boot - 5))
        let saved = SavedState(bootID: "x", savedAt: desk.now, state: desk.state)
        let line = ControlCodec.encodeLine(saved)
        #expect(line.contains(#""boot_id":"x""#))
        #expect(try ControlCodec.decode(SavedState.self, from: line) == saved)
    }
}

@Suite("Nights")
struct NightTests {
    @Test func aNightAsleepEndsTheDayWithOnlyTheSittingBeforeIt() {
        let evening = VirtualDesk.mondayNineAM.advanced(by: 8 * hour + 20 * minute)  // 17:20
        var desk = VirtualDesk(start: evening)
        desk.pass(40 * minute)
        desk.suspend(for: 15 * hour)  // 18:00 to 09:00
        let ended = desk.happenings.compactMap { if case .dayEnded(let totals) = $0 { totals } else { nil } }
        #expect(ended.map(\.sittingSeconds) == [40 * minute])
        #expect(desk.happenings.contains(.naturalBreak(awaySeconds: 3 * minute, reason: .asleep, sittingSeconds: 40 * minute, evidence: BreakEvidence(source: "asleep", quietSeconds: 3 * minute, confirmed: false))))
        #expect(desk.status.today.day == LocalDay(year: 2026, month: 11, day: 24))
        #expect(desk.status.today.sittingSeconds == 0)
        #expect(desk.sitting == 0)
    }

    @Test func aDaemonStoppedOvernightStartsTheNewDayClean() {
        let evening = VirtualDesk.mondayNineAM.advanced(by: 8 * hour + 20 * minute)
        var desk = VirtualDesk(start: evening)
        desk.pass(40 * minute)
        let stopped = desk.now.boot
        desk.now = desk.now.advanced(by: 15 * hour)
        desk.send(.unobserved(from: stopped, until: desk.now.boot))
        #expect(desk.status.today.sittingSeconds == 0)
        let ended = desk.happenings.compactMap { if case .dayEnded(let totals) = $0 { totals } else { nil } }
        #expect(ended.map(\.sittingSeconds) == [40 * minute])
    }
}

@Suite("Reloaded settings")
struct ReloadTests {
    @Test func aLongerSitLimitEndsAnOverdueRunThatIsNoLongerDue() {
        var desk = VirtualDesk(settings: .testing(sitLimit: 5, length: 2, snooze: 4, repeatEvery: 5))
        desk.pass(9)
        #expect(desk.status.overdueReminders == 1)
        desk.settings = .testing(sitLimit: 30 * minute)
        desk.send(.settingsChanged)
        #expect(desk.status.overdueReminders == 0)
        #expect(desk.effects.last == .withdrawReminder)
        #expect(desk.status.nextReminderSeconds == 30 * minute - 9)
    }

    @Test func aShorterSitLimitMakesTheReminderDueAtOnce() {
        var desk = VirtualDesk()
        desk.pass(20 * minute)
        desk.settings = .testing(sitLimit: 15 * minute)
        desk.send(.settingsChanged)
        #expect(desk.reminders.map(\.sittingSeconds) == [20 * minute])
    }
}
