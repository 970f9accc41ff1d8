import SitBreakDisplay
import SitBreakEventLoop
import SitBreakModel
import SitBreakPresence

/// The X server's idle time. Where the server has the XSync IDLETIME counter, its alarms say
/// when idleness reaches the break length and when input comes: nothing is polled. Elsewhere
/// it is asked only when needed (`IdlePoller`): while the user is active, when idleness could
/// first reach the break length; while away, every `IdlePoller.awayRecheck` to notice the
/// return. The connection's socket is watched, so a server that goes away is noticed at once;
/// it is tried again after a minute, then less and less often (`RetryBackoff`).
final class X11ActivitySource: ActivitySource {
    let kind = ActivitySourceKind.x11
    private let displayName: String?
    private let breakLength: Seconds
    private let outlet: ActivityOutlet
    private let link: DisplayServerLink<X11IdleCounter>?
    private var poller: IdlePoller
    private var started = false
    private var firstLook = true
    private var nextPoll: Seconds?

    init(displayName: String?, authority: String?, breakLength: Seconds, loop: EventLoop, outlet: ActivityOutlet) {
        self.displayName = displayName
        self.breakLength = breakLength
        self.outlet = outlet
        poller = IdlePoller(breakLength: breakLength)
        link = displayName.map { name in
            DisplayServerLink(serverName: "the X server at DISPLAY=\(name)", loop: loop) { () throws(DisplayServerUnavailable) in
                try X11IdleCounter(displayName: name, authority: authority)
            }
        }
        connect(at: ClockReading.now().boot)
    }

    private var counter: X11IdleCounter? { link?.connection }

    var nextLook: Seconds? { counter == nil ? link?.retryAt : nextPoll }

    var unavailableReason: String? {
        guard displayName != nil else {
            return "no DISPLAY handed over (not an X11 session, or the desktop did not pass it on)"
        }
        return counter == nil ? link?.problem : nil
    }

    func start(at now: Moment) {
        started = true
        firstLook = true
        poller = IdlePoller(breakLength: breakLength)
        if counter != nil { nextPoll = now.boot }
    }

    func stop() {
        started = false
        counter?.cancelAlarms()
        nextPoll = nil
    }

    /// With alarms, the input alarm is set beside the idle one; a poller reports every input anyway.
    func reportNextInput() {
        if started { counter?.alarmOnInput() }
    }

    func lastInput(at now: Moment, reply: @escaping (Seconds?) -> Void) {
        reply(counter?.idleSeconds().map { now.boot - $0 })
    }

    func look(at now: Moment) -> [SittingEvent] {
        guard let counter else {
            if connect(at: now.boot) {
                nextPoll = started ? now.boot : nil
                outlet.availabilityChanged()
            }
            return []
        }
        guard started else { return [] }
        guard let idle = counter.idleSeconds() else {
            lost(at: now.boot)
            return []
        }
        let lastInput = now.boot - idle
        defer { firstLook = false }
        if counter.offersAlarms {
            nextPoll = nil
            if idle >= breakLength {
                counter.alarmOnInput()
                return [.idle(since: lastInput)]
            }
            counter.alarmWhenIdle(for: breakLength)
            return firstLook ? [.input(at: lastInput)] : []
        }
        var (events, next) = poller.observe(lastInput: lastInput, now: now.boot)
        // The poller reports a return only after it has seen the user away; a source taking over
        // from another also tells what it finds.
        if firstLook, events.isEmpty { events = [.input(at: lastInput)] }
        nextPoll = next
        return events
    }

    @discardableResult
    private func connect(at now: Seconds) -> Bool {
        link?.connect(at: now) { [weak self] in self?.serverSpoke() } ?? false
    }

    private func serverSpoke() {
        guard let counter else { return }
        guard let alarms = counter.takeAlarms() else {
            lost(at: ClockReading.now().boot)
            return
        }
        guard started else { return }
        for alarm in alarms {
            let now = ClockReading.now().boot
            switch alarm {
            case .idleReached:
                counter.alarmOnInput()
                outlet.report(.idle(since: now - breakLength), .input(kind))
            case .inputSeen:
                counter.alarmWhenIdle(for: breakLength)
                outlet.report(.input(at: now), .input(kind))
            }
        }
    }

    private func lost(at now: Seconds) {
        link?.lose(at: now)
        outlet.availabilityChanged()
    }
}
