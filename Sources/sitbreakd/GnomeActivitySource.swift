import SitBreakBus
import SitBreakEventLoop
import SitBreakModel

/// GNOME's own idle monitor (`org.gnome.Mutter.IdleMonitor`, GNOME on X11 and Wayland): one
/// watch fires when the user has been idle for the break length, and a one-shot "user active"
/// watch, added each time the user is away, fires when they are back. Nothing is polled: the
/// daemon hears from Mutter twice per absence and not at all while the user works.
final class GnomeActivitySource: ActivitySource {
    let kind = ActivitySourceKind.gnome
    let nextLook: Seconds? = nil

    static let service = "org.gnome.Mutter.IdleMonitor"
    static let path = "/org/gnome/Mutter/IdleMonitor/Core"

    private let link: SessionBusLink
    private var observation: SessionBusLink.Observation?
    private let breakLength: Seconds
    private let outlet: ActivityOutlet
    private var subscriptions: [BusSubscription] = []
    /// Mutter's unique name; nil while nobody owns the service.
    private var owner: String?
    private var started = false
    private var idleWatch: UInt32?
    private var activeWatch: UInt32?
    private var activeWatchAsked = false
    /// Bumped when the owner changes or the source stops, so late replies are dropped.
    private var generation = 0

    init(session link: SessionBusLink, breakLength: Seconds, outlet: ActivityOutlet) {
        self.link = link
        self.breakLength = breakLength
        self.outlet = outlet
        if let bus = link.connection {
            // At start-up the answer is waited for, so the first choice of source is the right one.
            let owner = try? bus.callAndWait(BusConnection.busDriver("GetNameOwner", [.string(Self.service)]), timeout: 1)
            self.owner = owner?.first?.stringValue
            follow(bus)
        }
        observation = link.observe { [weak self] bus in
            guard let self else { return }
            if let bus { follow(bus) } else { ownerChanged(nil) }
        }
    }

    var unavailableReason: String? {
        if link.connection == nil || link.problem != nil { return link.problem ?? "no session bus" }
        if owner == nil {
            return "GNOME's idle monitor (\(Self.service)) is not on the session bus: not a GNOME session, "
                + "or gnome-shell is not running"
        }
        return nil
    }

    func look(at now: Moment) -> [SittingEvent] { [] }

    func start(at now: Moment) {
        started = true
        arm()
    }

    func stop() {
        started = false
        disarm()
    }

    func reportNextInput() {
        if started { askForReturn() }
    }

    /// Mutter's own idle time, asked when a break is judged.
    func lastInput(at now: Moment, reply: @escaping (Seconds?) -> Void) {
        guard started, owner != nil, let bus = link.connection else { return reply(nil) }
        let asked = generation
        do {
            try bus.call(method("GetIdletime"), timeout: 2) { [weak self] result in
                guard let self, generation == asked, let idleMs = (try? result.get())?.first?.uint64Value else {
                    return reply(nil)
                }
                reply(ClockReading.now().boot - Seconds(idleMs) / 1000)
            }
        } catch {
            reply(nil)
        }
    }

    private func follow(_ bus: BusConnection) {
        do {
            subscriptions = [
                try bus.subscribe(
                    to: BusMatch(sender: Self.service, path: Self.path, interface: Self.service, member: "WatchFired")
                ) { [weak self] in self?.watchFired($0) },
                try bus.watchOwner(of: Self.service) { [weak self] in self?.ownerChanged($0) },
            ]
        } catch {
            subscriptions = []
            ownerChanged(nil)
        }
    }

    private func ownerChanged(_ newOwner: String?) {
        guard newOwner != owner else { return }
        generation += 1
        idleWatch = nil
        activeWatch = nil
        activeWatchAsked = false
        owner = newOwner
        // A new Mutter knows none of our watches: set them up again there.
        if started, newOwner != nil { arm() }
        outlet.availabilityChanged()
    }

    /// Learns the idle time now, and asks to hear when it reaches the break length.
    private func arm() {
        guard let bus = link.connection, owner != nil else { return }
        let asked = generation
        let madeBy = owner
        try? bus.call(method("GetIdletime")) { [weak self] result in
            guard let self, generation == asked, started, let idleMs = (try? result.get())?.first?.uint64Value else { return }
            let now = ClockReading.now().boot
            let idle = Seconds(idleMs) / 1000
            if idle >= breakLength {
                outlet.report(.idle(since: now - idle), .input(kind))
                askForReturn()
            } else {
                outlet.report(.input(at: now - idle), .input(kind))
            }
        }
        try? bus.call(method("AddIdleWatch", .uint64(UInt64(breakLength * 1000)))) { [weak self] result in
            guard let self, let id = (try? result.get())?.first?.uint32Value else { return }
            if generation == asked, started { idleWatch = id } else { remove(id, madeBy: madeBy) }
        }
    }

    private func disarm() {
        let watches = [idleWatch, activeWatch].compactMap { $0 }
        generation += 1
        idleWatch = nil
        activeWatch = nil
        activeWatchAsked = false
        for id in watches { remove(id, madeBy: owner) }
    }

    /// Removes a watch from the Mutter that made it, if that one still runs: another has its own ids.
    private func remove(_ id: UInt32, madeBy: String?) {
        guard madeBy != nil, owner == madeBy, let bus = link.connection else { return }
        try? bus.call(method("RemoveWatch", .uint32(id))) { _ in }
    }

    /// The "user active" watch fires once, at the next input: set while the user is away.
    private func askForReturn() {
        guard !activeWatchAsked, let bus = link.connection else { return }
        activeWatchAsked = true
        let asked = generation
        let madeBy = owner
        try? bus.call(method("AddUserActiveWatch")) { [weak self] result in
            guard let self, let id = (try? result.get())?.first?.uint32Value else { return }
            if generation == asked { activeWatch = id } else { remove(id, madeBy: madeBy) }
        }
    }

    private func watchFired(_ signal: BusSignal) {
        guard started, signal.sender == owner, let id = signal.arguments.first?.uint32Value else { return }
        let now = ClockReading.now().boot
        if id == idleWatch {
            outlet.report(.idle(since: now - breakLength), .input(kind))
            askForReturn()
        } else if id == activeWatch {
            activeWatch = nil
            activeWatchAsked = false
            outlet.report(.input(at: now), .input(kind))
        }
    }

    private func method(_ member: String, _ arguments: BusValue...) -> BusMethodCall {
        BusMethodCall(destination: Self.service, path: Self.path, interface: Self.service, member: member, arguments: arguments)
    }
}
