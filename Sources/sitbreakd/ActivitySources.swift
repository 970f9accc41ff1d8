import SitBreakDesktop
import SitBreakEventLoop
import SitBreakFiles
import SitBreakModel
import SitBreakPresence

/// Where the daemon learns whether the user is at the desk. A source that can only be asked
/// (polled) says when it next wants to look; one that is told (a bus signal, an X event)
/// reports through its outlet as things happen.
protocol ActivitySource: AnyObject {
    var kind: ActivitySourceKind { get }
    /// Why the source cannot be used now, with what to do about it; nil when it can.
    var unavailableReason: String? { get }
    /// Boot-clock time of the next look: to poll while started, or to see whether it has come
    /// back while unavailable. nil when it needs none.
    var nextLook: Seconds? { get }
    /// Looks now and returns what changed (only while started; otherwise it may come back).
    func look(at now: Moment) -> [SittingEvent]
    /// Begins reporting from `now`. Never reports from inside this call.
    func start(at now: Moment)
    func stop()
    /// The screen was locked: report the next input even if the user seems active, because
    /// input is what ends a lock that was only asked for. Sources that report every input
    /// anyway do nothing.
    func reportNextInput()
    /// The source's last input as it stands now (a level, where reports are edges), for a
    /// break in progress; `reply` gets nil when the source cannot say. It may answer at once
    /// or later from the loop, never twice.
    func lastInput(at now: Moment, reply: @escaping (Seconds?) -> Void)
}

/// How a source reaches the set it belongs to. Called from the event loop only, never from
/// inside `look`, `start` or `stop` (except `availabilityChanged`, which is deferred).
final class ActivityOutlet {
    var report: (SittingEvent, PresenceReporter) -> Void = { _, _ in }
    var availabilityChanged: () -> Void = {}
    /// A reporter went away: what it said no longer holds.
    var forget: (PresenceReporter) -> Void = { _ in }
    /// The machine is about to sleep: save what must survive it now.
    var beforeSleep: () -> Void = {}
}

/// What the daemon gives the activity sources to reach it.
struct ActivityHooks {
    /// Steps the model with an event a source pushed.
    var deliver: (SittingEvent) -> Void
    /// The sources in use changed (a source left or came back); `previous` were in use before.
    var sourcesChanged: (_ previous: [ActivitySourceKind]) -> Void
    /// The machine is about to sleep: take a last reading and save the state now.
    var beforeSleep: () -> Void
}

/// The user is sitting unless they say otherwise (`away`/`back`, `stand`/`sit`).
final class ManualActivitySource: ActivitySource {
    let kind = ActivitySourceKind.manual
    let unavailableReason: String? = nil
    let nextLook: Seconds? = nil
    func look(at now: Moment) -> [SittingEvent] { [] }
    func start(at now: Moment) {}
    func stop() {}
    func reportNextInput() {}
    func lastInput(at now: Moment, reply: @escaping (Seconds?) -> Void) { reply(nil) }
}

/// Every source the config asks for, and which of them are in use: `ActivitySourceChoice`
/// applied again whenever one leaves or comes back, so the daemon falls back to the next
/// source and returns to the better one without a restart. Events of the sources in use are
/// merged (`PresenceMerge`) before the model hears them.
final class ActivitySources {
    private let requested: [ActivitySourceKind]
    private let environment: DesktopEnvironment
    /// What shows a desktop session is here; nil when nothing does.
    private let desktopPresence: () -> String?
    private let candidates: [ActivitySource]
    private let screenLocks: ScreenLockWatch?
    private let hooks: ActivityHooks
    private let loop: EventLoop
    private var merge = PresenceMerge()
    private var reconsideration: TimerHandle?
    /// Sources that worked at some point: when one stops working, `problems` says so.
    private var everAvailable: Set<ActivitySourceKind> = []

    private(set) var inUse: [ActivitySourceKind] = []
    private(set) var notes: [String] = []

    init(
        requested: [ActivitySourceKind], environment: DesktopEnvironment, desktopPresence: @escaping () -> String?,
        candidates: [ActivitySource], outlets: [ActivityOutlet], screenLocks: ScreenLockWatch?, loop: EventLoop,
        hooks: ActivityHooks, at now: Moment
    ) {
        self.requested = requested
        self.environment = environment
        self.desktopPresence = desktopPresence
        self.candidates = candidates
        self.screenLocks = screenLocks
        self.loop = loop
        self.hooks = hooks
        for outlet in outlets + [screenLocks?.outlet].compactMap({ $0 }) {
            outlet.report = { [weak self] event, reporter in self?.report(event, from: reporter) }
            outlet.availabilityChanged = { [weak self] in self?.scheduleReconsideration() }
            outlet.forget = { [weak self] in self?.merge.forget($0) }
            outlet.beforeSleep = hooks.beforeSleep
        }
        choose(at: now)
    }

    /// Problems for `status`: sources asked for that do not work, better ones that left, and a
    /// desktop whose input cannot be seen.
    var problems: [String] {
        let fallenBack = candidates.compactMap { source -> String? in
            guard !inUse.contains(source.kind), everAvailable.contains(source.kind), let why = source.unavailableReason,
                !notes.contains(where: { $0.hasPrefix("\(source.kind.rawValue): ") })
            else {
                return nil
            }
            return "\(source.kind.rawValue): \(why); using \(inUse.map(\.rawValue).joined(separator: ", ")) until it returns"
        }
        return notes + fallenBack + [unseenDesktop].compactMap { $0 }
    }

    /// With `auto` on a desktop, reading no desktop input means counting a user at work as
    /// away, or never seeing them leave: say so, with the fix for this desktop.
    private var unseenDesktop: String? {
        let desktopSources = ActivitySourceChoice.desktopInputSources
        guard requested == [.auto], !inUse.contains(where: desktopSources.contains), let presence = desktopPresence() else {
            return nil
        }
        let using = inUse.filter { $0 != .logind }.map(\.rawValue).joined(separator: ", ")
        return "a desktop session is here (\(presence)) but sitbreak cannot see its keyboard and mouse, so it uses "
            + "\(using): \(DesktopAdvice.fixForUnseenInput(environment: environment))"
    }

    /// A session came back on a display named already: try the sources that lost it now,
    /// instead of at their next retry.
    func retryNow(at now: Moment) {
        for source in candidates where source.unavailableReason != nil && source.nextLook != nil {
            _ = source.look(at: now)
        }
        scheduleReconsideration()
    }

    var nextLook: Seconds? { candidates.compactMap(\.nextLook).min() }

    /// Looks with every source due by `now` (or within `slack` of it); returns the merged
    /// events of those in use.
    func look(at now: Moment, within slack: Seconds) -> [SittingEvent] {
        var events: [SittingEvent] = []
        for source in candidates where (source.nextLook ?? .infinity) <= now.boot + slack {
            let seen = source.look(at: now)
            guard inUse.contains(source.kind) else { continue }
            for event in seen { events += merge.take(event, from: .input(source.kind)) }
        }
        return events
    }

    /// Answers the model's `checkQuiet`: the latest input any input source in use has seen.
    /// Without an input source the clock decides; a source that cannot say leaves it unknown,
    /// so nothing is counted on a guess.
    func readQuiet(at now: Moment, answer: @escaping (QuietReading) -> Void) {
        let asked = candidates.filter { merge.inputs.contains($0.kind) && inUse.contains($0.kind) }
        guard !asked.isEmpty else { return answer(.noInputSource) }
        var waiting = asked.count
        var latest: (at: Seconds, source: String)?
        var anyUnknown = false
        for source in asked {
            source.lastInput(at: now) { seen in
                if let seen {
                    if seen > (latest?.at ?? -.infinity) { latest = (seen, source.kind.rawValue) }
                } else {
                    anyUnknown = true
                }
                waiting -= 1
                guard waiting == 0 else { return }
                if let latest, !anyUnknown {
                    answer(.lastInput(at: latest.at, source: latest.source))
                } else {
                    answer(.unknown)
                }
            }
        }
    }

    /// The input sources in use, comma-separated, as the evidence of a natural break names them.
    var inputNames: String {
        inUse.filter { merge.inputs.contains($0) }.map(\.rawValue).joined(separator: ",")
    }

    private func report(_ event: SittingEvent, from reporter: PresenceReporter) {
        if case .input(let kind) = reporter, !inUse.contains(kind) { return }
        for merged in merge.take(event, from: reporter) {
            if case .locked = merged {
                for source in candidates where inUse.contains(source.kind) { source.reportNextInput() }
            }
            hooks.deliver(merged)
        }
    }

    /// Availability changes arrive from inside bus callbacks and looks; the choice is made
    /// again from the loop, so the daemon is never re-entered. Also when a desktop session
    /// came or went, which changes what `auto` may choose.
    func scheduleReconsideration() {
        if let reconsideration {
            reconsideration.reschedule(at: 0)
        } else {
            reconsideration = try? loop.addTimer(clock: .monotonic, at: 0, accuracy: 0) { [weak self] in
                guard let self else { return }
                let previous = inUse
                choose(at: ClockReading.now().moment())
                if inUse != previous { hooks.sourcesChanged(previous) }
            }
        }
    }

    private func choose(at now: Moment) {
        // A kind with no source here cannot be chosen.
        var unavailable: [ActivitySourceKind: String] = [:]
        for kind in ActivitySourceKind.allCases where kind != .auto && !candidates.contains(where: { $0.kind == kind }) {
            unavailable[kind] = "not set up"
        }
        for source in candidates {
            if let why = source.unavailableReason { unavailable[source.kind] = why } else { everAvailable.insert(source.kind) }
        }
        // A display the session named still makes this a desktop, though its server is gone for
        // the moment (a compositor restarting): the terminals say nothing of its keyboard.
        var choice = ActivitySourceChoice.choose(
            requested: requested, unavailable: unavailable,
            desktopSession: environment.namesDisplay || desktopPresence() != nil)
        // `auto` picks one input source; logind adds what it alone knows: locks and sleep.
        if requested == [.auto], candidates.contains(where: { $0.kind == .logind }), unavailable[.logind] == nil {
            choice.using.append(.logind)
        }
        notes = choice.notes
        for source in candidates {
            let wanted = choice.using.contains(source.kind)
            if wanted, !inUse.contains(source.kind) {
                source.start(at: now)
            } else if !wanted, inUse.contains(source.kind) {
                source.stop()
                merge.forget(.input(source.kind))
            }
        }
        inUse = choice.using
        let inputs = Set(inUse).intersection(ActivitySourceKind.inputSources)
        merge.setInputs(inputs.isEmpty && inUse.contains(.logind) ? [.logind] : inputs)
    }
}

extension ActivitySourceKind {
    /// Sources that see the keyboard and mouse. logind's idle hint counts only without them:
    /// it is only as good as the desktop that sets it.
    static let inputSources: Set<ActivitySourceKind> = [.gnome, .wayland, .x11, .tty]
}

/// Builds the sources the config asks for, as far as this machine and the desktop session
/// handed over so far offer them.
enum ActivitySourceFactory {
    static func make(
        settings: Settings, desktop: DesktopEnvironment, desktopPresence: @escaping () -> String?, session: SessionBusLink,
        terminals: TerminalSessions, loop: EventLoop, hooks: ActivityHooks
    ) -> ActivitySources {
        let now = ClockReading.now().moment()
        let requested = settings.activity.sources
        let wanted: Set<ActivitySourceKind> = requested == [.auto]
            ? Set(ActivitySourceChoice.desktopInputSources + [.tty, .logind]) : Set(requested)
        let breakLength = settings.breaks.length
        // Locks matter wherever the desktop or logind is asked about the user; `manual` and `tty` ignore them.
        let watchesLocks = !wanted.isDisjoint(with: [.gnome, .wayland, .x11, .logind])
        var candidates: [ActivitySource] = []
        var outlets: [ActivityOutlet] = []
        for kind in ActivitySourceKind.allCases where wanted.contains(kind) {
            let outlet = ActivityOutlet()
            outlets.append(outlet)
            switch kind {
            case .auto:
                continue
            case .manual:
                candidates.append(ManualActivitySource())
            case .tty:
                candidates.append(TerminalActivitySource(terminals: terminals, breakLength: breakLength))
            case .x11:
                candidates.append(X11ActivitySource(
                    displayName: desktop.display, authority: desktop.xAuthority, breakLength: breakLength, loop: loop,
                    outlet: outlet))
            case .gnome:
                candidates.append(GnomeActivitySource(session: session, breakLength: breakLength, outlet: outlet))
            case .logind:
                candidates.append(LogindActivitySource(loop: loop, outlet: outlet))
            case .wayland:
                candidates.append(WaylandActivitySource(
                    displayName: desktop.waylandDisplay, breakLength: breakLength, loop: loop, outlet: outlet))
            }
        }
        return ActivitySources(
            requested: requested, environment: desktop, desktopPresence: desktopPresence, candidates: candidates,
            outlets: outlets, screenLocks: watchesLocks ? ScreenLockWatch(session: session) : nil, loop: loop, hooks: hooks,
            at: now)
    }
}
