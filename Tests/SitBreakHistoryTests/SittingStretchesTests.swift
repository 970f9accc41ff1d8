import SitBreakModel
import Testing

@testable import SitBreakHistory

@Suite struct SittingStretchesTests {
    static let day = LocalDay(year: 2026, month: 11, day: 24)

    /// The sits of `records` that ended in a break, then the one in progress.
    static func all(_ records: [HistoryRecord]) -> [SittingStretch] {
        var stretches = SittingStretches()
        let ended = records.compactMap { stretches.add($0) }
        return ended + (stretches.inProgress.map { [$0] } ?? [])
    }

    /// Local clock seconds at `hour` (fractional) on `day`, plus `days`.
    func clock(_ hour: Seconds, days: Int = 0) -> Seconds {
        Self.day.adding(days: days).startLocalSeconds + hour * 3_600
    }

    func row(_ happening: Happening, _ hour: Seconds, days: Int = 0) -> HistoryRecord {
        let local = clock(hour, days: days)
        return HistoryRecord(happening, at: Moment(boot: local, wall: local - 7_200, utcOffset: 7_200), bootID: "b")
    }

    func reminder(_ minutes: Seconds, _ hour: Seconds) -> HistoryRecord {
        row(.reminded(Reminder(sittingSeconds: minutes * 60, level: 1, breakLength: 300)), hour)
    }

    @Test func aSitEndedBySleepStaysWhereItWasNotWhereTheMachineWoke() {
        let stretches = Self.all([
            row(.cameBack(awaySeconds: 600), 17 + 20 / 60),
            row(.naturalBreak(awaySeconds: 300, reason: .asleep, sittingSeconds: 40 * 60, evidence: BreakEvidence(source: "asleep", quietSeconds: 300, confirmed: false)), 9, days: 1),
        ])
        #expect(stretches == [SittingStretch(start: clock(17 + 20 / 60), seconds: 40 * 60, endedByBreak: true)])
    }

    @Test func aPauseInsideASitKeepsTheStartWhereSittingResumed() {
        let stretches = Self.all([
            row(.cameBack(awaySeconds: 600), 9),
            row(.paused(until: nil), 9 + 20 / 60),
            row(.resumed(pausedSeconds: 600), 9.5),
            reminder(45, 9 + 55 / 60),
        ])
        #expect(stretches == [SittingStretch(start: clock(9), seconds: 45 * 60, endedByBreak: false)])
    }

    @Test func aShortAbsenceInsideASitStartsNothing() {
        let stretches = Self.all([
            row(.cameBack(awaySeconds: 600), 9),
            reminder(45, 9.75),
            row(.wentAway(reason: .away), 9 + 50 / 60),
            row(.cameBack(awaySeconds: 120), 9 + 52 / 60),
            row(.breakStarted(sittingSeconds: 58 * 60), 10),
        ])
        #expect(stretches == [SittingStretch(start: clock(9), seconds: 58 * 60, endedByBreak: false)])
    }

    @Test func aBreakTakenEndsTheSitWhereTheBreakBeganWithTheLengthItStartedWith() {
        let stretches = Self.all([
            row(.breakStarted(sittingSeconds: 50 * 60), 10),
            row(.breakTaken(lastedSeconds: 300, sittingSeconds: 50 * 60, evidence: BreakEvidence(source: "clock", quietSeconds: 300, confirmed: false)), 10 + 5 / 60),
        ])
        #expect(stretches == [SittingStretch(start: clock(9 + 10 / 60), seconds: 50 * 60, endedByBreak: true)])
    }

    @Test func aBreakWithNoSittingKnownRecordsNoSit() {
        let stretches = Self.all([
            row(.cameBack(awaySeconds: 600), 9),
            row(.breakTaken(lastedSeconds: 0, sittingSeconds: 0, evidence: BreakEvidence(source: "user", quietSeconds: 0, confirmed: true)), 9 + 20 / 60),
        ])
        #expect(stretches.isEmpty)
    }

    @Test func theRowsBoundTheStartWhenAResumptionCameLate() {
        // The daemon restarted mid-sit before any row told the sit's length.
        let stretches = Self.all([
            row(.breakTaken(lastedSeconds: 0, sittingSeconds: 0, evidence: BreakEvidence(source: "user", quietSeconds: 0, confirmed: true)), 8),
            HistoryRecord.daemonStarted(version: "0.3.0", at: row(.stoodUp, 9.5).moment, bootID: "b"),
            reminder(45, 9.75),
        ])
        #expect(stretches == [SittingStretch(start: clock(9), seconds: 45 * 60, endedByBreak: false)])
    }

    @Test func eachBreakStartsTheNextSitAfresh() {
        let stretches = Self.all([
            row(.cameBack(awaySeconds: 600), 9),
            row(.naturalBreak(awaySeconds: 300, reason: .idle, sittingSeconds: 30 * 60, evidence: BreakEvidence(source: "idle", quietSeconds: 300, confirmed: false)), 9.5 + 5 / 60),
            row(.cameBack(awaySeconds: 900), 9.75),
            reminder(45, 10.5),
        ])
        #expect(
            stretches == [
                SittingStretch(start: clock(9), seconds: 30 * 60, endedByBreak: true),
                SittingStretch(start: clock(9.75), seconds: 45 * 60, endedByBreak: false),
            ])
    }

    @Test func overlapCountsTheSharedPart() {
        #expect(overlap(10, 20, with: 15, 30) == 5)
        #expect(overlap(10, 20, with: 20, 30) == 0)
        #expect(overlap(10, 20, with: 0, 100) == 10)
    }
}
