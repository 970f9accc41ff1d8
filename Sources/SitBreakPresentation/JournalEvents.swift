
/// What the daemon records in the journal, one kind per entry. The raw value is the
/// `SITBREAK_EVENT` field, so `journalctl --user SITBREAK_EVENT=break_taken` is the break
/// history; `messageID` keys the explanation in `systemd/sitbreak.catalog` (`journalctl -x`).
public enum JournalEvent: String, CaseIterable, Sendable {
    case reminder
    case breakStarted = "break_started"
    case breakTaken = "break_taken"
    case breakPartial = "break_partial"
    case breakAbandoned = "break_abandoned"
    case naturalBreak = "natural_break"
    case reminderHeld = "reminder_held"
    case snoozed
    case skipped
    case paused
    case resumed
    case configReloaded = "config_reloaded"
    case configRejected = "config_rejected"
    case sourceChanged = "source_changed"
    case started
    case stopping

    /// The journal's `MESSAGE_ID`: fixed forever, since saved queries and the catalog use it.
    public var messageID: String {
        switch self {
        case .reminder: "daac2b2bb2e74410b823c0738fe5366b"
        case .breakStarted: "6d197bb7fa7f48d5a9a398b327e20373"
        case .breakTaken: "1b99a20652ef4295aaad3bc2661200a9"
        case .breakPartial: "882c69b6453b47ef9c78bc16741747c8"
        case .breakAbandoned: "3b0d2c6334bf4131930e571599148e72"
        case .naturalBreak: "d6165397c6e349a8b045114cac88f541"
        case .reminderHeld: "7fa56cbd675a4a83b8fb06baa1e3c3a7"
        case .snoozed: "36c6afd82be1438ca508b57104bbd96b"
        case .skipped: "7b6b7a15e1e048ef98770ebea17106da"
        case .paused: "c233b6bfc05a49c9898efed8bf16b0be"
        case .resumed: "d4ff2eea19e84f8fa8d978497ccc6caf"
        case .configReloaded: "3f8e3c793c434a56a792a6e2f5808610"
        case .configRejected: "cede77170ff54234ae0d1d870d2ab168"
        case .sourceChanged: "661fd3e22eba4a34be4234d6cfab012f"
        case .started: "07313ff38e4d45db84e4eb27aef40c94"
        case .stopping: "b8adb7f2296449519883efa0c3b87c7e"
        }
    }

    /// Reminders and the user's answers to them stand out (`journalctl -p notice`);
    /// a rejected config is a warning because the daemon goes on with the old one.
    public var priority: JournalPriority {
        switch self {
        case .reminder, .breakTaken, .skipped, .paused, .resumed, .started: .notice
        case .configRejected: .warning
        case .breakStarted, .breakPartial, .breakAbandoned, .naturalBreak, .reminderHeld, .snoozed, .configReloaded,
            .sourceChanged, .stopping:
            .info
        }
    }

    /// The fields an entry of this kind always carries: the catalog text substitutes them,
    /// and journalctl prints a missing field's bare name in its place.
    public var requiredFields: [JournalField] {
        switch self {
        case .reminder: [.sittingSeconds, .breakSeconds]
        case .breakStarted, .skipped: [.sittingSeconds]
        case .breakTaken: [.awaySeconds, .breakSeconds, .evidenceSource, .quietSeconds, .confirmed]
        case .breakPartial: [.awaySeconds, .breakSeconds]
        case .breakAbandoned: [.awaySeconds, .sittingSeconds]
        case .naturalBreak: [.awaySeconds, .sittingSeconds, .evidenceSource, .quietSeconds, .confirmed]
        case .reminderHeld: [.sittingSeconds, .heldBecause]
        case .snoozed: [.durationSeconds]
        case .paused, .resumed, .stopping: []
        case .configReloaded: [.configPath]
        case .configRejected: [.configPath, .configError]
        case .sourceChanged: [.source, .previousSource]
        case .started: [.version]
        }
    }

    /// The journal fields of one entry: `MESSAGE_ID`, `SITBREAK_EVENT`, then `extra`.
    public func fields(_ extra: [JournalField: String] = [:]) -> [String: String] {
        var fields = ["MESSAGE_ID": messageID, "SITBREAK_EVENT": rawValue]
        for (field, value) in extra { fields[field.rawValue] = value }
        return fields
    }
}

/// syslog priorities as the journal's `PRIORITY` field stores them.
public enum JournalPriority: Int, Sendable {
    case critical = 2
    case error = 3
    case warning = 4
    case notice = 5
    case info = 6
    case debug = 7
}

/// The daemon's own journal fields. The catalog substitutes them (`@SITBREAK_SITTING_SEC@`),
/// so an event that the catalog describes with a field always carries it.
public enum JournalField: String, Sendable {
    /// Continuous sitting, whole seconds.
    case sittingSeconds = "SITBREAK_SITTING_SEC"
    /// Time away from the desk, whole seconds.
    case awaySeconds = "SITBREAK_AWAY_SEC"
    /// The break length that counts as a full break (`[break] length`), whole seconds.
    case breakSeconds = "SITBREAK_BREAK_SEC"
    /// How long a snooze lasts, or a pause lasted, whole seconds.
    case durationSeconds = "SITBREAK_DURATION_SEC"
    /// The exercise suggested with a reminder.
    case exercise = "SITBREAK_EXERCISE"
    /// An activity source (`[activity] sources`), e.g. `gnome`.
    case source = "SITBREAK_SOURCE"
    /// The activity source used before a change.
    case previousSource = "SITBREAK_PREVIOUS_SOURCE"
    /// The config file read.
    case configPath = "SITBREAK_CONFIG_PATH"
    /// Why a config was rejected, `PATH:LINE:COL: key: problem`.
    case configError = "SITBREAK_CONFIG_ERROR"
    /// The sitbreak version.
    case version = "SITBREAK_VERSION"
    /// What saw the user gone for a counted break: an input source, `locked`, `asleep`,
    /// `away`, `standing`, `clock` (no input source) or `user` (`done`).
    case evidenceSource = "SITBREAK_EVIDENCE_SOURCE"
    /// How long that source had seen no input, whole seconds.
    case quietSeconds = "SITBREAK_QUIET_SEC"
    /// `yes` when the user confirmed the break with `done`, else `no`.
    case confirmed = "SITBREAK_CONFIRMED"
    /// What a reminder waits for: `call`, `presentation` or `fullscreen`.
    case heldBecause = "SITBREAK_HELD_BECAUSE"
}
