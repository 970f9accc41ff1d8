
/// The sitting model: how long the user has sat, when to remind them, what counts as a break.
///
/// `step` is a pure function of (state, event, now, settings) returning the new state and the
/// effects for the shell to perform. `nextDeadline` says when the shell must step again with
/// `.timer` if nothing else happens first: the daemon sleeps until then.
public enum SittingModel {
    public static func step(
        _ state: SittingState, _ event: SittingEvent, at now: Moment, settings: Settings
    ) -> (state: SittingState, effects: [Effect]) {
        var transition = Transition(state: state, now: now, rules: settings.breaks, holdDuring: settings.notify.holdDuring)
        switch event {
        case .slept, .unobserved:
            // The absence is placed first, so a night asleep is not counted as sitting to midnight.
            transition.resolveDeadlines(upTo: resolutionHorizon(for: event, now: now.boot))
            transition.apply(event)
            transition.rollOverDay()
        default:
            transition.rollOverDay()
            transition.resolveDeadlines(upTo: resolutionHorizon(for: event, now: now.boot))
            transition.apply(event)
        }
        transition.resolveDeadlines(upTo: now.boot)
        transition.remindIfDue(schedule: settings.schedule)
        return (transition.state, transition.effects)
    }

    /// The next instant (boot clock) at which a `.timer` step can change anything; nil when
    /// nothing will happen until the next event.
    public static func nextDeadline(_ state: SittingState, at now: Moment, settings: Settings) -> Seconds? {
        let candidates = [
            reminderDeadline(state, at: now, settings: settings),
            pendingResolution(state, rules: settings.breaks)?.instant,
            heldReminderCheck(state, at: now),
            callCheckWhileIdle(state, at: now, rules: settings.breaks),
        ]
        return candidates.compactMap { $0 }.min()
    }

    /// How often a signal that announces no end (a call is seen in `/proc` only when asked) is
    /// looked at again while it decides something: a held reminder comes, or an idle spell the
    /// call kept from being an absence starts, at most this long after the call ends.
    public static let lookAgainEvery: Seconds = 60
    /// The pause between the end of a call or presentation and the reminder that waited.
    public static let afterHoldPause: Seconds = 10

    static func heldReminderCheck(_ state: SittingState, at now: Moment) -> Seconds? {
        guard let held = state.heldReminder else { return nil }
        return nextLook(from: held.since, at: now)
    }

    /// No input during a call is no absence; but a call that ends while nobody types announces
    /// nothing. From `length` into the idle spell (when it would have been a break) the call is
    /// looked at each `lookAgainEvery`, so a user who hangs up and walks away is seen gone.
    static func callCheckWhileIdle(_ state: SittingState, at now: Moment, rules: BreakRules) -> Seconds? {
        guard state.engaged.contains(.call), state.pause == nil, state.breakInProgress == nil,
            case .absent(let since, .idle, false) = state.presence
        else { return nil }
        let first = since + rules.length
        return now.boot < first ? first : nextLook(from: first, at: now)
    }

    /// The first of the looks `lookAgainEvery` apart from `start` that is after `now`.
    private static func nextLook(from start: Seconds, at now: Moment) -> Seconds {
        start + (((now.boot - start) / lookAgainEvery).rounded(.down) + 1) * lookAgainEvery
    }

    /// Stepping `event` at `now` would fire or hold a reminder, count an absence as a natural
    /// break, or give a held reminder its look: the shell reads the signals that answer only
    /// when asked (a call, in `/proc`) before it, and at no other time.
    public static func decides(_ state: SittingState, _ event: SittingEvent, at now: Moment, settings: Settings) -> Bool {
        // While a reminder is held, or a call keeps an idle user sitting, the timer wakes the
        // daemon only for the looks at what holds it.
        if event == .timer, state.heldReminder != nil || callCheckWhileIdle(state, at: now, rules: settings.breaks) != nil {
            return true
        }
        return step(state, event, at: now, settings: settings).effects.contains { effect in
            switch effect {
            case .remind, .record(.reminderHeld), .record(.naturalBreak): true
            default: false
            }
        }
    }

    /// The state as it stands at `now`, with every deadline up to `now` applied: what `status`
    /// shows, without waiting for the timer to fire.
    public static func settled(_ state: SittingState, at now: Moment, settings: Settings) -> SittingState {
        var transition = Transition(state: state, now: now, rules: settings.breaks, holdDuring: settings.notify.holdDuring)
        transition.rollOverDay()
        transition.resolveDeadlines(upTo: now.boot)
        return transition.state
    }

    /// When the next reminder will fire if the user keeps sitting, honouring active hours.
    static func reminderDeadline(_ state: SittingState, at now: Moment, settings: Settings) -> Seconds? {
        guard state.mayRemind, state.heldReminder == nil, let due = state.reminderDue(rules: settings.breaks) else {
            return nil
        }
        let dueMoment = max(due, now.boot)
        let dueLocal = now.localSeconds + (dueMoment - now.boot)
        guard let activeLocal = settings.schedule.nextActiveLocalSeconds(from: dueLocal) else { return nil }
        return now.bootInstant(atLocalSeconds: activeLocal)
    }

    /// Facts about input are resolved at their own instant, so a deadline that fell before a
    /// late-delivered input is not applied after it.
    private static func resolutionHorizon(for event: SittingEvent, now: Seconds) -> Seconds {
        switch event {
        case .input(let at), .unlocked(let at): return min(at, now)
        case .slept(let from, _), .unobserved(let from, _): return min(from, now)
        default: return now
        }
    }

    enum Resolution {
        case pauseEnds, breakCheck, naturalBreak
    }

    /// How long an unanswered `checkQuiet` is waited for before the sources are asked again.
    static let askAgainAfter: Seconds = 30

    /// When a break in progress is next looked at: every `break.blip` until the user has
    /// stepped away from the input, so `status` can say "step away" or "3:12 left" truly; where
    /// its countdown ends if no input comes; and, from `break.grace` after its start, every
    /// `grace`, to see whether the user is still working. The clock only says when to look;
    /// what is found decides.
    static func breakCheckInstant(_ onBreak: BreakInProgress, rules: BreakRules) -> Seconds {
        if let asked = onBreak.askedAt { return asked + askAgainAfter }
        let lastCheck = onBreak.checkedAt ?? onBreak.startedAt
        let countdownEnds = onBreak.quietSince + rules.length
        let graceEnds = onBreak.startedAt + rules.grace
        let workCheck = lastCheck >= graceEnds ? lastCheck + rules.grace : graceEnds
        let stepAwayCheck = onBreak.awayFromInput == true ? Seconds.infinity : lastCheck + rules.blip
        return min(countdownEnds, workCheck, stepAwayCheck)
    }

    /// The earliest thing that happens by itself with the passing of time.
    static func pendingResolution(_ state: SittingState, rules: BreakRules) -> (instant: Seconds, kind: Resolution)? {
        var pending: [(instant: Seconds, kind: Resolution)] = []
        if let until = state.pause?.until { pending.append((until, .pauseEnds)) }
        if state.pause == nil, let onBreak = state.breakInProgress {
            pending.append((breakCheckInstant(onBreak, rules: rules), .breakCheck))
        }
        if state.pause == nil, state.breakInProgress == nil,
            case .absent(let since, let reason, false) = state.presence, reason != .idle || !state.keptSitting
        {
            pending.append((since + rules.length, .naturalBreak))
        }
        return pending.min { $0.instant < $1.instant }
    }
}

extension SittingState {
    /// Sitting is counted only while seated, not paused, not on a break and not away for good.
    var shouldCount: Bool {
        guard posture == .seated, pause == nil, breakInProgress == nil else { return false }
        if case .absent(_, _, true) = presence { return false }
        return true
    }

    /// A reminder reaches someone who may be at the desk: not locked out, asleep or gone.
    var mayRemind: Bool {
        guard shouldCount else { return false }
        switch presence {
        case .present, .absent(_, .idle, _): return true
        case .absent: return false
        }
    }

    /// When the plan says the reminder is due, on the boot clock; nil while not counting.
    func reminderDue(rules: BreakRules) -> Seconds? {
        guard let since = stretch.countingSince else { return nil }
        switch plan {
        case .whenSittingReaches(let beyond):
            return since + (rules.sitLimit + beyond - stretch.banked)
        case .at(let instant, _):
            return instant
        }
    }
}

/// One step's worth of changes, collected in place.
struct Transition {
    var state: SittingState
    var effects: [Effect] = []
    let now: Moment
    let rules: BreakRules
    /// `[notify] hold_during`.
    let holdDuring: Set<Engagement>
    /// One question to the sources per step is enough: the answer covers every check in it.
    private var askedSources = false

    init(state: SittingState, now: Moment, rules: BreakRules, holdDuring: Set<Engagement>) {
        self.state = state
        self.now = now
        self.rules = rules
        self.holdDuring = holdDuring
    }

    private mutating func record(_ happening: Happening) { effects.append(.record(happening)) }

    /// The reminder on screen, or one held for a call, no longer applies.
    private mutating func withdrawReminder() {
        state.heldReminder = nil
        state.endedHold = nil
        effects.append(.withdrawReminder)
    }
    private mutating func refuse(_ why: String) { effects.append(.refuse(why)) }

    // MARK: Counting

    /// Where today's midnight lies on the boot clock: as fixed when the day began, else as the
    /// wall clock reads now.
    private var startOfToday: Seconds {
        state.today.startsAtBoot ?? now.bootInstant(atLocalSeconds: state.today.day.startLocalSeconds)
    }

    /// Moves counted time up to `instant` into the stretch and today's total.
    private mutating func bank(until instant: Seconds) {
        guard let since = state.stretch.countingSince, instant > since else { return }
        state.stretch.banked += instant - since
        state.today.sittingSeconds += max(0, instant - max(since, startOfToday))
        state.stretch.countingSince = instant
        noteLongest()
    }

    private mutating func noteLongest() {
        state.today.longestSitSeconds = max(state.today.longestSitSeconds, state.stretch.banked)
    }

    /// Starts or stops the counter to match the rest of the state, at `instant`.
    private mutating func syncCounting(at instant: Seconds) {
        if state.shouldCount {
            if state.stretch.countingSince == nil { state.stretch.countingSince = instant }
        } else if state.stretch.countingSince != nil {
            bank(until: instant)
            state.stretch.countingSince = nil
        }
    }

    /// A break happened: the next stretch starts from zero with a fresh reminder plan.
    private mutating func restartStretch(at instant: Seconds) {
        noteLongest()
        state.stretch = Stretch(banked: 0, countingSince: nil)
        state.plan = .whenSittingReaches(beyondLimit: 0)
        state.remindersInRun = 0
        withdrawReminder()
        syncCounting(at: instant)
    }

    private func sitting(at instant: Seconds) -> Seconds { state.stretch.seconds(at: instant) }

    // MARK: Time passing by itself

    mutating func rollOverDay() {
        let day = now.localDay
        // A wall clock set back into yesterday starts no new day: the totals stay.
        guard day > state.today.day else { return }
        let midnight = now.bootInstant(atLocalSeconds: day.startLocalSeconds)
        if let since = state.stretch.countingSince, since < midnight, midnight <= now.boot {
            bank(until: midnight)
        }
        record(.dayEnded(state.today))
        state.today = DayTotals(day: day, startsAtBoot: min(midnight, now.boot))
        // The stretch carries over midnight: it is still one sit.
        state.today.longestSitSeconds = state.stretch.banked
    }

    mutating func resolveDeadlines(upTo horizon: Seconds) {
        while let next = SittingModel.pendingResolution(state, rules: rules), next.instant <= horizon {
            switch next.kind {
            case .pauseEnds: endPause(at: next.instant)
            case .naturalBreak: naturalBreak(at: next.instant)
            case .breakCheck:
                checkBreak(at: next.instant)
                // Nothing else can fall due during a break: wait for the sources' answer.
                if state.breakInProgress?.askedAt != nil { return }
            }
        }
    }

    /// A break in progress is due for a look. A lock, a suspend or an explicit `away` is
    /// evidence enough by itself; otherwise the input sources are asked when they last saw input.
    private mutating func checkBreak(at instant: Seconds) {
        guard var onBreak = state.breakInProgress else { return }
        if case .absent(let since, let reason, _) = state.presence, reason != .idle {
            let quietFrom = max(onBreak.quietSince, since)
            if instant - quietFrom >= rules.length {
                return takeBreak(
                    at: quietFrom + rules.length,
                    evidence: BreakEvidence(source: reason.rawValue, quietSeconds: instant - quietFrom, confirmed: false))
            }
            onBreak.quietSince = quietFrom
            onBreak.checkedAt = instant
            onBreak.awayFromInput = true
            state.breakInProgress = onBreak
            return
        }
        onBreak.askedAt = instant
        state.breakInProgress = onBreak
        if !askedSources {
            askedSources = true
            effects.append(.checkQuiet)
        }
    }

    /// The sources' answer: input restarts the countdown from itself; quiet for the break
    /// length takes the break; still typing `break.grace` after the start abandons it.
    private mutating func judgeBreak(_ reading: QuietReading) {
        guard var onBreak = state.breakInProgress else { return }
        let t = now.boot
        switch reading {
        case .unknown:
            // Asked again `askAgainAfter` after the question; nothing is decided without an answer.
            if onBreak.askedAt == nil { onBreak.askedAt = t }
            state.breakInProgress = onBreak
        case .noInputSource:
            onBreak.askedAt = nil
            onBreak.checkedAt = t
            onBreak.awayFromInput = true
            state.breakInProgress = onBreak
            if t - onBreak.quietSince >= rules.length {
                takeBreak(
                    at: onBreak.quietSince + rules.length,
                    evidence: BreakEvidence(source: "clock", quietSeconds: t - onBreak.quietSince, confirmed: false))
            }
        case .lastInput(let lastInput, let source):
            onBreak.askedAt = nil
            onBreak.checkedAt = t
            onBreak.quietSince = max(onBreak.quietSince, min(lastInput, t))
            onBreak.awayFromInput = t - lastInput >= rules.blip
            state.breakInProgress = onBreak
            if t - onBreak.quietSince >= rules.length {
                takeBreak(
                    at: onBreak.quietSince + rules.length,
                    evidence: BreakEvidence(source: source, quietSeconds: t - onBreak.quietSince, confirmed: false))
            } else if t >= onBreak.startedAt + rules.grace, t - lastInput < rules.blip {
                abandonBreak(at: t)
            }
        }
    }

    /// The user worked on through the break: it did not happen. The time since it began was
    /// spent at the desk, so it is sitting, and a reminder that was due comes back on its
    /// repeat cadence (a break started early leaves the plan as it was).
    private mutating func abandonBreak(at instant: Seconds) {
        guard let onBreak = state.breakInProgress else { return }
        state.breakInProgress = nil
        state.today.abandonedBreaks += 1
        if state.remindersInRun > 0 { state.plan = .at(instant + rules.repeatEvery, snoozed: false) }
        if state.shouldCount, state.stretch.countingSince == nil { state.stretch.countingSince = onBreak.startedAt }
        syncCounting(at: instant)
        record(.breakAbandoned(lastedSeconds: instant - onBreak.startedAt, sittingSeconds: sitting(at: instant)))
    }

    private mutating func naturalBreak(at instant: Seconds) {
        guard case .absent(let since, let reason, false) = state.presence else { return }
        // The idle time was provisional sitting; a break it became, so none of it counts.
        if let counting = state.stretch.countingSince, counting < since { bank(until: since) }
        let sat = state.stretch.banked
        state.stretch.countingSince = nil
        state.presence = .absent(since: since, reason: reason, resolved: true)
        // A break ends a real sit: an absence straight after start, or after a few seconds at
        // the desk, is only an absence.
        guard sat > 0, sat >= rules.minSit else { return restartStretch(at: instant) }
        state.today.naturalBreaks += 1
        state.lastBreakCountedAt = instant
        let evidenceSource = reason == .idle ? BreakEvidence.idleSource : reason.rawValue
        record(.naturalBreak(
            awaySeconds: instant - since, reason: reason, sittingSeconds: sat,
            evidence: BreakEvidence(source: evidenceSource, quietSeconds: instant - since, confirmed: false)))
        restartStretch(at: instant)
    }

    private mutating func takeBreak(at instant: Seconds, evidence: BreakEvidence) {
        guard let onBreak = state.breakInProgress else { return }
        state.breakInProgress = nil
        state.today.breaks += 1
        state.lastBreakCountedAt = instant
        record(.breakTaken(lastedSeconds: instant - onBreak.startedAt, sittingSeconds: state.stretch.banked, evidence: evidence))
        if case .absent(let since, let reason, _) = state.presence {
            state.presence = .absent(since: since, reason: reason, resolved: true)
        }
        restartStretch(at: instant)
    }

    private mutating func endPause(at instant: Seconds) {
        guard let pause = state.pause else { return }
        state.pause = nil
        let pausedFor = instant - pause.since
        // A pending repeat or snooze keeps the wait it had left when the pause began.
        if case .at(let due, let snoozed) = state.plan { state.plan = .at(due + pausedFor, snoozed: snoozed) }
        record(.resumed(pausedSeconds: pausedFor))
        syncCounting(at: instant)
    }

    // MARK: Events

    mutating func apply(_ event: SittingEvent) {
        switch event {
        case .input(let at): userActive(at: min(at, now.boot), announce: false)
        case .unlocked(let at): userActive(at: min(at, now.boot), announce: false)
        case .idle(let since): userAbsent(since: since, reason: .idle)
        case .locked(let since): userAbsent(since: since, reason: .locked)
        case .slept(let from, let until), .unobserved(let from, let until):
            // What the user said outlasts a suspend or a restart: away stays away until they
            // are back (by input or by `back`), not until the clock resumes.
            if case .absent(_, .away, _) = state.presence { return resolveDeadlines(upTo: until) }
            let reason: AbsenceReason = if case .slept = event { .asleep } else { .unobserved }
            userAbsent(since: from, reason: reason)
            resolveDeadlines(upTo: until)
            userActive(at: until, announce: false)
        case .command(let command): apply(command)
        case .quiet(let reading): judgeBreak(reading)
        case .engaged(let signals): engage(signals)
        case .timer: break
        case .settingsChanged:
            // Overdue under the old limit but not under the new one: wait for the new limit.
            if state.remindersInRun > 0, sitting(at: now.boot) < rules.sitLimit {
                state.plan = .whenSittingReaches(beyondLimit: 0)
                state.remindersInRun = 0
                withdrawReminder()
            }
            // Held for what `hold_during` no longer names: it comes now, with no "Call over".
            if state.heldReminder != nil, state.engaged.isDisjoint(with: holdDuring) {
                releaseHeldReminder(because: nil)
            }
        }
    }

    /// A call or a video keeps the user at the desk without input; when it ends, an idle spell
    /// counts from then. A reminder held for it comes a moment after.
    private mutating func engage(_ signals: Set<Engagement>) {
        let t = now.boot
        let keptSitting = state.keptSitting
        state.engaged = signals
        if keptSitting, !state.keptSitting, case .absent(let since, .idle, false) = state.presence {
            state.presence = .absent(since: max(since, t), reason: .idle, resolved: false)
        }
        if let held = state.heldReminder, signals.isDisjoint(with: holdDuring) {
            releaseHeldReminder(because: held.because)
        }
    }

    /// The held reminder comes a moment from now; `ended` is what was over, for its words.
    private mutating func releaseHeldReminder(because ended: Engagement?) {
        state.heldReminder = nil
        state.endedHold = ended
        state.plan = .at(now.boot + SittingModel.afterHoldPause, snoozed: false)
    }

    private mutating func userActive(at instant: Seconds, announce: Bool) {
        if var onBreak = state.breakInProgress, instant > onBreak.quietSince {
            onBreak.quietSince = instant
            state.breakInProgress = onBreak
        }
        guard case .absent(let since, let reason, let resolved) = state.presence else { return }
        state.presence = .present
        state.endedAbsence = reason == .idle && resolved ? EndedAbsence(since: since, endedAt: instant) : nil
        if announce || resolved || reason == .away {
            record(.cameBack(awaySeconds: max(0, instant - since)))
        }
        syncCounting(at: instant)
    }

    private mutating func userAbsent(since: Seconds, reason: AbsenceReason) {
        let instant = min(since, now.boot)
        switch state.presence {
        case .present:
            if reason == .idle, let ended = state.endedAbsence, isBlip(endedAt: ended.endedAt, idleAgainAt: instant) {
                // The input that seemed to end the absence was a bump of the mouse: it goes on,
                // and the few seconds of it were not sitting.
                state.presence = .absent(since: ended.since, reason: .idle, resolved: true)
                state.stretch.countingSince = nil
                state.endedAbsence = nil
                return
            }
            state.endedAbsence = nil
            state.presence = .absent(since: instant, reason: reason, resolved: false)
        case .absent(let earlier, let oldReason, let resolved):
            // Idle is the weakest fact: a lock or an explicit "away" names the absence better.
            let strongerReason = reason == .idle ? oldReason : reason
            state.presence = .absent(since: min(earlier, instant), reason: strongerReason, resolved: resolved)
        }
        if reason != .idle, reason != .unobserved { record(.wentAway(reason: reason)) }
    }

    /// Input from `endedAt` to `idleAgainAt` that was shorter than `break.blip`, with nothing
    /// counted in between, did not end the absence before it.
    private func isBlip(endedAt: Seconds, idleAgainAt: Seconds) -> Bool {
        idleAgainAt >= endedAt && idleAgainAt - endedAt < rules.blip
            && state.breakInProgress == nil && state.pause == nil && state.stretch.banked == 0
    }

    /// The local clock time ("10:42") at boot instant `instant`, as the wall clock reads now.
    private func clockTime(atBoot instant: Seconds) -> String {
        let intoDay = Int(((now.secondsIntoDay - (now.boot - instant)) / 60).rounded(.down))
        let minutes = ((intoDay % 1_440) + 1_440) % 1_440
        let twoDigits = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(twoDigits(minutes / 60)):\(twoDigits(minutes % 60))"
    }

    private mutating func apply(_ command: UserCommand) {
        let t = now.boot
        switch command {
        case .snooze(let requested):
            let span = requested ?? rules.snooze
            guard span > 0 else { return refuse("a snooze must be longer than zero") }
            if let why = whyNoReminderApplies() { return refuse("nothing to snooze: \(why)") }
            state.plan = .at(t + span, snoozed: true)
            state.today.snoozed += 1
            withdrawReminder()
            record(.snoozed(until: t + span, forSeconds: span))

        case .skip:
            if let why = whyNoReminderApplies() { return refuse("nothing to skip: \(why)") }
            state.plan = .whenSittingReaches(beyondLimit: sitting(at: t))
            state.remindersInRun = 0
            state.today.skipped += 1
            withdrawReminder()
            record(.skipped(sittingSeconds: sitting(at: t)))

        case .pause(let requested):
            if let span = requested, span <= 0 { return refuse("a pause must be longer than zero") }
            if state.breakInProgress != nil {
                return refuse("a break is in progress; finish it (`sitbreakctl done`) before pausing")
            }
            let since = state.pause?.since ?? t
            state.pause = Pause(since: since, until: requested.map { t + $0 })
            syncCounting(at: t)
            withdrawReminder()
            record(.paused(until: state.pause?.until))

        case .resume:
            guard state.pause != nil else { return refuse("sitbreak is not paused") }
            endPause(at: t)

        case .startBreak:
            if state.breakInProgress != nil { return refuse("a break is already in progress") }
            if state.pause != nil { return refuse("sitbreak is paused; `sitbreakctl resume` first") }
            let sat = sitting(at: t)
            state.breakInProgress = BreakInProgress(startedAt: t, quietSince: t)
            syncCounting(at: t)
            withdrawReminder()
            record(.breakStarted(sittingSeconds: sat))

        case .done:
            if state.breakInProgress == nil {
                // A break the user took without telling first: it still ends the sit. One that
                // was already counted, with no real sit since, is not counted twice.
                if state.pause != nil { return refuse("sitbreak is paused; `sitbreakctl resume` first") }
                if let counted = state.lastBreakCountedAt, sitting(at: t) < max(rules.minSit, 1) {
                    return refuse("this break was already counted at \(clockTime(atBoot: counted))")
                }
                state.breakInProgress = BreakInProgress(startedAt: t, quietSince: t)
                syncCounting(at: t)
            }
            let quietFor = t - (state.breakInProgress?.quietSince ?? t)
            takeBreak(at: t, evidence: BreakEvidence(source: "user", quietSeconds: quietFor, confirmed: true))
            state.presence = .present
            syncCounting(at: t)

        case .abandonBreak:
            guard let onBreak = state.breakInProgress else { return refuse("no break is in progress") }
            state.breakInProgress = nil
            state.today.partialBreaks += 1
            state.plan = .at(t + rules.repeatEvery, snoozed: false)
            record(.breakPartial(lastedSeconds: t - onBreak.startedAt))
            syncCounting(at: t)

        case .away:
            userAbsent(since: t, reason: .away)
            syncCounting(at: t)

        case .back:
            guard case .absent = state.presence else { return refuse("you are not marked away") }
            userActive(at: t, announce: true)

        case .stand:
            if case .standing = state.posture { return refuse("you are already standing") }
            state.posture = .standing(since: t)
            syncCounting(at: t)
            withdrawReminder()
            record(.stoodUp)

        case .sit:
            guard case .standing(let since) = state.posture else { return refuse("you are already sitting") }
            state.posture = .seated
            let stood = t - since
            record(.satDown(stoodSeconds: stood))
            if stood >= rules.length, state.stretch.banked > 0, state.stretch.banked >= rules.minSit {
                state.today.naturalBreaks += 1
                state.lastBreakCountedAt = t
                record(.naturalBreak(
                    awaySeconds: stood, reason: .away, sittingSeconds: state.stretch.banked,
                    evidence: BreakEvidence(source: "standing", quietSeconds: stood, confirmed: false)))
                restartStretch(at: t)
            }
            syncCounting(at: t)
        }
    }

    /// Why snoozing or skipping makes no sense right now, if it doesn't.
    private func whyNoReminderApplies() -> String? {
        if state.pause != nil { return "sitbreak is paused" }
        if state.breakInProgress != nil { return "a break is in progress" }
        if case .standing = state.posture { return "you are standing" }
        if case .absent(_, _, true) = state.presence { return "you are away" }
        return nil
    }

    // MARK: Reminders

    mutating func remindIfDue(schedule: Schedule) {
        guard state.mayRemind, state.heldReminder == nil, let due = state.reminderDue(rules: rules), due <= now.boot,
            schedule.isActive(atLocalSeconds: now.localSeconds)
        else { return }
        // Not now: a call, a presentation or a fullscreen video. Held, not dropped: it comes
        // once after, and the run does not rise meanwhile.
        if let reason = state.engaged.intersection(holdDuring).min() {
            state.heldReminder = HeldReminder(since: now.boot, because: reason)
            record(.reminderHeld(because: reason, sittingSeconds: sitting(at: now.boot)))
            return
        }
        state.remindersInRun += 1
        state.today.reminders += 1
        // Repeats keep to the cadence of the due time, so a timer that fires a little late
        // does not push every later repeat back; one long overdue starts a new cadence.
        let onCadence = due + rules.repeatEvery
        state.plan = .at(onCadence > now.boot ? onCadence : now.boot + rules.repeatEvery, snoozed: false)
        let reminder = Reminder(
            sittingSeconds: sitting(at: now.boot), level: state.remindersInRun, breakLength: rules.length,
            afterHold: state.endedHold)
        state.endedHold = nil
        effects.append(.remind(reminder))
        record(.reminded(reminder))
    }
}
