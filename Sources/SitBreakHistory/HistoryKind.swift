/// What a history row records: the `SITBREAK_EVENT` name the journal uses for the same event.
///
/// A string underneath, so rows of kinds a later sitbreak adds are still read, counted as
/// nothing in particular and exported as they are.
public struct HistoryKind: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static let reminder = HistoryKind(rawValue: "reminder")
    public static let snoozed = HistoryKind(rawValue: "snoozed")
    public static let skipped = HistoryKind(rawValue: "skipped")
    public static let breakStarted = HistoryKind(rawValue: "break_started")
    public static let breakTaken = HistoryKind(rawValue: "break_taken")
    public static let breakPartial = HistoryKind(rawValue: "break_partial")
    public static let breakAbandoned = HistoryKind(rawValue: "break_abandoned")
    public static let naturalBreak = HistoryKind(rawValue: "natural_break")
    public static let reminderHeld = HistoryKind(rawValue: "reminder_held")
    public static let paused = HistoryKind(rawValue: "paused")
    public static let resumed = HistoryKind(rawValue: "resumed")
    public static let stoodUp = HistoryKind(rawValue: "stood_up")
    public static let satDown = HistoryKind(rawValue: "sat_down")
    public static let away = HistoryKind(rawValue: "away")
    public static let back = HistoryKind(rawValue: "back")
    public static let dayEnded = HistoryKind(rawValue: "day_ended")
    public static let sourceChanged = HistoryKind(rawValue: "source_changed")
    public static let daemonStarted = HistoryKind(rawValue: "daemon_started")
    public static let daemonStopped = HistoryKind(rawValue: "daemon_stopped")
    public static let routineDone = HistoryKind(rawValue: "routine_done")
}
