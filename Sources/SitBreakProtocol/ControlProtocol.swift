import SitBreakJSON
import SitBreakModel

/// The control socket speaks newline-delimited JSON: one request per line, one reply per
/// request (see docs/control-protocol.md). `watch` then streams `WatchEvent` lines.
public struct ControlRequest: Codable, Equatable, Sendable {
    public var command: Command
    /// For `snooze` and `pause`: how long; absent means the default (snooze) or open-ended (pause).
    public var seconds: Seconds?
    /// For `routine_done` and `moves_done`: the ids of the moves done.
    public var moves: [String]?
    /// For `moves_done`: the user's answer after each guided move, by move id.
    public var ratings: [String: MoveRating]?
    /// For `desktop`: the session's `DISPLAY`, `WAYLAND_DISPLAY`, `XAUTHORITY`, ... as it runs with them.
    public var environment: [String: String]?

    public init(
        _ command: Command, seconds: Seconds? = nil, moves: [String]? = nil, ratings: [String: MoveRating]? = nil,
        environment: [String: String]? = nil
    ) {
        self.command = command
        self.seconds = seconds
        self.moves = moves
        self.ratings = ratings
        self.environment = environment
    }

    /// How long a snooze or a pause may be: shorter is no break from reminders, longer is
    /// what `pause` without a span (until `resume`) is for.
    public static let durationRange: ClosedRange<Seconds> = 1...(7 * 86_400)

    /// Checked once, where a request is read: nothing past it sees a span out of range.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        command = try container.decode(Command.self, forKey: .command)
        seconds = try container.decodeIfPresent(Seconds.self, forKey: .seconds)
        moves = try container.decodeIfPresent([String].self, forKey: .moves)
        ratings = try container.decodeIfPresent([String: MoveRating].self, forKey: .ratings)
        environment = try container.decodeIfPresent([String: String].self, forKey: .environment)
        if let seconds, !Self.durationRange.contains(seconds) {
            throw DecodingError.dataCorrupted(.init(
                codingPath: [CodingKeys.seconds],
                debugDescription: "\(TimeSpan.format(seconds)) is out of range; give 1s to 7d"))
        }
    }

    public enum Command: String, Codable, Sendable, CaseIterable {
        case status, snooze, pause, resume
        case `break`, done, abandon, skip
        case away, back, stand, sit
        case reload, watch, desktop
        case routineDone = "routine_done"
        case movesDone = "moves_done"
        case coach

        /// Whether carrying it out changes anything (a question does not).
        public var changesState: Bool {
            switch self {
            case .status, .watch, .coach: false
            default: true
            }
        }
    }
}

public struct ControlReply: Codable, Equatable, Sendable {
    public var ok: Bool
    public var error: String?
    public var status: StatusReport?
    /// For `coach`: the `[coach]` settings the daemon runs with.
    public var coach: CoachSettings?

    public static func success(_ status: StatusReport?, coach: CoachSettings? = nil) -> ControlReply {
        ControlReply(ok: true, error: nil, status: status, coach: coach)
    }

    public static func failure(_ error: String) -> ControlReply {
        ControlReply(ok: false, error: error, status: nil, coach: nil)
    }
}

/// `status --json`: the model's status plus what the daemon knows about its surroundings.
public struct StatusReport: Codable, Equatable, Sendable {
    public var state: VisibleState
    public var sittingSeconds: Seconds
    public var nextReminderSeconds: Seconds?
    public var overdueReminders: Int
    public var sitLimitSeconds: Seconds
    public var breakLengthSeconds: Seconds
    public var breakElapsedSeconds: Seconds?
    /// `step_away` or `counting_down` while on a break (`SittingStatus.breakPhase`).
    public var breakPhase: BreakPhase?
    /// Quiet still needed for the break in progress to count.
    public var breakRemainingSeconds: Seconds?
    public var pauseRemainingSeconds: Seconds?
    public var activitySources: [String]
    /// Where reminders go right now: "desktop", "terminal" or both.
    public var reminderChannels: [String]
    /// Things the user should know are wrong, each with what to do about it.
    public var problems: [String]
    /// The move suggested for this break: its id in the exercise library and one line about it.
    public var suggestion: Suggestion?
    /// The desktop's do-not-disturb setting that holds reminders; nil when none is followed.
    public var doNotDisturb: DoNotDisturb?
    /// Why a due reminder is held back ("in a call", "do not disturb is on"); nil when none is.
    public var reminderHeld: String?
    /// What keeps the user at the desk without input or holds reminders now: `call`,
    /// `presentation`, `fullscreen`, `idle_inhibited`. nil from a daemon older than these.
    public var engaged: [String]?
    /// Which of those signals the daemon can see here, and from where (for `doctor`).
    public var engagementSignals: [String]?
    /// Events applied but not yet in the history (the disk is full); nil from an older daemon.
    public var unsavedEvents: Int?
    /// The panel icon: "shown in the panel (...)", "no panel hosts tray icons here ...",
    /// "hidden ..."; nil from a daemon older than the tray.
    public var tray: String?
    public var today: TodayReport

    /// "on break, 3:12 left" (see `BreakPhase.text`); nil when not on a break.
    public var breakProgressText: String? {
        guard state == .break, let breakPhase else { return nil }
        return breakPhase.text(remaining: breakRemainingSeconds)
    }

    public struct DoNotDisturb: Codable, Equatable, Sendable {
        /// Which setting is followed, e.g. "GNOME's notification banners switch (dconf show-banners)".
        public var watched: String
        public var on: Bool
        public init(watched: String, on: Bool) {
            self.watched = watched
            self.on = on
        }
    }

    public struct Suggestion: Codable, Equatable, Sendable {
        /// The main move.
        public var id: String
        public var line: String
        /// Every move in order, a warm-up before the main move; nil from an older daemon.
        public var moves: [String]?
        public init(id: String, line: String, moves: [String]) {
            self.id = id
            self.line = line
            self.moves = moves
        }
    }

    public init(
        _ status: SittingStatus, activitySources: [String], reminderChannels: [String], problems: [String],
        suggestion: Suggestion? = nil, doNotDisturb: DoNotDisturb? = nil, reminderHeld: String? = nil,
        engagementSignals: [String] = [], unsavedEvents: Int? = nil, tray: String? = nil
    ) {
        state = status.state
        sittingSeconds = status.sittingSeconds.rounded(.down)
        nextReminderSeconds = status.nextReminderSeconds?.rounded(.up)
        overdueReminders = status.overdueReminders
        sitLimitSeconds = status.sitLimitSeconds
        breakLengthSeconds = status.breakLengthSeconds
        breakElapsedSeconds = status.breakElapsedSeconds?.rounded(.down)
        breakPhase = status.breakPhase
        breakRemainingSeconds = status.breakRemainingSeconds?.rounded(.up)
        pauseRemainingSeconds = status.pauseRemainingSeconds?.rounded(.up)
        self.activitySources = activitySources
        self.reminderChannels = reminderChannels
        self.problems = problems
        self.suggestion = suggestion
        self.doNotDisturb = doNotDisturb
        // A call or a presentation holds it in the model; do-not-disturb on the desktop only.
        self.reminderHeld = status.reminderHeldFor?.heldBecause ?? reminderHeld
        engaged = status.engaged.map(\.rawValue)
        self.engagementSignals = engagementSignals
        self.unsavedEvents = unsavedEvents
        self.tray = tray
        today = TodayReport(status.today)
    }

    // Spelled out so absent values are written as null: scripts can rely on every key.
    enum CodingKeys: String, CodingKey {
        case state, sittingSeconds, nextReminderSeconds, overdueReminders, sitLimitSeconds
        case breakLengthSeconds, breakElapsedSeconds, breakPhase, breakRemainingSeconds, pauseRemainingSeconds, activitySources
        case reminderChannels, problems, suggestion, doNotDisturb, reminderHeld, engaged, engagementSignals
        case unsavedEvents, tray, today
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
        try container.encode(sittingSeconds, forKey: .sittingSeconds)
        try container.encode(nextReminderSeconds, forKey: .nextReminderSeconds)
        try container.encode(overdueReminders, forKey: .overdueReminders)
        try container.encode(sitLimitSeconds, forKey: .sitLimitSeconds)
        try container.encode(breakLengthSeconds, forKey: .breakLengthSeconds)
        try container.encode(breakElapsedSeconds, forKey: .breakElapsedSeconds)
        try container.encode(breakPhase, forKey: .breakPhase)
        try container.encode(breakRemainingSeconds, forKey: .breakRemainingSeconds)
        try container.encode(pauseRemainingSeconds, forKey: .pauseRemainingSeconds)
        try container.encode(activitySources, forKey: .activitySources)
        try container.encode(reminderChannels, forKey: .reminderChannels)
        try container.encode(problems, forKey: .problems)
        try container.encode(suggestion, forKey: .suggestion)
        try container.encode(doNotDisturb, forKey: .doNotDisturb)
        try container.encode(reminderHeld, forKey: .reminderHeld)
        try container.encode(engaged, forKey: .engaged)
        try container.encode(engagementSignals, forKey: .engagementSignals)
        try container.encode(unsavedEvents, forKey: .unsavedEvents)
        try container.encode(tray, forKey: .tray)
        try container.encode(today, forKey: .today)
    }
}

public struct TodayReport: Codable, Equatable, Sendable {
    public var date: String
    public var sittingSeconds: Seconds
    public var breaks: Int
    public var naturalBreaks: Int
    public var partialBreaks: Int
    /// Started breaks worked through (`break.grace`); nil from a daemon older than the count.
    public var abandonedBreaks: Int?
    public var skipped: Int
    public var snoozed: Int
    public var reminders: Int
    public var longestSitSeconds: Seconds

    public init(_ totals: DayTotals) {
        date = totals.day.description
        sittingSeconds = totals.sittingSeconds.rounded(.down)
        breaks = totals.breaks
        naturalBreaks = totals.naturalBreaks
        partialBreaks = totals.partialBreaks
        abandonedBreaks = totals.abandonedBreaks
        skipped = totals.skipped
        snoozed = totals.snoozed
        reminders = totals.reminders
        longestSitSeconds = totals.longestSitSeconds.rounded(.down)
    }
}

/// One line of the `watch` stream.
public struct WatchEvent: Codable, Equatable, Sendable {
    /// The journal's event name (`reminder`, `snoozed`, `natural_break`, ...) or `status`.
    public var event: String
    /// What a person reads.
    public var message: String
    public var status: StatusReport

    public init(event: String, message: String, status: StatusReport) {
        self.event = event
        self.message = message
        self.status = status
    }
}

/// JSON in the protocol's spelling: snake_case keys, one line per value.
public enum ControlCodec {
    public static func encodeLine<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder(keyStrategy: .convertToSnakeCase, options: .sortedKeys)
        // Encoding our own plain types cannot fail; a failure would be a programming error.
        guard let line = try? encoder.encode(value) else {
            preconditionFailure("cannot encode \(Value.self) as JSON")
        }
        return line
    }

    /// Every number sitbreak writes is seconds or a count, and even a wall-clock instant is
    /// below this: a larger one comes from a damaged or hostile file, and arithmetic on it
    /// could trap.
    public static let numberLimit: Double = 1e12

    public static func decode<Value: Decodable>(_ type: Value.Type, from line: String) throws(ControlProtocolError) -> Value {
        let document: JSONValue
        do {
            document = try JSONParser.parse(line)
        } catch {
            throw ControlProtocolError(message: "not valid JSON: \(error.description)")
        }
        if let (path, number) = firstNumberOutOfRange(in: document, at: "") {
            throw ControlProtocolError(message: "\(path.isEmpty ? "value" : path): \(number) is out of range")
        }
        let decoder = JSONDecoder(keyStrategy: .convertFromSnakeCase)
        do {
            return try decoder.decode(type, from: document)
        } catch let DecodingError.dataCorrupted(context) {
            throw ControlProtocolError(describing: context, fallback: nil)
        } catch let DecodingError.keyNotFound(key, _) {
            throw ControlProtocolError(message: "missing field \"\(key.stringValue.snakeCased)\"")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ControlProtocolError(describing: context, fallback: "wrong type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw ControlProtocolError(describing: context, fallback: "missing value")
        } catch {
            throw ControlProtocolError(message: "not valid JSON")
        }
    }

    private static func firstNumberOutOfRange(in value: JSONValue, at path: String) -> (String, JSONNumber)? {
        switch value {
        case .number(let number):
            // A number too long to read as a Double is out of range too.
            guard let magnitude = number.floatingPoint(as: Double.self)?.magnitude, magnitude <= numberLimit else {
                return (path, number)
            }
            return nil
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                if let found = firstNumberOutOfRange(in: element, at: "\(path)[\(index)]") { return found }
            }
            return nil
        case .object(let members):
            for member in members {
                let memberPath = path.isEmpty ? member.key : "\(path).\(member.key)"
                if let found = firstNumberOutOfRange(in: member.value, at: memberPath) { return found }
            }
            return nil
        case .null, .bool, .string:
            return nil
        }
    }
}

public struct ControlProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) { self.message = message }

    init(describing context: DecodingError.Context, fallback: String?) {
        let path = context.codingPath.map(\.stringValue.snakeCased).joined(separator: ".")
        if path == "command" {
            let known = ControlRequest.Command.allCases.map(\.rawValue).joined(separator: ", ")
            message = "unknown command; known commands: \(known)"
        } else {
            // Without a fallback the context says what is wrong: a value refused once read.
            let problem = fallback ?? context.debugDescription
            message = path.isEmpty ? problem : "\(path): \(problem)"
        }
    }
}

extension String {
    var snakeCased: String {
        var result = ""
        for character in self {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
