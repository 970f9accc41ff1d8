import SitBreakCore
import SitBreakOS

/// The activity sources' connection to the user's session bus, opened again after it is lost
/// (the bus restarted), so that what runs on it comes back by itself.
final class SessionBusLink {
    private let loop: EventLoop
    private(set) var connection: BusConnection?
    /// Why there is no connection now.
    private(set) var problem: String?
    private var listeners: [(BusConnection?) -> Void] = []
    private var retry: TimerHandle?
    /// While the bus is gone, when to try it again.
    private var backoff = RetryBackoff(first: 30, last: 900)

    init(loop: EventLoop) {
        self.loop = loop
        connect()
    }

    /// `changed` hears each new connection, and nil when the connection is lost.
    func observe(_ changed: @escaping (BusConnection?) -> Void) {
        listeners.append(changed)
    }

    private func connect() {
        do {
            let fresh = try BusConnection(sessionBusFor: loop)
            fresh.onDisconnect = { [weak self] in self?.lost() }
            problem = nil
            backoff.reset()
            for listener in listeners { listener(fresh) }
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
        for listener in listeners { listener(nil) }
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
