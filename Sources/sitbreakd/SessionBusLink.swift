import SitBreakBus
import SitBreakEventLoop

/// sitbreakd's one connection to the user's session bus, shared by the notifier, the activity
/// sources and the desktop-session watch, opened again after it is lost (the bus restarted),
/// so that what runs on it comes back by itself.
final class SessionBusLink {
    private let loop: EventLoop
    private(set) var connection: BusConnection?
    /// Why there is no connection now.
    private(set) var problem: String?
    private var listeners: [ObjectIdentifier: (BusConnection?) -> Void] = [:]
    private var retry: TimerHandle?
    /// While the bus is gone, when to try it again: soon at first, since a GNOME login restarts
    /// the user's bus (gnome-session restarts dbus.service, whose socket stays) and the
    /// desktop's names come right back; then less and less often.
    private var backoff = RetryBackoff(first: 0.5, last: 900)

    init(loop: EventLoop) {
        self.loop = loop
        connect()
    }

    /// `changed` hears each new connection, and nil when the connection is lost, for as long
    /// as the returned observation is kept (sources made again at a reload let theirs go).
    func observe(_ changed: @escaping (BusConnection?) -> Void) -> Observation {
        let observation = Observation { [weak self] in self?.listeners[$0] = nil }
        listeners[ObjectIdentifier(observation)] = changed
        return observation
    }

    /// Keeps a listener registered while it lives.
    final class Observation {
        private let end: (ObjectIdentifier) -> Void
        fileprivate init(end: @escaping (ObjectIdentifier) -> Void) { self.end = end }
        deinit { end(ObjectIdentifier(self)) }
    }

    private func connect() {
        do {
            let fresh = try BusConnection(sessionBusFor: loop)
            fresh.onDisconnect = { [weak self] in self?.lost() }
            problem = nil
            backoff.reset()
            for listener in Array(listeners.values) { listener(fresh) }
            // The old connection goes only now, after its users moved their subscriptions.
            connection = fresh
        } catch {
            problem = "no session bus (\(error)); the service needs DBUS_SESSION_BUS_ADDRESS or $XDG_RUNTIME_DIR/bus"
            scheduleRetry()
        }
    }

    private func lost() {
        // The dead connection is kept until the next attempt: this runs inside its own dispatch.
        problem = "the connection to the session bus was lost"
        for listener in Array(listeners.values) { listener(nil) }
        scheduleRetry()
    }

    private func scheduleRetry() {
        let at = loop.now(.monotonic) + backoff.delay()
        if let retry {
            retry.reschedule(at: at)
        } else {
            retry = try? loop.addTimer(clock: .monotonic, at: at, accuracy: backoff.first / 4) { [weak self] in
                self?.connect()
            }
        }
    }
}
