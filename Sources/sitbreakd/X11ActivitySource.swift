import SitBreakCore
import SitBreakOS

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
    private let loop: EventLoop
    private let outlet: ActivityOutlet
    private var counter: X11IdleCounter?
    private var socketWatch: IOHandle?
    private var problem: String?
    private var poller: IdlePoller
    private var started = false
    private var firstLook = true
    private(set) var nextLook: Seconds?
    private var backoff = RetryBackoff(first: 60, last: 900)

    init(displayName: String?, breakLength: Seconds, loop: EventLoop, outlet: ActivityOutlet) {
        self.displayName = displayName
        self.breakLength = breakLength
        self.loop = loop
        self.outlet = outlet
        poller = IdlePoller(breakLength: breakLength)
        connect(at: ClockReading.now().boot)
    }

    var unavailableReason: String? {
        guard displayName != nil else {
            return "no DISPLAY in the service's environment (not a desktop login, or the desktop did not pass it on) "
                + "— run `systemctl --user import-environment DISPLAY XAUTHORITY && systemctl --user restart sitbreak`"
        }
        return counter == nil ? problem : nil
    }

    func start(at now: Moment) {
        started = true
        firstLook = true
        poller = IdlePoller(breakLength: breakLength)
        if counter != nil { nextLook = now.boot }
    }

    func stop() {
        started = false
        counter?.cancelAlarms()
        if counter != nil { nextLook = nil }
    }

    /// With alarms, the input alarm is set beside the idle one; a poller reports every input anyway.
    func reportNextInput() {
        if started { counter?.alarmOnInput() }
    }

    func look(at now: Moment) -> [SittingEvent] {
        guard let counter else {
            connect(at: now.boot)
            if counter != nil {
                nextLook = started ? now.boot : nil
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
            nextLook = nil
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
        nextLook = next
        return events
    }

    private func connect(at now: Seconds) {
        guard let displayName else { return }
        do {
            let counter = try X11IdleCounter(displayName: displayName)
            socketWatch = try loop.addIO(fd: counter.fileDescriptor) { [weak self] _ in self?.serverSpoke() }
            self.counter = counter
            problem = nil
            backoff.reset()
        } catch let unavailable as X11Unavailable {
            problem = unavailable.description
            retry(at: now)
        } catch {
            problem = "cannot watch the X connection: \(error)"
            retry(at: now)
        }
    }

    private func retry(at now: Seconds) {
        nextLook = now + backoff.delay()
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
        // The watch goes before the connection closes its socket (`IOHandle.remove`).
        socketWatch?.remove()
        socketWatch = nil
        counter = nil
        problem = "the X server at DISPLAY=\(displayName ?? "") went away"
        retry(at: now)
        outlet.availabilityChanged()
    }
}
