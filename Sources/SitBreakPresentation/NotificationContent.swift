import SitBreakModel

/// What a desktop notification server offers, as its `GetCapabilities` lists it.
public struct NotificationServerFeatures: Equatable, Sendable {
    public var capabilities: Set<String>

    public init(capabilities: Set<String>) { self.capabilities = capabilities }

    /// The server shows buttons and reports which one was used.
    public var showsActions: Bool { capabilities.contains("actions") }
    /// The server reads the body as markup, so `<`, `>` and `&` in our text must be escaped.
    public var readsBodyMarkup: Bool { capabilities.contains("body-markup") }
    /// The server keeps notifications until they are closed (a message tray, a history).
    public var keepsNotifications: Bool { capabilities.contains("persistence") }
}

/// A button on a reminder. The raw value is the action key sent to and reported by the
/// server; "default" is the freedesktop key for clicking the bubble itself.
public enum NotificationAction: String, CaseIterable, Sendable {
    case startBreak = "default"
    case snooze
    case skip
    case done

    /// The command that does the same from a terminal.
    public var command: String {
        switch self {
        case .startBreak: "sitbreakctl break"
        case .snooze: "sitbreakctl snooze"
        case .skip: "sitbreakctl skip"
        case .done: "sitbreakctl done"
        }
    }
}

public struct NotificationButton: Equatable, Sendable {
    public var action: NotificationAction
    public var label: String

    public init(_ action: NotificationAction, _ label: String) {
        self.action = action
        self.label = label
    }
}

/// Everything a reminder notification says, independent of the transport that carries it.
public struct NotificationContent: Equatable, Sendable {
    public static let appName = "sitbreak"
    /// Names `sitbreak.desktop`, and the icon in the icon theme.
    public static let desktopEntry = "sitbreak"
    /// A vendor category: none of the freedesktop categories means "get up from your desk".
    public static let category = "x-sitbreak.reminder"

    public var summary: String
    /// Ready to send: escaped when the server reads markup.
    public var body: String
    public var buttons: [NotificationButton]
    /// A freedesktop sound name; nil for silence.
    public var soundName: String?
    /// The icon as an icon-theme name or a `file://` URI (the installed file, where found).
    public var appIcon = NotificationContent.desktopEntry
    /// The suggested move's figure as a `file://` URI (`ReminderText.figure`).
    public var image: String?
    /// Ask the server to keep the notification after a button is used (`resident`), where it
    /// keeps notifications at all (`persistence`): it stays until withdrawn.
    public var resident: Bool

    /// `snooze` labels the snooze button with the configured length; `sound` is
    /// `notify.sound` (empty for none). A server without buttons gets the commands in the body.
    public init(
        _ text: ReminderText, breakInProgress: Bool, snooze: Seconds, sound: String, server: NotificationServerFeatures
    ) {
        let offered: [NotificationButton] = breakInProgress
            ? [NotificationButton(.done, "Done")]
            : [
                NotificationButton(.startBreak, "Start break"),
                NotificationButton(.snooze, "Snooze \(Self.snoozeLength(snooze))"),
                NotificationButton(.skip, "Skip"),
            ]
        var body = text.body
        if !server.showsActions {
            body += "\nFrom a terminal: " + offered.map(\.action.command).joined(separator: " · ")
        }
        summary = text.summary
        self.body = server.readsBodyMarkup ? Self.escapingMarkup(body) : body
        buttons = server.showsActions ? offered : []
        soundName = sound.isEmpty ? nil : sound
        image = text.figure
        resident = server.keepsNotifications
    }

    /// A word about sitbreak itself (its history cannot be saved): no buttons, no sound, and
    /// kept by a server that keeps notifications, as it stays true until it is fixed.
    public init(notice summary: String, body: String, server: NotificationServerFeatures) {
        self.summary = summary
        self.body = server.readsBodyMarkup ? Self.escapingMarkup(body) : body
        buttons = []
        soundName = nil
        resident = false
    }

    /// Whole minutes read as "10 min", as people say it; anything else in the config's own units.
    static func snoozeLength(_ seconds: Seconds) -> String {
        let minutes = seconds / 60
        return minutes >= 1 && minutes == minutes.rounded() ? "\(Int(minutes)) min" : TimeSpan.format(seconds)
    }

    /// The body markup of the Desktop Notifications spec is a small XML subset: these three
    /// characters are the ones it would read as markup.
    static func escapingMarkup(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

/// Why the server says a notification went away (`NotificationClosed`).
public enum NotificationCloseReason: Equatable, Sendable {
    case expired
    case dismissedByUser
    case closedByCall
    case undefined

    /// The spec's reason codes; codes it does not define read as `undefined`.
    public init(code: UInt32) {
        switch code {
        case 1: self = .expired
        case 2: self = .dismissedByUser
        case 3: self = .closedByCall
        default: self = .undefined
        }
    }
}
