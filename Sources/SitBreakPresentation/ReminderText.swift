import SitBreakModel

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
