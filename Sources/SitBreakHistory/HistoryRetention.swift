import SitBreakModel

/// `[history] keep`: how far back events are kept.
public enum HistoryRetention {
    /// The first day kept when `today` keeps `keep` seconds of history: with `keep` = 365
    /// days, today and the 365 days before it. Pass it to `HistoryStore.prune(olderThan:)`.
    public static func oldestKeptDay(today: LocalDay, keep: Seconds) -> LocalDay {
        today.adding(days: -Int((keep / 86_400).rounded(.up)))
    }
}
