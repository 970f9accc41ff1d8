import SitBreakModel
import SitBreakPresentation
import Testing

@testable import SitBreakHistory

@Suite struct HistoryRecordTests {
    let moment = Moment(boot: 5_000, wall: 1_795_000_000, utcOffset: 3_600)
    let rules = BreakRules(sitLimit: 2_700, length: 300, snooze: 600, repeatEvery: 300)

    /// One of each kind of fact the model records.
    var everyHappening: [Happening] {
        var totals = DayTotals(day: LocalDay(year: 2026, month: 11, day: 22))
        totals.sittingSeconds = 18_000
        return [
            .reminded(Reminder(sittingSeconds: 2_700, level: 2, breakLength: 300)),
            .snoozed(until: 5_600, forSeconds: 600),
            .skipped(sittingSeconds: 2_800),
            .breakStarted(sittingSeconds: 2_900),
            .breakTaken(lastedSeconds: 320, sittingSeconds: 2_700, evidence: BreakEvidence(source: "user", quietSeconds: 320, confirmed: true)),
            .breakPartial(lastedSeconds: 90),
            .naturalBreak(awaySeconds: 300, reason: .locked, sittingSeconds: 1_500, evidence: BreakEvidence(source: "locked", quietSeconds: 300, confirmed: false)),
            .paused(until: 6_800),
            .resumed(pausedSeconds: 1_800),
            .stoodUp,
            .satDown(stoodSeconds: 1_200),
            .wentAway(reason: .away),
            .cameBack(awaySeconds: 400),
            .dayEnded(totals),
        ]
    }

    @Test func kindIsTheJournalEventName() {
        for happening in everyHappening {
            let record = HistoryRecord(happening, at: moment, bootID: "boot")
            #expect(record.kind.rawValue == HappeningReport(happening, rules: rules).event)
        }
    }

    @Test func everyRecordKeepsTheMomentAndBoot() {
        for happening in everyHappening {
            let record = HistoryRecord(happening, at: moment, bootID: "0f1e")
            #expect(record.moment == moment)
            #expect(record.bootID == "0f1e")
            #expect(record.localDay == moment.localDay)
        }
    }

    @Test func numbersGoToTheirColumns() {
        let records = everyHappening.map { HistoryRecord($0, at: moment, bootID: "b") }
        let columns = records.map { [$0.sittingSeconds, $0.awaySeconds, $0.durationSeconds] }
        let expected: [[Seconds?]] = [
            [2_700, nil, 300], [nil, nil, 600], [2_800, nil, nil], [2_900, nil, nil], [2_700, 320, nil],
            [nil, 90, nil], [1_500, 300, nil], [nil, nil, 1_800], [nil, nil, 1_800], [nil, nil, nil],
            [nil, nil, 1_200], [nil, nil, nil], [nil, 400, nil], [18_000, nil, nil],
        ]
        #expect(columns == expected)
        #expect(records.map(\.level) == [2] + Array(repeating: nil, count: records.count - 1))
        #expect(
            records.map(\.detail) == [
                "", "", "", "", "confirmed", "", "locked", "", "", "", "", "away", "", "2026-11-22",
            ])
    }

    @Test func openEndedPauseHasNoDuration() {
        #expect(HistoryRecord(.paused(until: nil), at: moment, bootID: "b").durationSeconds == nil)
    }

    @Test func aCountedBreakKeepsItsEvidence() {
        let evidence = BreakEvidence(source: "x11", quietSeconds: 301, confirmed: false)
        let row = HistoryRecord(.breakTaken(lastedSeconds: 320, sittingSeconds: 2_700, evidence: evidence), at: moment, bootID: "b")
        #expect(row.detail == "x11")
        #expect(row.evidence == evidence)
        #expect(HistoryRecord(.skipped(sittingSeconds: 60), at: moment, bootID: "b").evidence == nil)
    }

    @Test func daemonEventsCarryTheirDetail() {
        #expect(HistoryRecord.daemonStarted(version: "0.3.0", at: moment, bootID: "b").detail == "0.3.0")
        #expect(HistoryRecord.daemonStopped(at: moment, bootID: "b").kind == .daemonStopped)
        #expect(HistoryRecord.sourceChanged(to: "gnome", from: "tty", at: moment, bootID: "b").detail == "tty -> gnome")
        let routine = HistoryRecord.routineDone(moves: ["lunge", "bridge"], at: moment, bootID: "b")
        #expect(routine.kind.rawValue == "routine_done")
        #expect(routine.detail == "lunge,bridge")
    }
}
