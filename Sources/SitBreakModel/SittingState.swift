
/// What the sitting model remembers between events. Plain data, saved to disk as JSON so
/// a restarted daemon carries on exactly where it stopped.
///
/// All instants are CLOCK_BOOTTIME seconds (`Moment.boot`).
public struct SittingState: Equatable, Sendable, Codable {
    public var presence: Presence
    public var posture: Posture
    public var pause: Pause?
    public var breakInProgress: BreakInProgress?
    public var stretch: Stretch
    public var plan: ReminderPlan
    /// Reminders fired in the current overdue run; drives rising urgency.
    public var remindersInRun: Int
    public var today: DayTotals
    /// When the last break (taken or natural) was counted: a `done` right after it is refused.
    public var lastBreakCountedAt: Seconds?
    /// The idle absence the user last came back from, while that return may still be a blip.
    public var endedAbsence: EndedAbsence?
    /// What the desktop and devices say now (a call, a video, a shared screen). Not saved: the
    /// shell reports it again at start, since it may have changed while nobody watched.
    public var engaged: Set<Engagement> = []
    /// A reminder that fell due during a call or a presentation, waiting for it to end.
    public var heldReminder: HeldReminder?
    /// What the last held reminder waited for, until the reminder that follows says so.
    public var endedHold: Engagement?

    /// Everything but `engaged`.
    private enum CodingKeys: String, CodingKey {
        case presence, posture, pause, breakInProgress, stretch, plan, remindersInRun, today, lastBreakCountedAt
        case endedAbsence, heldReminder, endedHold
    }

    /// Input stopping is no absence: the user is watching or listening at the desk.
    var keptSitting: Bool { engaged.contains(where: \.keepsSitting) }

    /// A user who has just started the daemon is taken to be sitting, from `moment` on.
    public static func fresh(at moment: Moment) -> SittingState {
        SittingState(
            presence: .present,
            posture: .seated,
            pause: nil,
            breakInProgress: nil,
            stretch: Stretch(banked: 0, countingSince: moment.boot),
            plan: .whenSittingReaches(beyondLimit: 0),
            remindersInRun: 0,
            today: DayTotals(day: moment.localDay, startsAtBoot: moment.bootInstant(atLocalSeconds: moment.localDay.startLocalSeconds)),
            lastBreakCountedAt: nil,
            endedAbsence: nil,
            heldReminder: nil,
            endedHold: nil
        )
    }
}

/// Whether someone is at the desk, as the activity sources and the user tell it.
public enum Presence: Equatable, Sendable, Codable {
    case present
    /// No input since `since`. Shorter than `break.length` it is still sitting (reading,
    /// thinking); once it reaches `break.length` it is `resolved`: a break happened.
    case absent(since: Seconds, reason: AbsenceReason, resolved: Bool)
}

public enum AbsenceReason: String, Equatable, Sendable, Codable {
    /// The input source saw no keyboard or mouse.
    case idle
    /// The screen is locked.
    case locked
    /// The user said `sitbreakctl away`.
    case away
    /// The machine was suspended.
    case asleep
    /// Nobody watched: the daemon was not running.
    case unobserved
}

public enum Posture: Equatable, Sendable, Codable {
    case seated
    case standing(since: Seconds)
}

public struct Pause: Equatable, Sendable, Codable {
    public var since: Seconds
    /// nil: until `sitbreakctl resume`.
    public var until: Seconds?
}

public struct BreakInProgress: Equatable, Sendable, Codable {
    public var startedAt: Seconds
    /// The last time input was seen during the break (the break start itself counts).
    public var quietSince: Seconds
    /// When the input sources were asked (`Effect.checkQuiet`) and have not answered yet.
    public var askedAt: Seconds?
    /// When they last answered.
    public var checkedAt: Seconds?
    /// Their last answer showed no input for at least `break.blip`: the user has stepped away
    /// and the countdown runs. nil (not yet) in a state file from before.
    public var awayFromInput: Bool?

    public init(
        startedAt: Seconds, quietSince: Seconds, askedAt: Seconds? = nil, checkedAt: Seconds? = nil,
        awayFromInput: Bool? = nil
    ) {
        self.startedAt = startedAt
        self.quietSince = quietSince
        self.askedAt = askedAt
        self.checkedAt = checkedAt
        self.awayFromInput = awayFromInput
    }
}

/// An idle absence, already resolved, that input ended at `endedAt`: if the user is idle
/// again within `break.blip` of that, the input was a blip and the absence goes on from `since`.
public struct EndedAbsence: Equatable, Sendable, Codable {
    public var since: Seconds
    public var endedAt: Seconds
}

/// The current stretch of continuous sitting.
///
/// Sitting time is `banked` plus, while counting, the time since `countingSince`. Idle time
/// shorter than a break is counted provisionally and dropped if it grows into a break.
public struct Stretch: Equatable, Sendable, Codable {
    public var banked: Seconds
    /// nil while nothing is counted (paused, standing, on a break, away for good).
    public var countingSince: Seconds?

    public func seconds(at boot: Seconds) -> Seconds {
        guard let since = countingSince else { return banked }
        return banked + max(0, boot - since)
    }
}

/// When the next reminder is due.
public enum ReminderPlan: Equatable, Sendable, Codable {
    /// When the stretch reaches `break.sit_limit + beyondLimit` (non-zero after a skip).
    case whenSittingReaches(beyondLimit: Seconds)
    /// At a fixed instant: a repeat while overdue, or the end of a snooze.
    case at(Seconds, snoozed: Bool)
}

/// Today's totals, for `status` and the journal. A new local day starts them afresh.
public struct DayTotals: Equatable, Sendable, Codable {
    public var day: LocalDay
    /// The day's first instant on the boot clock, fixed when the day began, so that setting
    /// the wall clock later moves no second from one day to another.
    public var startsAtBoot: Seconds?
    public var sittingSeconds: Seconds = 0
    public var breaks: Int = 0
    public var naturalBreaks: Int = 0
    public var partialBreaks: Int = 0
    public var skipped: Int = 0
    public var snoozed: Int = 0
    public var reminders: Int = 0
    public var longestSitSeconds: Seconds = 0
    /// Started breaks the user worked through (`break.grace`).
    public var abandonedBreaks: Int = 0

    public init(day: LocalDay, startsAtBoot: Seconds? = nil) {
        self.day = day
        self.startsAtBoot = startsAtBoot
    }

    private enum CodingKeys: String, CodingKey {
        case day, startsAtBoot, sittingSeconds, breaks, naturalBreaks, partialBreaks, skipped, snoozed, reminders
        case longestSitSeconds, abandonedBreaks
    }

    /// A state file from before a count existed reads that count as zero.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        day = try values.decode(LocalDay.self, forKey: .day)
        startsAtBoot = try values.decodeIfPresent(Seconds.self, forKey: .startsAtBoot)
        sittingSeconds = try values.decode(Seconds.self, forKey: .sittingSeconds)
        breaks = try values.decode(Int.self, forKey: .breaks)
        naturalBreaks = try values.decode(Int.self, forKey: .naturalBreaks)
        partialBreaks = try values.decode(Int.self, forKey: .partialBreaks)
        skipped = try values.decode(Int.self, forKey: .skipped)
        snoozed = try values.decode(Int.self, forKey: .snoozed)
        reminders = try values.decode(Int.self, forKey: .reminders)
        longestSitSeconds = try values.decode(Seconds.self, forKey: .longestSitSeconds)
        abandonedBreaks = try values.decodeIfPresent(Int.self, forKey: .abandonedBreaks) ?? 0
    }
}

extension SittingState {
    /// The same state with every boot-clock instant moved by `offset`.
    public func shifted(by offset: Seconds) -> SittingState {
        guard offset != 0 else { return self }
        var copy = self
        if case .absent(let since, let reason, let resolved) = presence {
            copy.presence = .absent(since: since + offset, reason: reason, resolved: resolved)
        }
        if case .standing(let since) = posture { copy.posture = .standing(since: since + offset) }
        copy.pause = pause.map { Pause(since: $0.since + offset, until: $0.until.map { $0 + offset }) }
        copy.breakInProgress = breakInProgress.map {
            BreakInProgress(
                startedAt: $0.startedAt + offset, quietSince: $0.quietSince + offset,
                askedAt: $0.askedAt.map { $0 + offset }, checkedAt: $0.checkedAt.map { $0 + offset },
                awayFromInput: $0.awayFromInput)
        }
        copy.lastBreakCountedAt = lastBreakCountedAt.map { $0 + offset }
        copy.endedAbsence = endedAbsence.map {
            EndedAbsence(since: $0.since + offset, endedAt: $0.endedAt + offset)
        }
        copy.stretch.countingSince = stretch.countingSince.map { $0 + offset }
        copy.today.startsAtBoot = today.startsAtBoot.map { $0 + offset }
        if case .at(let due, let snoozed) = plan { copy.plan = .at(due + offset, snoozed: snoozed) }
        return copy
    }
}
