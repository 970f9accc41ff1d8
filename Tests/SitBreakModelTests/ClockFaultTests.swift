import SitBreakProtocol
import SitBreakTestSupport
import Testing

@testable import SitBreakModel

/// The clocks misbehaving: the wall clock set a day forward or back (by hand, by an NTP
/// correction, by a dead RTC after a reboot), the zone changing, a suspend whose wake-up
/// finds the wall clock moved. The boot clock decides every count; the wall clock only
/// places moments in days.
@Suite("Clock faults")
struct ClockFaultTests {
    /// What a user does in a morning, chosen from a seed so that a failure can be replayed.
    enum Action: CustomStringConvertible {
        case sit(Seconds), idle(Seconds), command(UserCommand)

        var description: String {
            switch self {
            case .sit(let seconds): "sit \(TimeSpan.format(seconds))"
            case .idle(let seconds): "idle \(TimeSpan.format(seconds))"
            case .command(let command): "\(command)"
            }
        }

        static func morning(seed: UInt64) -> [Action] {
            var random = SplitMix64(seed: seed)
            let commands: [UserCommand] = [
                .snooze(nil), .skip, .startBreak, .done, .abandonBreak, .pause(10 * minute), .resume,
                .away, .back, .stand, .sit,
            ]
            return (0..<40).map { _ in
                switch random.next() % 10 {
                case 0..<5: .sit(Seconds(random.next() % 20 + 1) * minute)
                case 5: .idle(Seconds(random.next() % 6 + 1) * minute)  // shorter and longer than a break
                default: .command(commands[Int(random.next() % UInt64(commands.count))])
                }
            }
        }
    }

    /// A jump of the wall clock: a whole day either way, or a few hours.
    static func jump(_ random: inout SplitMix64) -> Seconds {
        let sign: Seconds = random.next() % 2 == 0 ? 1 : -1
        return random.next() % 2 == 0 ? sign * 86_400 : sign * Seconds(random.next() % (3 * 3_600))
    }

    /// Plays `actions` on a desk, jumping the wall clock before about a third of them when
    /// `jumps` is given. Returns the desk and the stretch seen after each action.
    static func play(_ actions: [Action], jumps seed: UInt64?) -> (desk: VirtualDesk, stretches: [Seconds]) {
        var desk = VirtualDesk()
        var random = SplitMix64(seed: seed ?? 0)
        var stretches: [Seconds] = []
        for action in actions {
            if seed != nil, random.next() % 3 == 0 { desk.jumpWallClock(by: jump(&random)) }
            switch action {
            case .sit(let seconds): desk.pass(seconds)
            case .idle(let seconds): desk.goIdle(for: seconds)
            case .command(let command): desk.command(command)
            }
            stretches.append(desk.sitting)
        }
        return (desk, stretches)
    }

    static func withoutDays(_ happenings: [Happening]) -> [Happening] {
        happenings.filter { if case .dayEnded = $0 { false } else { true } }
    }

    @Test(arguments: 1...40 as ClosedRange<UInt64>)
    func wallClockJumpsChangeNoStretchNoReminderAndNoBreak(seed: UInt64) {
        let actions = Action.morning(seed: seed)
        let steady = Self.play(actions, jumps: nil)
        let jumpy = Self.play(actions, jumps: seed)
        #expect(jumpy.stretches == steady.stretches, "\(actions)")
        #expect(jumpy.desk.reminders == steady.desk.reminders, "\(actions)")
        #expect(Self.withoutDays(jumpy.desk.happenings) == Self.withoutDays(steady.desk.happenings), "\(actions)")
        #expect(jumpy.desk.status.state == steady.desk.status.state)
    }

    /// A new day starts when the wall clock says so, but no second sat is lost or counted
    /// twice: the days' totals add up to what the same morning counts on a steady clock.
    @Test(arguments: 1...40 as ClosedRange<UInt64>)
    func theDaysTotalsAddUpToEverySecondSatAcrossWallClockJumps(seed: UInt64) {
        let actions = Action.morning(seed: seed)
        let steady = Self.play(actions, jumps: nil)
        let jumpy = Self.play(actions, jumps: seed)
        let ended = jumpy.desk.happenings.compactMap { if case .dayEnded(let totals) = $0 { totals } else { nil } }
        let counted = ended.map(\.sittingSeconds).reduce(0, +) + jumpy.desk.status.today.sittingSeconds
        #expect(counted == steady.desk.status.today.sittingSeconds, "\(actions)")
        let reminders = ended.map(\.reminders).reduce(0, +) + jumpy.desk.status.today.reminders
        #expect(reminders == steady.desk.status.today.reminders)
    }

    @Test func aWallClockSetBackADayKeepsCountingTodaysSitting() {
        var desk = VirtualDesk()
        desk.pass(1 * hour)
        desk.jumpWallClock(by: -24 * hour)
        desk.pass(30 * minute)
        #expect(desk.sitting == 90 * minute)
        #expect(desk.status.today.day == LocalDay(year: 2026, month: 11, day: 23))
        #expect(desk.status.today.sittingSeconds == 90 * minute, "sitting after the jump is counted nowhere")
    }

    @Test func aWallClockSetForwardADayKeepsTheSittingBeforeItOnTheDayItWasSat() {
        var desk = VirtualDesk()
        desk.pass(20 * minute)
        desk.command(.skip)
        desk.pass(10 * minute)
        desk.jumpWallClock(by: 24 * hour)
        desk.pass(5 * minute)
        let ended = desk.happenings.compactMap { if case .dayEnded(let totals) = $0 { totals } else { nil } }
        #expect(ended.map(\.sittingSeconds).reduce(0, +) + desk.status.today.sittingSeconds == 35 * minute)
        #expect(ended.first?.skipped == 1)
        #expect(desk.sitting == 35 * minute)
    }

    // MARK: Suspend

    /// Sleeps for `seconds` on the boot clock; the wall clock wakes up `wallJump` further on.
    static func suspend(_ desk: inout VirtualDesk, for seconds: Seconds, wallJump: Seconds) {
        let from = desk.now.boot
        desk.now.boot += seconds
        desk.now.wall += seconds + wallJump
        desk.send(.slept(from: from, until: desk.now.boot))
    }

    @Test(arguments: [-86_400, -3_600, 3_600, 86_400] as [Seconds])
    func aSuspendIsJudgedByTheBootClockWhateverTheWallClockShowsOnWaking(wallJump: Seconds) {
        for asleep in [1 * minute, 10 * minute] {  // shorter and longer than a break
            var plain = VirtualDesk()
            plain.pass(30 * minute)
            Self.suspend(&plain, for: asleep, wallJump: 0)
            plain.pass(20 * minute)

            var jumped = VirtualDesk()
            jumped.pass(30 * minute)
            Self.suspend(&jumped, for: asleep, wallJump: wallJump)
            jumped.pass(20 * minute)

            #expect(jumped.sitting == plain.sitting, "asleep \(asleep) s, wall clock \(wallJump) s")
            #expect(jumped.reminders == plain.reminders)
            #expect(Self.withoutDays(jumped.happenings) == Self.withoutDays(plain.happenings))
        }
    }

    // MARK: Restarts with the wall clock moved

    static func saved(after sitting: Seconds) -> (desk: VirtualDesk, saved: SavedState) {
        var desk = VirtualDesk()
        desk.pass(sitting)
        return (desk, SavedState(bootID: "a", savedAt: desk.now, state: desk.state))
    }

    static func restart(_ desk: VirtualDesk, from saved: SavedState, at now: Moment, bootID: String) -> VirtualDesk {
        var restarted = desk
        restarted.now = now
        let (state, gap) = saved.resumed(at: now, bootID: bootID)
        restarted.state = state
        restarted.clearEffects()
        if let gap { restarted.send(gap) }
        return restarted
    }

    @Test func aRestartInTheSameBootAfterTheWallClockWasSetBackCountsByTheBootClock() {
        let (desk, saved) = Self.saved(after: 30 * minute)
        let later = Moment(boot: desk.now.boot + 2 * minute, wall: desk.now.wall - 86_400 + 2 * minute, utcOffset: 3_600)
        let restarted = Self.restart(desk, from: saved, at: later, bootID: "a")
        #expect(restarted.sitting == 32 * minute)
        #expect(restarted.status.today.day == desk.status.today.day)
        #expect(restarted.status.today.sittingSeconds == 32 * minute)
    }

    /// After a reboot only the wall clock links the two boots; set back, it says no time
    /// passed. The stretch then goes on where it stopped: never negative, never reset.
    @Test func aRebootWithTheWallClockSetBackResumesTheStretchAsItWas() {
        let (desk, saved) = Self.saved(after: 30 * minute)
        let rebooted = Moment(boot: 90, wall: desk.now.wall - 86_400, utcOffset: 3_600)
        let restarted = Self.restart(desk, from: saved, at: rebooted, bootID: "b")
        #expect(restarted.sitting == 30 * minute)
        #expect(restarted.happenings.isEmpty)
        var later = restarted
        later.pass(15 * minute)
        #expect(later.reminders.map(\.sittingSeconds) == [45 * minute])
    }

    @Test func aRebootWithTheWallClockADayOnEndsTheStretchAndTheDay() {
        let (desk, saved) = Self.saved(after: 30 * minute)
        let rebooted = Moment(boot: 90, wall: desk.now.wall + 86_400, utcOffset: 3_600)
        let restarted = Self.restart(desk, from: saved, at: rebooted, bootID: "b")
        #expect(restarted.sitting == 0)
        let ended = restarted.happenings.compactMap { if case .dayEnded(let totals) = $0 { totals } else { nil } }
        #expect(ended.map(\.sittingSeconds) == [30 * minute])
        #expect(restarted.status.today.day == LocalDay(year: 2026, month: 11, day: 24))
    }

    // MARK: Time zones and timers

    @Test func aTimeZoneChangeMovesTheCalendarButNoCount() {
        var desk = VirtualDesk()
        desk.pass(20 * minute)
        desk.now.utcOffset += 9 * hour
        desk.send(.timer)
        desk.pass(25 * minute)
        #expect(desk.sitting == 45 * minute)
        #expect(desk.reminders.map(\.sittingSeconds) == [45 * minute])
        #expect(desk.status.today.sittingSeconds == 45 * minute)
    }

    @Test func aPauseAndASnoozeRunOutOnTheBootClockThroughWallJumps() {
        var desk = VirtualDesk()
        desk.pass(45 * minute)
        desk.command(.snooze(10 * minute))
        desk.jumpWallClock(by: 86_400)
        desk.pass(10 * minute - 1)
        #expect(desk.reminders.count == 1)
        desk.pass(1)
        #expect(desk.reminders.map(\.sittingSeconds) == [45 * minute, 55 * minute])

        desk.command(.pause(10 * minute))
        desk.jumpWallClock(by: -2 * 86_400)
        desk.pass(10 * minute - 1)
        #expect(desk.status.state == .paused)
        desk.pass(1)
        #expect(desk.status.state != .paused)
        #expect(desk.sitting == 55 * minute)
    }
}
