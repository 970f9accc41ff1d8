import SitBreakBus
import SitBreakModel
import SitBreakProtocol

/// sitbreak's own session-bus interface (docs/dbus-api.md), described once: the
/// introspection, the argument checks and config/io.github.sitbreak.SitBreak1.xml all come
/// from here.
public enum BusAPI {
    public static let name = "io.github.sitbreak.SitBreak1"
    public static let path = "/io/github/sitbreak/SitBreak1"
    /// A command the model refused now ("no reminder to snooze"), with its reason.
    public static let refusedError = "io.github.sitbreak.SitBreak1.Error.Refused"

    public static let interface = BusInterface(
        name: name,
        methods: [
            .init("Snooze", in: [.init("seconds", "u")]),
            .init("StartBreak"), .init("Done"), .init("Skip"),
            .init("Pause", in: [.init("seconds", "u")]),
            .init("Resume"), .init("Stand"), .init("Sit"),
            .init("GetStatus", out: [.init("status_json", "s")]),
        ],
        properties: [
            .init("State", "s"),
            .init("SittingSeconds", "u", announcesChanges: false),
            .init("NextReminderSeconds", "i", announcesChanges: false),
            .init("OverdueReminders", "u"),
            .init("ReminderHeld", "s"),
            .init("BreakPhase", "s"),
            .init("PauseRemainingSeconds", "i", announcesChanges: false),
            .init("TodaySittingSeconds", "u", announcesChanges: false),
            .init("BreaksToday", "u"),
            .init("NaturalBreaksToday", "u"),
            .init("SkippedToday", "u"),
            .init("SnoozedToday", "u"),
            .init("RemindersToday", "u"),
            .init("SuggestedMove", "s"),
            .init("SuggestedMoveText", "s"),
            .init("Problems", "as"),
        ],
        signals: [
            .init("Reminder", [.init("summary", "s"), .init("body", "s"), .init("move", "s")]),
        ])

    /// Every property's value for `status`.
    public static func properties(of status: StatusReport) -> [String: BusValue] {
        func count(_ value: Int) -> BusValue { .uint32(UInt32(clamping: value)) }
        func seconds(_ value: Seconds?) -> BusValue { .int32(value.map { Int32(clamping: Int($0)) } ?? -1) }
        return [
            "State": .string(status.state.rawValue),
            "SittingSeconds": .uint32(UInt32(clamping: Int(status.sittingSeconds))),
            "NextReminderSeconds": seconds(status.nextReminderSeconds),
            "OverdueReminders": count(status.overdueReminders),
            "ReminderHeld": .string(status.reminderHeld ?? ""),
            "BreakPhase": .string(status.breakPhase?.rawValue ?? ""),
            "PauseRemainingSeconds": seconds(status.pauseRemainingSeconds),
            "TodaySittingSeconds": .uint32(UInt32(clamping: Int(status.today.sittingSeconds))),
            "BreaksToday": count(status.today.breaks),
            "NaturalBreaksToday": count(status.today.naturalBreaks),
            "SkippedToday": count(status.today.skipped),
            "SnoozedToday": count(status.today.snoozed),
            "RemindersToday": count(status.today.reminders),
            "SuggestedMove": .string(status.suggestion?.id ?? ""),
            "SuggestedMoveText": .string(status.suggestion?.line ?? ""),
            "Problems": .strings(status.problems),
        ]
    }

    /// The announced properties whose values differ between two statuses: the body of
    /// `PropertiesChanged`. Those that change every second are read, never announced.
    public static func changes(from old: StatusReport, to new: StatusReport) -> [String: BusValue] {
        let before = properties(of: old), after = properties(of: new)
        var changed: [String: BusValue] = [:]
        for property in interface.properties where property.announcesChanges && before[property.name] != after[property.name] {
            changed[property.name] = after[property.name]
        }
        return changed
    }

    /// The model command a method asks for; nil for a method that is not a command. A span
    /// out of range is refused here, where the call is read, in the CLI's words.
    public static func command(_ method: String, arguments: [BusValue]) -> Result<UserCommand, BusMethodError>? {
        func span() -> Result<Seconds?, BusMethodError> {
            guard let given = arguments.first?.uint32Value else { return .failure(.invalidArguments("seconds missing")) }
            if given == 0 { return .success(nil) }
            let seconds = Seconds(given)
            guard ControlRequest.durationRange.contains(seconds) else {
                return .failure(.invalidArguments("\(TimeSpan.format(seconds)) is out of range; give 1s to 7d, or 0"))
            }
            return .success(seconds)
        }
        switch method {
        case "Snooze": return span().map(UserCommand.snooze)
        case "Pause": return span().map(UserCommand.pause)
        case "StartBreak": return .success(.startBreak)
        case "Done": return .success(.done)
        case "Skip": return .success(.skip)
        case "Resume": return .success(.resume)
        case "Stand": return .success(.stand)
        case "Sit": return .success(.sit)
        default: return nil
        }
    }
}
