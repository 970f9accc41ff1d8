import SitBreakBus
import SitBreakEventLoop

/// Screen locks as the desktop's locker announces them on the session bus: GNOME's
/// `org.gnome.ScreenSaver` and KDE's `org.freedesktop.ScreenSaver`, each with `GetActive()`
/// and the signal `ActiveChanged(b)`. Only the state is used, never KDE's idle time (it
/// reads 0 on Wayland).
final class ScreenLockWatch {
    struct Locker: Sendable {
        var service: String
        var path: String
    }

    static let lockers = [
        Locker(service: "org.gnome.ScreenSaver", path: "/org/gnome/ScreenSaver"),
        Locker(service: "org.freedesktop.ScreenSaver", path: "/ScreenSaver"),
    ]

    let outlet = ActivityOutlet()
    private let link: SessionBusLink
    private var observation: SessionBusLink.Observation?
    private var subscriptions: [BusSubscription] = []
    /// Each locker's unique name while it runs.
    private var owners: [String: String] = [:]

    init(session link: SessionBusLink) {
        self.link = link
        if let bus = link.connection { follow(bus) }
        observation = link.observe { [weak self] bus in
            guard let self else { return }
            for locker in Self.lockers { ownerChanged(locker, nil) }
            if let bus { follow(bus) }
        }
    }

    private func follow(_ bus: BusConnection) {
        subscriptions = []
        for locker in Self.lockers {
            // Without its path: KDE announces the change on both paths it serves, and the merge
            // takes a repeated state as it is.
            let activeChanged = BusMatch(sender: locker.service, interface: locker.service, member: "ActiveChanged")
            guard let changes = try? bus.subscribe(to: activeChanged, { [weak self] in self?.activeChanged(locker, $0) }),
                let owner = try? bus.watchOwner(of: locker.service, { [weak self] in self?.ownerChanged(locker, $0) })
            else { continue }
            subscriptions += [changes, owner]
        }
    }

    private func ownerChanged(_ locker: Locker, _ owner: String?) {
        guard owners[locker.service] != owner else { return }
        owners[locker.service] = owner
        // A locker that left says nothing about the screen any more, and its going is no unlock.
        outlet.forget(.lock(locker.service))
        guard owner != nil, let bus = link.connection else { return }
        let call = BusMethodCall(destination: locker.service, path: locker.path, interface: locker.service, member: "GetActive")
        try? bus.call(call) { [weak self] result in
            guard let self, owners[locker.service] == owner, let active = (try? result.get())?.first?.boolValue else { return }
            report(locker, active: active)
        }
    }

    private func activeChanged(_ locker: Locker, _ signal: BusSignal) {
        guard signal.sender == owners[locker.service], let active = signal.arguments.first?.boolValue else { return }
        report(locker, active: active)
    }

    private func report(_ locker: Locker, active: Bool) {
        let now = ClockReading.now().boot
        outlet.report(active ? .locked(since: now) : .unlocked(at: now), .lock(locker.service))
    }
}
