/// What the coach adds to a reminder.
public struct CoachOffer: Equatable, Sendable {
    /// The suggested moves in one line (name, dose, cue); nil when none fits the break.
    public var line: String?
    /// Every suggested move is done on the office chair: the reminder says "move", not "stand up".
    public var seated: Bool
    /// Said with every reminder, e.g. to an injured user: when to see a physiotherapist.
    public var advice: String?
    /// The main move's line figure, as a `file://` URI, for a notification's image.
    public var figure: String?

    public init(line: String?, seated: Bool = false, advice: String? = nil, figure: String? = nil) {
        self.line = line
        self.seated = seated
        self.advice = advice
        self.figure = figure
    }
}

/// The words of a reminder, the same on every channel, and the picture that goes with them.
public struct ReminderText: Equatable, Sendable {
    /// One line: a notification's summary, a terminal message's first line.
    public var summary: String
    /// What to do now: how long to get up for, and the suggested move when there is one.
    public var body: String
    /// The suggested move's figure (`CoachOffer.figure`), for desktops that show images.
    public var figure: String?

    /// Worded for the move: a reminder never says "stand up" and then offers a move done on the chair.
    public init(_ reminder: Reminder, offer: CoachOffer?) {
        let sat = TimeSpan.format(reminder.sittingSeconds.rounded(.down))
        let seated = offer?.seated ?? false
        let action = seated ? "time to move" : "time to stand up"
        let urgent = seated ? "Please take your break now" : "Please get up now"
        // What rises with an overdue run is the wording, never the urgency: a critical
        // notification would pass the user's do-not-disturb.
        switch reminder.level {
        case ...1 where reminder.afterHold != nil:
            summary = "\(reminder.afterHold?.afterwards ?? "") — \(sat) sitting: \(action)"
        case ...1: summary = "\(action.prefix(1).uppercased() + action.dropFirst()) — \(sat) sitting"
        case 2: summary = "\(action.prefix(1).uppercased() + action.dropFirst()) — \(sat) sitting (reminder 2)"
        default: summary = "\(urgent) — \(sat) sitting (reminder \(reminder.level))"
        }
        let length = TimeSpan.format(reminder.breakLength)
        let away = seated ? "Take \(length) away from the keyboard." : "Get up and move for \(length)."
        body = offer?.line.map { "\(away) Try: \($0)" } ?? "\(away) Stand, walk a few steps and open your hips."
        if let advice = offer?.advice { body += " " + advice }
        figure = offer?.figure
    }

    /// For a terminal: the summary, the body, and how to answer from the command line.
    public var terminalMessage: String {
        "sitbreak: \(summary)\n\(body)\nsitbreakctl break · sitbreakctl snooze · sitbreakctl skip"
    }
}

/// Which activity sources the daemon uses, decided from what the config asks for and what
/// this machine offers. Pure, so `status` and the tests can explain every choice.
public struct ActivitySourceChoice: Equatable, Sendable {
    /// What `auto` reads on a desktop, best first.
    public static let desktopInputSources: [ActivitySourceKind] = [.gnome, .wayland, .x11]

    public var using: [ActivitySourceKind]
    /// Why a requested source is not used, each with what to do about it.
    public var notes: [String]

    /// `unavailable` maps a source to the reason it cannot run here; absent means it can.
    /// `desktopSession` tells whether a graphical session is around (for `auto`): there the
    /// terminals say nothing of the keyboard and mouse, so `tty` would take a user at work for
    /// one away.
    public static func choose(
        requested: [ActivitySourceKind], unavailable: [ActivitySourceKind: String], desktopSession: Bool
    ) -> ActivitySourceChoice {
        if requested == [.auto] {
            // A desktop's own idle monitor needs no display variable: GNOME's is on the session bus.
            let order: [ActivitySourceKind] = desktopSession ? desktopInputSources : desktopInputSources + [.tty]
            if let first = order.first(where: { unavailable[$0] == nil }) {
                return ActivitySourceChoice(using: [first], notes: [])
            }
            let why = order.compactMap { kind in unavailable[kind].map { "\(kind.rawValue): \($0)" } }
            return ActivitySourceChoice(
                using: [.manual],
                notes: why + ["auto: no input source works here, so sitbreak counts sitting until told "
                    + "otherwise (`sitbreakctl away` / `back`)"])
        }
        var using: [ActivitySourceKind] = []
        var notes: [String] = []
        for kind in requested {
            if let why = unavailable[kind] {
                notes.append("\(kind.rawValue): \(why)")
            } else {
                using.append(kind)
            }
        }
        if using.isEmpty {
            using = [.manual]
            notes.append("none of the configured sources works here; using manual until one does")
        }
        return ActivitySourceChoice(using: using, notes: notes)
    }
}
