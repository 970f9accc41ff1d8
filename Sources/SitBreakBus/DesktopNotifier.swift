import SitBreakEventLoop
import SitBreakPresentation

/// Reminders as freedesktop desktop notifications (`org.freedesktop.Notifications` on the
/// session bus), following the server as it comes and goes.
///
/// Signals count only when they come from the current owner of the name and concern a
/// notification this notifier created: any other client can send a look-alike
/// `ActionInvoked`, and other applications' notifications are none of our business.
public final class DesktopNotifier {
    public enum Event: Equatable, Sendable {
        /// A button was used on one of our notifications (clicking the bubble is `.startBreak`).
        case actionInvoked(id: UInt32, NotificationAction)
        /// One of our notifications went away.
        case closed(id: UInt32, NotificationCloseReason)
        /// `isAvailable` changed.
        case availabilityChanged(Bool)
        /// `doNotDisturb` changed.
        case doNotDisturbChanged(Bool)
    }

    static let service = "org.freedesktop.Notifications"
    static let path = "/org/freedesktop/Notifications"

    /// Boolean properties by which servers say "do not disturb": the draft-spec `Inhibited`
    /// (KDE Plasma) and dunst's `paused`. xfce4-notifyd 0.7 has no `Inhibited`: its switch is
    /// in xfconf (`DoNotDisturbWatch`).
    static let doNotDisturbProperties = [
        (interface: service, name: "Inhibited", what: "the server's Inhibited (KDE Plasma's do not disturb)"),
        (interface: "org.dunstproject.cmd0", name: "paused", what: "dunst's pause (dunstctl set-paused)"),
    ]

    private let bus: BusConnection
    private let onEvent: (Event) -> Void
    private var subscriptions: [BusSubscription] = []
    /// The server's unique name; nil while nobody owns the service name.
    private var owner: String?
    private var ownerKnown = false
    /// Bumped on every change of owner, so that late answers from an earlier server are dropped.
    private var generation = 0
    private var ours: Set<UInt32> = []
    private var doNotDisturbFlags: [String: Bool] = [:]
    private var problem: String?
    /// A `StartServiceByName` is on its way: the bus joins a second one to it anyway.
    private var starting = false
    private let loop: EventLoop?
    /// A server that owns the name before its object is there is asked again, a few times.
    private var askAgain: TimerHandle?
    private var askedWithoutObject = 0
    /// Start a server once the bus says none runs.
    private var wantsServer: Bool

    /// What the current server offers; nil until it has answered `GetCapabilities`.
    public private(set) var features: NotificationServerFeatures?
    /// The current server's name as `GetServerInformation` gives it (`dunst`, `gnome-shell`,
    /// `Xfce Notify Daemon`, `mako`); nil until it has answered.
    public private(set) var serverName: String?

    /// A server owns the name and has said what it can do: notifications will be shown.
    public var isAvailable: Bool { owner != nil && features != nil }

    /// The server says "do not disturb"; false when it has no such setting.
    public var doNotDisturb: Bool { doNotDisturbFlags.values.contains(true) }

    /// The server's own do-not-disturb setting, where it has one ("dunst's pause (dunstctl set-paused)").
    public var doNotDisturbProperty: String? {
        Self.doNotDisturbProperties.first { doNotDisturbFlags[$0.interface] != nil }?.what
    }

    /// Why notifications cannot be shown now, for `status` and the journal; nil when they can.
    public var whyUnavailable: String? {
        guard !isAvailable else { return nil }
        if let problem { return problem }
        return owner == nil
            ? "no notification server on the session bus (nobody owns \(Self.service))"
            : "waiting for the notification server to answer"
    }

    /// Starts following the server on `bus`; `onEvent` is called from the event loop. With
    /// `startingServer`, when no server runs yet, asks the bus to start one (servers such as
    /// dunst or mako are often started on demand); without, only `requestServer` does: a
    /// server the bus starts before the desktop has handed its display over fails, and the bus
    /// then holds every later request for that name until its own activation timeout.
    /// `loop` times the questions asked again of a server that is not ready yet.
    public init(
        bus: BusConnection, loop: EventLoop? = nil, startingServer: Bool = true, onEvent: @escaping (Event) -> Void
    ) throws(BusError) {
        self.bus = bus
        self.loop = loop
        self.onEvent = onEvent
        wantsServer = startingServer
        subscriptions.append(
            try bus.subscribe(to: BusMatch(sender: Self.service, path: Self.path, interface: Self.service, member: "ActionInvoked")) {
                [weak self] in self?.actionInvoked($0)
            })
        subscriptions.append(
            try bus.subscribe(to: BusMatch(sender: Self.service, path: Self.path, interface: Self.service, member: "NotificationClosed")) {
                [weak self] in self?.notificationClosed($0)
            })
        for interface in Set(Self.doNotDisturbProperties.map(\.interface)) {
            subscriptions.append(
                try bus.watchProperties(of: interface, at: Self.path, from: Self.service) { [weak self] in
                    self?.propertiesChanged($0)
                })
        }
        subscriptions.append(try bus.watchOwner(of: Self.service) { [weak self] in self?.ownerChanged($0) })
        subscriptions.append(try bus.subscribe(to: .disconnected) { [weak self] _ in self?.busLost() })
    }

    /// Shows `content`, in place of notification `replacing` when given (the server keeps
    /// its id). `reply` gets the notification's id. Throws only when the call cannot be sent.
    public func notify(
        _ content: NotificationContent, replacing: UInt32? = nil, reply: @escaping (Result<UInt32, BusError>) -> Void
    ) throws(BusError) {
        var hints: [String: BusValue] = [
            "urgency": .byte(1),
            "category": .string(NotificationContent.category),
            "desktop-entry": .string(NotificationContent.desktopEntry),
        ]
        if let sound = content.soundName { hints["sound-name"] = .string(sound) }
        if content.resident { hints["resident"] = .bool(true) }
        // Servers that show images put it beside the text; the others ignore hints they do not know.
        if let image = content.image { hints["image-path"] = .string(image) }
        let call = method(
            "Notify",
            .string(NotificationContent.appName), .uint32(replacing ?? 0), .string(content.appIcon),
            .string(content.summary), .string(content.body),
            .strings(content.buttons.flatMap { [$0.action.rawValue, $0.label] }),
            // Never expires: a reminder stays until it is acted on or withdrawn.
            .properties(hints), .int32(0))
        try bus.call(call) { [weak self] result in
            let id = result.flatMap { values -> Result<UInt32, BusError> in
                guard let id = values.first?.uint32Value else {
                    return .failure(BusError(
                        name: "org.freedesktop.DBus.Error.InvalidSignature", message: "Notify answered without an id",
                        context: call.name))
                }
                return .success(id)
            }
            // The bus delivers this before any later NameOwnerChanged, so an id from a server
            // that then leaves is forgotten together with that server.
            if case .success(let id) = id { self?.ours.insert(id) }
            reply(id)
        }
    }

    /// Takes notification `id` off the screen. Ids that are not (or no longer) ours are left alone.
    public func close(_ id: UInt32) throws(BusError) {
        guard ours.contains(id) else { return }
        // The server answers with NotificationClosed; an error reply means it was gone already.
        try bus.call(method("CloseNotification", .uint32(id))) { _ in }
    }

    private func method(_ member: String, _ arguments: BusValue...) -> BusMethodCall {
        BusMethodCall(destination: Self.service, path: Self.path, interface: Self.service, member: member, arguments: arguments)
    }

    private func ownerChanged(_ newOwner: String?) {
        let firstAnswer = !ownerKnown
        ownerKnown = true
        publishingChanges { forgetServer(newOwner: newOwner) }
        if newOwner != nil {
            askServer()
        } else if firstAnswer, wantsServer {
            startServer()
        }
    }

    /// Without the bus no server can be reached, nor can it be told to come back.
    private func busLost() {
        publishingChanges {
            forgetServer(newOwner: nil)
            problem = "the connection to the session bus was lost"
        }
    }

    /// Asks the bus again to start an activatable server, when none runs: one that exited or
    /// crashed while a reminder is due comes back for it.
    public func requestServer() {
        guard ownerKnown else { return wantsServer = true }
        guard owner == nil, !starting else { return }
        startServer()
    }

    private func forgetServer(newOwner: String?) {
        owner = newOwner
        generation += 1
        askedWithoutObject = 0
        features = nil
        serverName = nil
        ours.removeAll()
        doNotDisturbFlags.removeAll()
        problem = nil
    }

    /// What the bus can start to get a server: any that provides the name itself, else GNOME's
    /// proxy, which GNOME Shell starts at login and which takes the name once it runs.
    static let activatableServices = [service, "org.gnome.Shell.Notifications"]

    /// Asks the bus to start an activatable server; its arrival shows up as a new owner.
    private func startServer(_ candidates: ArraySlice<String> = activatableServices[...]) {
        guard let name = candidates.first else { return }
        let start = BusConnection.busDriver("StartServiceByName", [.string(name), .uint32(0)])
        let asked = generation
        starting = true
        do {
            // A server that cannot start (no display yet) fails at once; one that hangs is given
            // up on well before the bus's own 25 s or more, so that it can be asked again.
            try bus.call(start, timeout: 10) { [weak self] result in
                guard let self else { return }
                starting = false
                guard generation == asked, case .failure(let error) = result else { return }
                if error.name == BusError.serviceUnknown, candidates.count > 1 { return startServer(candidates.dropFirst()) }
                problem = error.name == BusError.serviceUnknown
                    ? "no notification server on the session bus (nothing provides \(Self.service))"
                    : "no notification server on the session bus: \(error)"
            }
        } catch {
            starting = false
            problem = "no notification server on the session bus: \(error)"
        }
    }

    private func askServer() {
        let asked = generation
        do {
            // Asked first: the server answers in order, so its name is known once it is available.
            try bus.call(method("GetServerInformation")) { [weak self] result in
                guard let self, generation == asked, let name = (try? result.get())?.first?.stringValue else { return }
                serverName = name
            }
            try bus.call(method("GetCapabilities")) { [weak self] result in
                guard let self, generation == asked else { return }
                publishingChanges {
                    switch result {
                    case .success(let values):
                        features = NotificationServerFeatures(capabilities: Set(values.first?.stringArrayValue ?? []))
                    case .failure(let error) where Self.notExportedYet(error) && askedWithoutObject < 10:
                        // GNOME's proxy takes the name a moment before it serves the object.
                        askedWithoutObject += 1
                        askAgainSoon()
                    case .failure(let error):
                        problem = "the notification server did not say what it can show: \(error)"
                    }
                }
            }
            for property in Self.doNotDisturbProperties {
                try readDoNotDisturb(property.name, of: property.interface)
            }
        } catch {
            problem = "cannot reach the notification server: \(error)"
        }
    }

    private static func notExportedYet(_ error: BusError) -> Bool {
        ["org.freedesktop.DBus.Error.UnknownMethod", "org.freedesktop.DBus.Error.UnknownObject"].contains(error.name)
    }

    private func askAgainSoon() {
        guard let loop else { return }
        let at = loop.now(.monotonic) + 0.3
        if let askAgain {
            askAgain.reschedule(at: at)
        } else {
            askAgain = try? loop.addTimer(clock: .monotonic, at: at, accuracy: 0.05) { [weak self] in self?.askServer() }
        }
    }

    /// A server without the property answers with an error: it then has no do-not-disturb to respect.
    private func readDoNotDisturb(_ name: String, of interface: String) throws(BusError) {
        let asked = generation
        try bus.getProperty(name, of: interface, at: Self.path, on: Self.service) { [weak self] result in
            guard let self, generation == asked, case .success(let value) = result, let flag = value.boolValue else { return }
            publishingChanges { doNotDisturbFlags[interface] = flag }
        }
    }

    private func propertiesChanged(_ changes: PropertyChanges) {
        guard changes.sender == owner else { return }
        for property in Self.doNotDisturbProperties where property.interface == changes.interface {
            if let flag = changes.changed[property.name]?.boolValue {
                publishingChanges { doNotDisturbFlags[property.interface] = flag }
            } else if changes.invalidated.contains(property.name) {
                try? readDoNotDisturb(property.name, of: property.interface)
            }
        }
    }

    private func actionInvoked(_ signal: BusSignal) {
        guard signal.sender == owner, signal.arguments.count == 2, let id = signal.arguments[0].uint32Value,
            ours.contains(id), let key = signal.arguments[1].stringValue, let action = NotificationAction(rawValue: key)
        else { return }
        onEvent(.actionInvoked(id: id, action))
    }

    private func notificationClosed(_ signal: BusSignal) {
        guard signal.sender == owner, signal.arguments.count == 2, let id = signal.arguments[0].uint32Value,
            let code = signal.arguments[1].uint32Value, ours.remove(id) != nil
        else { return }
        onEvent(.closed(id: id, NotificationCloseReason(code: code)))
    }

    /// Runs `change`, then tells the caller which of the published facts it altered.
    private func publishingChanges(_ change: () -> Void) {
        let wasAvailable = isAvailable
        let wasDoNotDisturb = doNotDisturb
        change()
        if isAvailable != wasAvailable { onEvent(.availabilityChanged(isAvailable)) }
        if doNotDisturb != wasDoNotDisturb { onEvent(.doNotDisturbChanged(doNotDisturb)) }
    }
}

// Bound to the thread of the event loop that dispatches its callbacks: never to be shared.
@available(*, unavailable) extension DesktopNotifier: Sendable {}
