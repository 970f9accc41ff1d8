import SitBreakModel
import Testing

@testable import SitBreakEventLoop

@Suite struct ClocksTests {
    @Test func readingTakesTheThreeClocksInTheirOwnEpochs() {
        let first = ClockReading.now()
        let second = ClockReading.now()
        #expect(first.boot >= first.monotonic)
        #expect(first.wall > 1_700_000_000)
        #expect(abs(first.utcOffset) <= 14 * 3600)
        #expect(second.monotonic >= first.monotonic)
        #expect(second.boot >= first.boot)
    }

    @Test func momentCarriesBootWallAndOffset() {
        let reading = ClockReading(boot: 100, monotonic: 90, wall: 1_800_000_000, utcOffset: 3600)
        #expect(reading.moment() == Moment(boot: 100, wall: 1_800_000_000, utcOffset: 3600))
        #expect(reading.suspendedSinceBoot == 10)
    }

    @Test func bootIDIsTheKernelsUUID() throws {
        let id = try #require(ClockReading.bootID())
        #expect(id.count == 36)
        #expect(id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(ClockReading.bootID() == id)
    }
}

@Suite struct SleepDetectorTests {
    /// A reading `awake` seconds of monotonic time and `asleep` seconds of suspend after `base`.
    func reading(after base: ClockReading, awake: Seconds, asleep: Seconds = 0) -> ClockReading {
        ClockReading(
            boot: base.boot + awake + asleep, monotonic: base.monotonic + awake,
            wall: base.wall + awake + asleep, utcOffset: base.utcOffset)
    }

    let start = ClockReading(boot: 1000, monotonic: 900, wall: 1_800_000_000, utcOffset: 0)

    @Test func firstReadingHasNothingToCompareWith() {
        var detector = SleepDetector()
        #expect(detector.observe(start) == nil)
        #expect(detector.previous == start)
    }

    @Test func awakeTimeAloneIsNoSleep() {
        var detector = SleepDetector()
        _ = detector.observe(start)
        #expect(detector.observe(reading(after: start, awake: 600)) == nil)
    }

    @Test func gapGrowthUnderTheThresholdIsNoise() {
        var detector = SleepDetector(threshold: 2)
        _ = detector.observe(start)
        #expect(detector.observe(reading(after: start, awake: 60, asleep: 1.5)) == nil)
    }

    @Test func suspendIsPlacedAfterTheAwakeTimeThatPassed() {
        var detector = SleepDetector()
        _ = detector.observe(start)
        let woke = reading(after: start, awake: 30, asleep: 3600)
        let sleep = detector.observe(woke)
        #expect(sleep == Suspension(asleepAt: 1030, awakeAt: 4630))
        #expect(sleep?.duration == 3600)
    }

    @Test func eachSuspendIsReportedOnceAgainstTheReadingBeforeIt() {
        var detector = SleepDetector()
        _ = detector.observe(start)
        let woke = reading(after: start, awake: 10, asleep: 100)
        #expect(detector.observe(woke) == Suspension(asleepAt: 1010, awakeAt: 1110))
        let later = reading(after: woke, awake: 50)
        #expect(detector.observe(later) == nil)
        let again = reading(after: later, awake: 5, asleep: 20)
        #expect(detector.observe(again) == Suspension(asleepAt: 1165, awakeAt: 1185))
    }
}
