import SitBreakModel
import SitBreakProtocol
import SitBreakTestSupport
import Testing

@testable import SitBreakTray

/// The panel from a status, on a virtual desk (sit limit 45 min, a reminder again every 5).
@Suite struct TrayViewTests {
    static let march = StatusReport.Suggestion(
        id: "standing-march", line: "Standing march, 3 × 20 steps", moves: ["standing-march"])

    func view(passiveWhilePaused: Bool = false, _ configure: (inout VirtualDesk) -> Void) -> TrayView {
        var desk = VirtualDesk()
        configure(&desk)
        let status = StatusReport(
            desk.status, activitySources: ["manual"], reminderChannels: ["terminal"], problems: [], suggestion: Self.march)
        return TrayView(status, at: desk.now, snooze: 10 * minute, passiveWhilePaused: passiveWhilePaused)
    }

    func visibleActions(_ view: TrayView) -> [TrayAction] {
        view.menu.filter(\.visible).compactMap(\.action)
    }

    @Test func eachStateHasItsIconAtAGlance() {
        #expect(view { $0.pass(38 * minute) }.icon == .sitting)
        #expect(view { $0.pass(46 * minute) }.icon == .due)
        #expect(view { $0.pass(51 * minute) }.icon == .overdue)
        #expect(view { $0.pass(46 * minute); $0.command(.snooze(nil)) }.icon == .sitting)
        #expect(view { $0.command(.startBreak) }.icon == .onBreak)
        #expect(view { $0.command(.pause(nil)) }.icon == .paused)
        #expect(view { $0.command(.away) }.icon == .away)
        #expect(view { $0.command(.stand) }.icon == .away)
        #expect(Set(TrayIcon.allCases.map(\.name)).count == TrayIcon.allCases.count)
        #expect(TrayIcon.onBreak.name == "sitbreak-break")
    }

    @Test func breaksTodayCountEveryTimeTheUserGotUpWhetherARemindersOrTheirOwn() {
        let natural = view { desk in
            desk.pass(20 * minute)
            desk.goIdle(for: 10 * minute)
        }
        #expect(natural.summary.hasSuffix(" · 1 break today"), "\(natural.summary)")
        var both = VirtualDesk()
        both.pass(46 * minute)
        both.command(.startBreak)
        both.pass(10 * minute)
        both.send(.input(at: both.now.boot))
        both.pass(20 * minute)
        both.goIdle(for: 10 * minute)
        #expect(both.status.today.breaks == 1 && both.status.today.naturalBreaks == 1, "\(both.status.today)")
        let status = StatusReport(both.status, activitySources: ["manual"], reminderChannels: ["terminal"], problems: [], suggestion: nil)
        #expect(TrayView(status, at: both.now, snooze: 10 * minute, passiveWhilePaused: false).tooltip.hasSuffix(" · 2 breaks today"))
    }

    @Test func aDueReminderNeedsAttentionAndPausedIsPassiveOnlyWhenAskedFor() {
        #expect(view { $0.pass(38 * minute) }.itemStatus == .active)
        #expect(view { $0.pass(46 * minute) }.itemStatus == .needsAttention)
        #expect(view { $0.pass(51 * minute) }.itemStatus == .needsAttention)
        #expect(view { $0.command(.pause(nil)) }.itemStatus == .active)
        #expect(view(passiveWhilePaused: true) { $0.command(.pause(nil)) }.itemStatus == .passive)
    }

    @Test func theTooltipSaysHowLongTheUserSatWhatComesNextAndTheBreaksToday() {
        #expect(view { $0.pass(38 * minute) }.summary == "Sitting 38 min · next reminder in 7 min · 0 breaks today")
        #expect(view { $0.pass(46 * minute) }.summary == "Sitting 46 min · time for a break · 0 breaks today")
        #expect(view { $0.pass(40 * minute); $0.command(.startBreak); $0.goIdle(for: 4 * minute); $0.pass(30 * minute) }
            .summary == "Sitting 30 min · next reminder in 15 min · 1 break today")
        #expect(view { $0.pass(20 * minute); $0.command(.pause(30 * minute)) }.summary == "Paused, 30 min left · 0 breaks today")
        #expect(view { $0.command(.pause(nil)) }.summary == "Paused until you resume · 0 breaks today")
        #expect(view { $0.pass(70 * minute) }.summary.hasPrefix("Sitting 1 h 10 min · "))
        #expect(view { $0.pass(20) }.summary.hasPrefix("Sitting under a minute · "))
        #expect(view { $0.command(.stand) }.summary == "Standing · 0 breaks today")
    }

    @Test func theTooltipNamesClockTimesSoItStaysTrueWithoutATimer() {
        let sitting = view { $0.pass(38 * minute) }
        #expect(sitting.tooltip == "Sitting since 09:00 · next reminder at 09:45 · 0 breaks today")
        #expect(view { $0.pass(39 * minute) }.tooltip == sitting.tooltip)
        #expect(view { $0.pass(46 * minute); $0.command(.snooze(nil)) }.tooltip
            == "Sitting since 09:00 · snoozed until 09:56 · 0 breaks today")
        #expect(view { $0.pass(20 * minute); $0.command(.pause(30 * minute)) }.tooltip == "Paused until 09:50 · 0 breaks today")
        #expect(view { $0.pass(20 * minute); $0.command(.startBreak) }.tooltip == "On a break since 09:20 · 0 breaks today")
    }

    @Test func snoozeAndSkipAreOfferedOnlyWhileAReminderIsDue() {
        let calm = visibleActions(view { $0.pass(20 * minute) })
        #expect(!calm.contains(.snooze) && !calm.contains(.skip))
        #expect(calm.contains(.startBreak) && calm.contains(.stand) && !calm.contains(.resume))
        let due = visibleActions(view { $0.pass(46 * minute) })
        #expect(due.contains(.snooze) && due.contains(.skip))
        #expect(view { $0.pass(46 * minute) }.activation == .startBreak)
        #expect(view { $0.pass(20 * minute) }.activation == .showStatus)
        #expect(view { $0.pass(46 * minute) }.menu.contains { $0.label == "Snooze 10 min" && $0.visible })
    }

    @Test func pausedOffersResumeNotPauseAndStandingOffersSitting() {
        let paused = view { $0.command(.pause(nil)) }
        #expect(visibleActions(paused).contains(.resume))
        #expect(paused.menu.first { $0.label == "Pause" }?.visible == false)
        let standing = visibleActions(view { $0.command(.stand) })
        #expect(standing.contains(.sit) && !standing.contains(.stand))
    }

    @Test func theMenuHeadsWithTheFactsInsensitiveAndOffersTheMoveOfTheMoment() {
        let menu = view { $0.pass(38 * minute) }.menu
        #expect(menu[0].label == "Sitting 38 min · next reminder in 7 min · 0 breaks today" && !menu[0].enabled)
        #expect(menu.contains { $0.label == "Try: Standing march, 3 × 20 steps" && $0.action == .guidedBreak })
        let pause = menu.first { $0.label == "Pause" }
        #expect(pause?.children.map(\.label) == ["For 30 minutes", "For 1 hour", "Until tomorrow"])
        // Ids are fixed per entry: a host keeping the menu open never sees one entry change into another.
        let ids = DBusMenuLayout.flattened(menu).map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(DBusMenuLayout.flattened(view { $0.command(.pause(nil)) }.menu).map(\.id) == ids)
    }

    @Test func everyEntryIsTheSameModelCommandAsTheCLIs() {
        let evening = Moment(boot: 1_000, wall: VirtualDesk.mondayNineAM.wall + 13 * hour, utcOffset: VirtualDesk.mondayNineAM.utcOffset)
        #expect(TrayAction.pauseUntilTomorrow.command(at: evening) == .pause(2 * hour))
        #expect(TrayAction.pause(hour).command(at: evening) == .pause(hour))
        #expect(TrayAction.snooze.command(at: evening) == .snooze(nil))
        #expect(TrayAction.startBreak.command(at: evening) == .startBreak)
        #expect(TrayAction.showStats.command(at: evening) == nil)
    }

    @Test func aHeldReminderIsExplainedInTheTooltipAndTheMenuHeader() {
        // A reminder falls due at 45 min in a call and is held: without the reason the panel
        // would say nothing about the missing reminder, or "time for a break" when none came.
        let inACall = view { $0.send(.engaged([.call])); $0.pass(50 * minute) }
        #expect(inACall.tooltip == "Sitting since 09:00 · reminder held: in a call · 0 breaks today")
        #expect(inACall.summary == "Sitting 50 min · reminder held: in a call · 0 breaks today")
        #expect(inACall.menu[0].label == inACall.summary && !inACall.menu[0].enabled)
        let fullscreen = view { $0.send(.engaged([.fullscreen])); $0.pass(50 * minute) }
        #expect(fullscreen.tooltip == "Sitting since 09:00 · reminder held: a window is fullscreen · 0 breaks today")
    }

    @Test func aHeldReminderDoesNotAskForAttention() {
        // Nothing was shown, so there is nothing to snooze or skip, and a click is not a break.
        let held = view { $0.send(.engaged([.presentation])); $0.pass(50 * minute) }
        #expect(held.summary == "Sitting 50 min · reminder held: the screen is shared · 0 breaks today")
        #expect(held.icon == .sitting && held.itemStatus == .active && held.activation == .showStatus)
        #expect(!visibleActions(held).contains(.snooze) && !visibleActions(held).contains(.skip))
    }

    @Test func todaysStatsReadAsASentence() {
        var desk = VirtualDesk()
        desk.pass(46 * minute)
        desk.command(.snooze(nil))
        desk.pass(5 * minute)
        desk.command(.startBreak)
        desk.goIdle(for: 4 * minute)
        desk.pass(10 * minute)
        let today = StatusReport(desk.status, activitySources: [], reminderChannels: [], problems: []).today
        #expect(TrayView.todayText(today) == "1 h 1 min sitting · 1 break · 1 snoozed · longest sit 51 min")
    }
}
