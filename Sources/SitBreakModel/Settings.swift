
/// Everything the user can tune, as parsed from `config.toml` (see `config/config.toml`,
/// which documents each key). The defaults are that file: `SitBreakConfig` parses it.
public struct Settings: Equatable, Sendable, Codable {
    public var breaks: BreakRules
    public var activity: ActivitySettings
    public var notify: NotifySettings
    public var schedule: Schedule
    public var coach: CoachSettings
    public var history: HistorySettings
    public var tray: TraySettings

    public init(
        breaks: BreakRules, activity: ActivitySettings, notify: NotifySettings,
        schedule: Schedule, coach: CoachSettings, history: HistorySettings, tray: TraySettings = TraySettings()
    ) {
        self.breaks = breaks
        self.activity = activity
        self.notify = notify
        self.schedule = schedule
        self.coach = coach
        self.history = history
        self.tray = tray
    }
}

/// `[tray]`
public struct TraySettings: Equatable, Sendable, Codable {
    /// Whether sitbreak puts an icon in the panel.
    public enum Show: String, CaseIterable, Sendable, Codable {
        /// When a panel that hosts tray icons (a StatusNotifierWatcher) is there.
        case auto
        /// As `auto`, and a missing host is a problem `status` and `doctor` report.
        case always
        case never
    }

    public var show: Show
    /// The item says `Passive` while paused, and hosts that hide passive items hide it.
    public var passiveWhilePaused: Bool

    public init(show: Show = .auto, passiveWhilePaused: Bool = false) {
        self.show = show
        self.passiveWhilePaused = passiveWhilePaused
    }
}

/// `[history]`
public struct HistorySettings: Equatable, Sendable, Codable {
    /// How long events are kept in the history database.
    public var keep: Seconds
    public init(keep: Seconds) { self.keep = keep }
}

/// `[break]`
public struct BreakRules: Equatable, Sendable, Codable {
    /// Continuous sitting before a reminder.
    public var sitLimit: Seconds
    /// Time away from the desk that counts as a break.
    public var length: Seconds
    /// Default snooze.
    public var snooze: Seconds
    /// How often to remind again while the break is overdue.
    public var repeatEvery: Seconds
    /// How long a started break may still see the user at the keyboard before it is abandoned.
    public var grace: Seconds
    /// The least counted sitting that an absence can end as a natural break.
    public var minSit: Seconds
    /// Input shorter than this that falls back to idle does not end an absence.
    public var blip: Seconds

    /// Left out, `minSit` and `blip` take their defaults (1 min, 10 s), shortened to half of
    /// `sitLimit` and of `length` where those are short (the tests' 5-second sits).
    public init(
        sitLimit: Seconds, length: Seconds, snooze: Seconds, repeatEvery: Seconds,
        grace: Seconds = 120, minSit: Seconds? = nil, blip: Seconds? = nil
    ) {
        self.sitLimit = sitLimit
        self.length = length
        self.snooze = snooze
        self.repeatEvery = repeatEvery
        self.grace = grace
        self.minSit = minSit ?? Self.fitted(60, within: sitLimit)
        self.blip = blip ?? Self.fitted(10, within: length)
    }

    /// A default that must stay below `limit`: at most half of it.
    public static func fitted(_ value: Seconds, within limit: Seconds) -> Seconds {
        min(value, limit / 2)
    }
}

/// Where activity is learned from. `auto` lets the daemon pick what works here.
public enum ActivitySourceKind: String, CaseIterable, Sendable, Codable {
    case auto, manual, tty, gnome, wayland, x11, logind
}

/// `[activity]`
public struct ActivitySettings: Equatable, Sendable, Codable {
    public var sources: [ActivitySourceKind]
    public init(sources: [ActivitySourceKind]) { self.sources = sources }
}

/// How reminders reach the user.
public enum Delivery: String, CaseIterable, Sendable, Codable {
    case auto, desktop, terminal, both
}

/// `[notify]`
public struct NotifySettings: Equatable, Sendable, Codable {
    public var via: Delivery
    /// Hold desktop reminders while the notification server says "do not disturb".
    public var respectDoNotDisturb: Bool
    /// A freedesktop sound name for desktop reminders; empty for none.
    public var sound: String
    /// While any of these is on, a due reminder waits and comes once after it (`Engagement.holdable`).
    public var holdDuring: Set<Engagement>

    public init(via: Delivery, respectDoNotDisturb: Bool, sound: String, holdDuring: Set<Engagement> = Set(Engagement.holdable)) {
        self.via = via
        self.respectDoNotDisturb = respectDoNotDisturb
        self.sound = sound
        self.holdDuring = holdDuring
    }
}

/// `[schedule]`: when reminders may fire. Sitting is counted at all hours.
public struct Schedule: Equatable, Sendable, Codable {
    /// Seconds after local midnight; `end` may be 86 400 ("24:00"). When `end < start`
    /// the range runs over midnight (e.g. 22:00-02:00).
    public var activeFrom: Seconds
    public var activeUntil: Seconds
    public var days: Set<Weekday>

    public init(activeFrom: Seconds, activeUntil: Seconds, days: Set<Weekday>) {
        self.activeFrom = activeFrom
        self.activeUntil = activeUntil
        self.days = days
    }
}

/// Where the user takes breaks, which shapes the moves the coach suggests.
public enum CoachPlace: String, CaseIterable, Sendable, Codable {
    case office, home
}

/// `[coach]`
public struct CoachSettings: Equatable, Sendable, Codable {
    public var place: CoachPlace
    /// Equipment names the user has (see the exercise library), e.g. `["band", "mat"]`.
    public var equipment: [String]
    /// Kinds or places of moves to leave out, e.g. `["floor", "strength"]`.
    public var avoid: [String]
    /// Gentle mobility and walking only (recovering from a strain or living with pain).
    public var injured: Bool

    public init(place: CoachPlace, equipment: [String], avoid: [String], injured: Bool) {
        self.place = place
        self.equipment = equipment
        self.avoid = avoid
        self.injured = injured
    }
}
