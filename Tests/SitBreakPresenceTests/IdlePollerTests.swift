import Testing

@testable import SitBreakPresence

@Suite("Polling an idle source")
struct IdlePollerTests {
    @Test func whileActiveItLooksWhenIdleCouldFirstReachABreak() {
        var poller = IdlePoller(breakLength: 180)
        let first = poller.observe(lastInput: 1_000, now: 1_010)
        #expect(first.events.isEmpty)
        #expect(first.nextLook == 1_180)
        let typing = poller.observe(lastInput: 1_170, now: 1_180)
        #expect(typing.events == [.input(at: 1_170)])
        #expect(typing.nextLook == 1_350)
    }

    @Test func idleForABreakLengthIsReportedOnceWithItsStart() {
        var poller = IdlePoller(breakLength: 180, awayRecheck: 30)
        _ = poller.observe(lastInput: 1_000, now: 1_000)
        let away = poller.observe(lastInput: 1_000, now: 1_180)
        #expect(away.events == [.idle(since: 1_000)])
        #expect(away.nextLook == 1_210)
        let stillAway = poller.observe(lastInput: 1_000, now: 1_210)
        #expect(stillAway.events.isEmpty)
        let back = poller.observe(lastInput: 1_225, now: 1_240)
        #expect(back.events == [.input(at: 1_225)])
        #expect(back.nextLook == 1_405)
    }

    @Test func aSourceWithNoInputYetCountsFromTheFirstLook() {
        var poller = IdlePoller(breakLength: 60)
        #expect(poller.observe(lastInput: nil, now: 500).nextLook == 560)
        #expect(poller.observe(lastInput: nil, now: 560).events == [.idle(since: 500)])
    }

    @Test func itNeverAsksToLookInThePast() {
        var poller = IdlePoller(breakLength: 60)
        _ = poller.observe(lastInput: 100, now: 100)
        let late = poller.observe(lastInput: 100, now: 159.5)
        #expect(late.nextLook == 160.5)
    }
}
