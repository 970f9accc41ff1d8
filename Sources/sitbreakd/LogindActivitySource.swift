import Glibc
import SitBreakBus
import SitBreakEventLoop
import SitBreakModel

/// systemd-logind on the system bus: the user's display session (`Display` of
/// `/org/freedesktop/login1/user/self`), its `LockedHint` and `IdleHint` through
/// `PropertiesChanged` and its `Lock`/`Unlock` signals, and the manager's `PrepareForSleep`,
/// held back by a delay inhibitor until the daemon has saved its state.
///
/// The idle hint counts only when no other input source is in use (`PresenceMerge`): it is
/// only as good as the desktop that sets it. Sleep itself is measured from the clocks by the
/// daemon; `PrepareForSleep` makes that reading fall right before the machine sleeps.
final class LogindActivitySource: ActivitySource {
    let kind = ActivitySourceKind.logind
    let nextLook: Seconds? = nil

    static let service = "org.freedesktop.login1"
    static let managerPath = "/org/freedesktop/login1"
    static let sessionInterface = "org.freedesktop.login1.Session"
    static let managerInterface = "org.freedesktop.login1.Manager"

    private let bus: BusConnection?
    private let outlet: ActivityOutlet
    private var problem: String?
    private var owner: String?
    private var ownerSubscription: BusSubscription?
    private var sessionPath: String?
    private var started = false
    private var subscriptions: [BusSubscription] = []
    private var idle = false
    /// Since when logind's idle hint has been set, while it is.
    private var idleSince: Seconds?
    private var locked = false
    /// The delay inhibitor's descriptor: logind waits for it to close before sleeping, which
    /// it does when this lets go of it.
    private var inhibitor: PassedDescriptor?
    /// Bumped when logind or the session changes, or the source stops, so late replies are dropped.
    private var generation = 0

    init(loop: EventLoop, outlet: ActivityOutlet) {
        self.outlet = outlet
        do {
            bus = try BusConnection(systemBusFor: loop)
        } catch {
            bus = nil
            problem = "no system bus (\(error))"
            return
        }
        bus?.onDisconnect = { [weak self] in self?.busLost() }
        // At start-up the answer is waited for, so the first choice of source is the right one.
        if let reply = try? bus?.callAndWait(BusConnection.busDriver("GetNameOwner", [.string(Self.service)]), timeout: 1) {
            owner = reply.first?.stringValue
            if let display = try? bus?.callAndWait(Self.displayQuery, timeout: 1) {
                takeDisplay(display.first)
            }
        }
        ownerSubscription = try? bus?.watchOwner(of: Self.service) { [weak self] in self?.ownerChanged($0) }
    }

    var unavailableReason: String? {
        if let problem { return problem }
        if owner == nil { return "systemd-logind is not running (nobody owns \(Self.service) on the system bus)" }
        if sessionPath == nil {
            return "logind knows no login session of yours with a display (user/self has no Display session)"
        }
        return nil
    }

    func look(at now: Moment) -> [SittingEvent] { [] }

    func start(at now: Moment) {
        started = true
        follow()
    }

    /// logind's idle hint changes only after the desktop's own idle delay; nothing sooner to ask for.
    func reportNextInput() {}

    /// Only as good as the hint: while it is not set, the last input is taken to be now.
    func lastInput(at now: Moment, reply: @escaping (Seconds?) -> Void) {
        guard started, sessionPath != nil else { return reply(nil) }
        reply(idleSince ?? now.boot)
    }

    func stop() {
        started = false
        generation += 1
        subscriptions = []
        releaseInhibitor()
        idle = false
        idleSince = nil
        locked = false
    }

    private static let displayQuery = BusMethodCall(
        destination: service, path: "/org/freedesktop/login1/user/self", interface: "org.freedesktop.DBus.Properties",
        member: "Get", arguments: [.string("org.freedesktop.login1.User"), .string("Display")])

    /// `Display` is `(so)`: the session id and its object path, `/` when there is none.
    private func takeDisplay(_ value: BusValue?) {
        guard case .structure(let fields)? = value?.unwrapped, fields.count == 2, let path = fields[1].stringValue,
            path != "/"
        else {
            sessionPath = nil
            return
        }
        sessionPath = path
    }

    private func ownerChanged(_ newOwner: String?) {
        guard newOwner != owner else { return }
        owner = newOwner
        generation += 1
        subscriptions = []
        releaseInhibitor()
        guard newOwner != nil, let bus else {
            sessionPath = nil
            outlet.availabilityChanged()
            return
        }
        let asked = generation
        try? bus.call(Self.displayQuery) { [weak self] result in
            guard let self, generation == asked else { return }
            takeDisplay(try? result.get().first)
            if started { follow() }
            outlet.availabilityChanged()
        }
    }

    private func busLost() {
        problem = "the connection to the system bus was lost"
        owner = nil
        sessionPath = nil
        subscriptions = []
        releaseInhibitor()
        outlet.availabilityChanged()
    }

    private func follow() {
        guard let bus, let sessionPath, owner != nil else { return }
        let asked = generation
        do {
            subscriptions = [
                try bus.watchProperties(of: Self.sessionInterface, at: sessionPath, from: Self.service) { [weak self] in
                    guard let self, $0.sender == self.owner else { return }
                    sessionChanged($0.changed)
                    if !$0.invalidated.isEmpty { readSession(asked) }
                },
                try bus.subscribe(
                    to: BusMatch(sender: Self.service, path: sessionPath, interface: Self.sessionInterface, member: "Lock")
                ) { [weak self] in self?.lockSignal($0, locked: true) },
                try bus.subscribe(
                    to: BusMatch(sender: Self.service, path: sessionPath, interface: Self.sessionInterface, member: "Unlock")
                ) { [weak self] in self?.lockSignal($0, locked: false) },
                try bus.subscribe(
                    to: BusMatch(
                        sender: Self.service, path: Self.managerPath, interface: Self.managerInterface, member: "PrepareForSleep")
                ) { [weak self] in self?.prepareForSleep($0) },
            ]
        } catch {
            subscriptions = []
            return
        }
        readSession(asked)
        takeInhibitor()
    }

    private func readSession(_ asked: Int) {
        guard let bus, let sessionPath else { return }
        let getAll = BusMethodCall(
            destination: Self.service, path: sessionPath, interface: "org.freedesktop.DBus.Properties", member: "GetAll",
            arguments: [.string(Self.sessionInterface)])
        try? bus.call(getAll) { [weak self] result in
            guard let self, generation == asked, started, let properties = (try? result.get())?.first?.dictionaryValue else {
                return
            }
            sessionChanged(properties)
        }
    }

    private func sessionChanged(_ properties: [String: BusValue]) {
        guard started else { return }
        let now = ClockReading.now()
        if let nowLocked = properties["LockedHint"]?.boolValue, nowLocked != locked {
            locked = nowLocked
            outlet.report(nowLocked ? .locked(since: now.boot) : .unlocked(at: now.boot), .lock(Self.service))
        }
        if let nowIdle = properties["IdleHint"]?.boolValue, nowIdle != idle {
            idle = nowIdle
            if nowIdle {
                // CLOCK_MONOTONIC microseconds; 0 when logind does not know.
                let since = properties["IdleSinceHintMonotonic"]?.uint64Value.flatMap { $0 > 0 ? $0 : nil }
                    .map { now.boot - max(0, now.monotonic - Seconds($0) / 1e6) } ?? now.boot
                idleSince = since
                outlet.report(.idle(since: since), .input(kind))
            } else {
                idleSince = nil
                outlet.report(.input(at: now.boot), .input(kind))
            }
        }
    }

    /// `Lock`/`Unlock` ask the session's locker to act; they are not the lock itself (that is
    /// `LockedHint`), so input ends a lock that only was asked for.
    private func lockSignal(_ signal: BusSignal, locked: Bool) {
        guard started, signal.sender == owner else { return }
        let now = ClockReading.now().boot
        outlet.report(locked ? .locked(since: now) : .unlocked(at: now), .lockRequest(Self.service))
    }

    private func prepareForSleep(_ signal: BusSignal) {
        guard started, signal.sender == owner, let goingToSleep = signal.arguments.first?.boolValue else { return }
        if goingToSleep {
            outlet.beforeSleep()
            releaseInhibitor()
        } else {
            // A look at once: the daemon measures the sleep from the clocks as it steps.
            outlet.report(.timer, .lock(Self.service))
            takeInhibitor()
        }
    }

    private func takeInhibitor() {
        guard let bus, inhibitor == nil else { return }
        let inhibit = BusMethodCall(
            destination: Self.service, path: Self.managerPath, interface: Self.managerInterface, member: "Inhibit",
            arguments: [
                .string("sleep"), .string("sitbreak"), .string("Saving the sitting count before the machine sleeps"),
                .string("delay"),
            ])
        let asked = generation
        try? bus.call(inhibit) { [weak self] result in
            guard case .unixFD(let descriptor)? = (try? result.get())?.first else { return }
            // Not kept (too late, or one is held already): dropping it closes it.
            guard let self, generation == asked, started, inhibitor == nil else { return }
            inhibitor = descriptor
        }
    }

    private func releaseInhibitor() {
        inhibitor = nil
    }
}
