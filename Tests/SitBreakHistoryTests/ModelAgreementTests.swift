import SitBreakModel
import Testing

@testable import SitBreakHistory

/// The statistics rebuilt from the rows agree with the totals the sitting model kept itself.
@Suite struct ModelAgreementTests {
    static let monday = LocalDay(year: 2026, month: 11, day: 23)

    func expectAgreement(_ stats: SitStats, _ totals: DayTotals) {
        #expect(abs(stats.sittingSeconds - totals.sittingSeconds) < 1e-6, "\(totals.day)")
        #expect(stats.breaksTaken == totals.breaks, "\(totals.day)")
        #expect(stats.naturalBreaks == totals.naturalBreaks, "\(totals.day)")
        #expect(stats.partialBreaks == totals.partialBreaks, "\(totals.day)")
        #expect(stats.skipped == totals.skipped, "\(totals.day)")
        #expect(stats.snoozed == totals.snoozed, "\(totals.day)")
        #expect(stats.reminders == totals.reminders, "\(totals.day)")
        #expect(abs(stats.longestSitSeconds - totals.longestSitSeconds) < 1e-6, "\(totals.day)")
    }

    @Test func twoDaysAtTheDeskGiveTheModelsOwnTotals() {
        let start = Moment(boot: 600, wall: Self.monday.startLocalSeconds + 8.5 * 3_600 - 3_600, utcOffset: 3_600)
        var desk = ModelDesk(start: start, breakLength: 5 * 60)
        // Monday: reminders, a snooze, a break asked for, an idle break, a skip, a stand,
        // a break cut short, then the evening away.
        desk.pass(minutes: 47)
        desk.command(.snooze(nil))
        desk.pass(minutes: 12)
        desk.command(.startBreak)
        desk.idle(minutes: 8)
        desk.pass(minutes: 35)
        desk.idle(minutes: 20)
        desk.pass(minutes: 50)
        desk.command(.skip)
        desk.pass(minutes: 30)
        desk.command(.stand)
        desk.pass(minutes: 25)
        desk.command(.sit)
        desk.pass(minutes: 40)
        desk.command(.startBreak)
        desk.pass(minutes: 1)
        desk.command(.abandonBreak)
        desk.pass(minutes: 20)
        desk.command(.startBreak)
        desk.idle(minutes: 10)
        desk.pass(minutes: 15)
        desk.idle(minutes: 14 * 60)
        // Tuesday morning: a pause, reminders, a break asked for and confirmed.
        desk.pass(minutes: 30)
        desk.command(.pause(15 * 60))
        desk.pass(minutes: 15)
        desk.pass(minutes: 52)
        desk.command(.startBreak)
        desk.pass(minutes: 2)
        desk.command(.done)
        desk.pass(minutes: 33)

        let tuesday = Self.monday.adding(days: 1)
        #expect(desk.closedDays.map(\.day) == [Self.monday])
        #expect(desk.today.day == tuesday)
        let report = StatsReport(records: desk.records, query: .lastDays(2, today: tuesday), routineAim: 2...3)
        expectAgreement(report.days[0].stats, desk.closedDays[0])
        expectAgreement(report.days[1].stats, desk.today)
        #expect(report.days[0].breaksTaken == 2)
        #expect(report.days[0].naturalBreaks == 3)
        #expect(report.days[0].partialBreaks == 1)
        // The 33 minutes after the last break show once a row tells them (a reminder, the next break).
        #expect(report.days[1].sittingSeconds == (30 + 52) * 60)
    }
}
