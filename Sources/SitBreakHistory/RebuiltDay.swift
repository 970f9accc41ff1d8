import SitBreakModel

extension DayTotals {
    /// `day`'s totals as the history has them (counted the way `stats` counts), for a daemon
    /// whose state file could not be read: `status` and `stats` then agree.
    public init(rebuiltFrom records: [HistoryRecord], day: LocalDay, startsAtBoot: Seconds?) {
        let stats = StatsReport(records: records, query: .today(day), routineAim: 0...0).total
        self.init(day: day, startsAtBoot: startsAtBoot)
        sittingSeconds = stats.sittingSeconds
        breaks = stats.breaksTaken
        naturalBreaks = stats.naturalBreaks
        partialBreaks = stats.partialBreaks
        abandonedBreaks = stats.abandonedBreaks
        skipped = stats.skipped
        snoozed = stats.snoozed
        reminders = stats.reminders
        longestSitSeconds = stats.longestSitSeconds
    }
}
