import SitBreakModel

/// One row of the history: an event, when it happened, and the numbers that describe it.
public struct HistoryRecord: Equatable, Sendable, Codable {
    public var kind: HistoryKind
    /// Wall time and offset for the calendar; boot seconds for ordering within `bootID`.
    public var moment: Moment
    /// `/proc/sys/kernel/random/boot_id`: boot-clock seconds compare only within one boot.
    public var bootID: String
    /// The sitting stretch at the event: so far (reminder, skip, break start) or in full when
    /// the event ends it (natural break).
    public var sittingSeconds: Seconds?
    /// Time away from the desk: a break's length, an absence that became a natural break.
    public var awaySeconds: Seconds?
    /// A span the event set or closed: snooze, pause, stand, the break length a reminder asks.
    public var durationSeconds: Seconds?
    /// A reminder's urgency level: 1 for the first of an overdue run, then 2, 3, ...
    public var level: Int?
    /// A short word or list: an absence reason, a version, moves done.
    public var detail: String
    /// Why a counted break (taken or natural) counted.
    public var evidence: BreakEvidence?

    public init(
        kind: HistoryKind, moment: Moment, bootID: String, sittingSeconds: Seconds? = nil,
        awaySeconds: Seconds? = nil, durationSeconds: Seconds? = nil, level: Int? = nil, detail: String = "",
        evidence: BreakEvidence? = nil
    ) {
        self.kind = kind
        self.moment = moment
        self.bootID = bootID
        self.sittingSeconds = sittingSeconds
        self.awaySeconds = awaySeconds
        self.durationSeconds = durationSeconds
        self.level = level
        self.detail = detail
        self.evidence = evidence
    }

    public var localDay: LocalDay { moment.localDay }

    /// The row for a fact the sitting model recorded (`Effect.record`) at `moment`.
    public init(_ happening: Happening, at moment: Moment, bootID: String) {
        self.init(kind: .reminder, moment: moment, bootID: bootID, evidence: happening.evidence)
        switch happening {
        case .reminded(let reminder):
            sittingSeconds = reminder.sittingSeconds
            durationSeconds = reminder.breakLength
            level = reminder.level
        case .snoozed(_, let seconds):
            kind = .snoozed
            durationSeconds = seconds
        case .skipped(let sitting):
            kind = .skipped
            sittingSeconds = sitting
        case .breakStarted(let sitting):
            kind = .breakStarted
            sittingSeconds = sitting
        case .breakTaken(let lasted, let sitting, let evidence):
            kind = .breakTaken
            awaySeconds = lasted
            sittingSeconds = sitting
            detail = evidence.confirmed ? "confirmed" : evidence.source
        case .breakAbandoned(let lasted, let sitting):
            kind = .breakAbandoned
            awaySeconds = lasted
            sittingSeconds = sitting
        case .breakPartial(let lasted):
            kind = .breakPartial
            awaySeconds = lasted
        case .naturalBreak(let away, let reason, let sitting, _):
            kind = .naturalBreak
            awaySeconds = away
            sittingSeconds = sitting
            detail = reason.rawValue
        case .paused(let until):
            kind = .paused
            durationSeconds = until.map { $0 - moment.boot }
        case .resumed(let paused):
            kind = .resumed
            durationSeconds = paused
        case .stoodUp:
            kind = .stoodUp
        case .satDown(let stood):
            kind = .satDown
            durationSeconds = stood
        case .wentAway(let reason):
            kind = .away
            detail = reason.rawValue
        case .cameBack(let away):
            kind = .back
            awaySeconds = away
        case .reminderHeld(let because, let sitting):
            kind = .reminderHeld
            sittingSeconds = sitting
            detail = because.rawValue
        case .dayEnded(let totals):
            kind = .dayEnded
            sittingSeconds = totals.sittingSeconds
            detail = totals.day.description
        }
    }

    /// sitbreakd began watching; `version` is sitbreak's.
    public static func daemonStarted(version: String, at moment: Moment, bootID: String) -> HistoryRecord {
        HistoryRecord(kind: .daemonStarted, moment: moment, bootID: bootID, detail: version)
    }

    public static func daemonStopped(at moment: Moment, bootID: String) -> HistoryRecord {
        HistoryRecord(kind: .daemonStopped, moment: moment, bootID: bootID)
    }

    /// The activity sources changed; names comma-separated as in the journal's `SITBREAK_SOURCE`.
    public static func sourceChanged(to sources: String, from previous: String, at moment: Moment, bootID: String)
        -> HistoryRecord
    {
        HistoryRecord(kind: .sourceChanged, moment: moment, bootID: bootID, detail: "\(previous) -> \(sources)")
    }

    /// A mobility routine was done (`sitbreakctl routine` finished), with the ids of its moves.
    public static func routineDone(moves: [String], at moment: Moment, bootID: String) -> HistoryRecord {
        HistoryRecord(kind: .routineDone, moment: moment, bootID: bootID, detail: moves.joined(separator: ","))
    }
}
