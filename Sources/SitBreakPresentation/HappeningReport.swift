import SitBreakModel

/// How a happening is told: to the journal (event name, message, fields), to `watch`
/// clients and, later, to the history.
public struct HappeningReport: Equatable, Sendable {
    /// The `SITBREAK_EVENT` value; for the kinds the catalog explains, a `JournalEvent`.
    public var event: String
    public var journalEvent: JournalEvent?
    public var message: String
    public var fields: [JournalField: String]

    public init(_ happening: Happening, rules: BreakRules) {
        func whole(_ seconds: Seconds) -> String { String(Int(seconds.rounded(.down))) }
        // People read whole seconds; the fields keep them too.
        func span(_ seconds: Seconds) -> String { TimeSpan.format(seconds.rounded()) }
        switch happening {
        case .reminded(let reminder):
            self.init(.reminder, "Reminder: \(span(reminder.sittingSeconds)) sitting; stand up for \(span(reminder.breakLength))",
                      [.sittingSeconds: whole(reminder.sittingSeconds), .breakSeconds: whole(reminder.breakLength)])
        case .snoozed(_, let seconds):
            self.init(.snoozed, "Snoozed for \(span(seconds))", [.durationSeconds: whole(seconds)])
        case .skipped(let sitting):
            self.init(.skipped, "Break skipped after \(span(sitting)) sitting", [.sittingSeconds: whole(sitting)])
        case .breakStarted(let sitting):
            self.init(.breakStarted, "Break started after \(span(sitting)) sitting", [.sittingSeconds: whole(sitting)])
        case .breakTaken(let lasted, let sitting, let evidence):
            let how = evidence.confirmed ? "confirmed" : "\(evidence.source) saw no input for \(span(evidence.quietSeconds))"
            self.init(.breakTaken, "Break taken (\(span(lasted)), \(how)) after \(span(sitting)) sitting",
                      [.awaySeconds: whole(lasted), .sittingSeconds: whole(sitting), .breakSeconds: whole(rules.length)]
                          .merging(evidence.fields) { $1 })
        case .breakPartial(let lasted):
            self.init(.breakPartial, "Break ended early after \(span(lasted))",
                      [.awaySeconds: whole(lasted), .breakSeconds: whole(rules.length)])
        case .breakAbandoned(let lasted, let sitting):
            self.init(.breakAbandoned, "Break not taken: still working \(span(lasted)) after it began; counted as sitting",
                      [.awaySeconds: whole(lasted), .sittingSeconds: whole(sitting)])
        case .naturalBreak(let away, let reason, let sitting, let evidence):
            self.init(.naturalBreak, "Natural break: \(reason.spokenName) for \(span(away)) after \(span(sitting)) sitting",
                      [.awaySeconds: whole(away), .sittingSeconds: whole(sitting)].merging(evidence.fields) { $1 })
        case .paused(let until):
            self.init(.paused, until == nil ? "Paused until resumed" : "Paused", [:])
        case .resumed(let paused):
            self.init(.resumed, "Resumed after \(span(paused)) paused", [.durationSeconds: whole(paused)])
        case .stoodUp:
            self.init(event: "stood_up", message: "Standing: not counted as sitting")
        case .satDown(let stood):
            self.init(event: "sat_down", message: "Sitting again after \(span(stood)) standing")
        case .wentAway(let reason):
            self.init(event: "away", message: "Away: \(reason.spokenName)")
        case .cameBack(let away):
            self.init(event: "back", message: "Back after \(span(away)) away")
        case .reminderHeld(let because, let sitting):
            self.init(.reminderHeld, "Reminder held: \(because.heldBecause) (\(span(sitting)) sitting)",
                      [.sittingSeconds: whole(sitting), .heldBecause: because.rawValue])
        case .dayEnded(let totals):
            self.init(event: "day_ended",
                      message: "\(totals.day): \(span(totals.sittingSeconds)) sitting, \(counted(totals.breaks, "break")), "
                          + "\(counted(totals.naturalBreaks, "natural break")), \(totals.skipped) skipped, \(totals.snoozed) snoozed")
        }
    }

    private init(_ kind: JournalEvent, _ message: String, _ fields: [JournalField: String]) {
        event = kind.rawValue
        journalEvent = kind
        self.message = message
        self.fields = fields
    }

    private init(event: String, message: String) {
        self.event = event
        journalEvent = nil
        self.message = message
        fields = [:]
    }
}

extension AbsenceReason {
    var spokenName: String {
        switch self {
        case .idle: "no input"
        case .locked: "screen locked"
        case .away: "away"
        case .asleep: "machine asleep"
        case .unobserved: "sitbreak not running"
        }
    }
}

extension BreakEvidence {
    /// The journal fields that say why a break counted.
    var fields: [JournalField: String] {
        [.evidenceSource: source, .quietSeconds: String(Int(quietSeconds.rounded(.down))), .confirmed: confirmed ? "yes" : "no"]
    }
}
