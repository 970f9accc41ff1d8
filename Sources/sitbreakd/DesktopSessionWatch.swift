import Glibc
import Logging
import SitBreakBus
import SitBreakDesktop
import SitBreakEventLoop
import SitBreakModel

/// Follows the desktop sessions that come and go while sitbreakd runs. The user manager starts
/// the service before any desktop exists; a session then hands its environment over, and each
/// way it can do so is heard here, without polling:
/// - the user manager's environment set over the bus (`dbus-update-activation-environment
///   --systemd`, gnome-session, KDE's startup), seen through a bus monitor, since the manager
///   announces no change of its `Environment`;
/// - `graphical-session.target` starting or stopping (the manager's `JobRemoved`);
/// - a desktop's own names appearing on the session bus (Mutter's idle monitor needs no display);
/// - the session's autostart entry running `sitbreakctl desktop` (`announce`);
/// - `reload`.
/// Each makes the manager's environment be read again; `DesktopHandover` decides what changed.
final class DesktopSessionWatch {
    /// Names a desktop session puts on the session bus: their arrival is a session arriving.
    static let desktopBusNames = DesktopAdvice.Desktop.shellBusNames.map(\.name) + ["org.gnome.Mutter.IdleMonitor", "org.kde.KWin"]
    static let graphicalSession = "graphical-session.target"
    private static let systemd = "org.freedesktop.systemd1"
    private static let managerPath = "/org/freedesktop/systemd1"
    private static let manager = "org.freedesktop.systemd1.Manager"
    /// Calls that change the user manager's environment, and the bus's own activation environment.
    private static let handoverRules = [
        "type='method_call',interface='\(manager)',member='SetEnvironment'",
        "type='method_call',interface='\(manager)',member='UnsetEnvironment'",
        "type='method_call',interface='\(manager)',member='UnsetAndSetEnvironment'",
        "type='method_call',interface='org.freedesktop.DBus',member='UpdateActivationEnvironment'",
    ]
    /// A session sets several variables in a row: read once they have all landed.
    private static let settleDelay: Seconds = 0.2

    private let link: SessionBusLink
    private var observation: SessionBusLink.Observation?
    private let loop: EventLoop
    private let logger: Logger
    private var handover: DesktopHandover
    private var subscriptions: [BusSubscription] = []
    private var monitor: BusMonitor?
    private var pendingRead: TimerHandle?
    private var triggers: [String] = []
    private var displaySockets: DisplaySocketWatch?
    /// The next of the later looks after a display server started, for a session that imports
    /// its environment a moment after its server listens; nil when none is left.
    private var lookAgain: TimerHandle?
    /// The socket those looks wait to see named in the manager's environment.
    private var awaitedSocket: String?
    /// Bumped with every new bus connection, so answers from an old one are dropped.
    private var generation = 0

    /// What changed and why: the new environment when it is new, else nil (a session may still
    /// have come back on the same display).
    var onHandover: (_ changed: DesktopEnvironment?, _ trigger: String) -> Void = { _, _ in }

    private(set) var graphicalSessionActive = false
    private(set) var ownedDesktopNames: Set<String> = []
    /// Why a session's environment could go unnoticed, for `status` and `doctor`.
    private(set) var monitorProblem: String?

    var current: DesktopEnvironment { handover.current }

    init(session link: SessionBusLink, loop: EventLoop, started: DesktopEnvironment, logger: Logger) {
        self.link = link
        self.loop = loop
        self.logger = logger
        handover = DesktopHandover(started: started)
        observation = link.observe { [weak self] bus in self?.follow(bus) }
        follow(link.connection)
        let runtime = getenv("XDG_RUNTIME_DIR").map { String(cString: $0) }
        displaySockets = DisplaySocketWatch(loop: loop, directories: ["/tmp/.X11-unix"] + (runtime.map { [$0] } ?? [])) {
            [weak self] name in self?.displayServerStarted(name)
        }
    }

    /// Seconds after a display server starts at which the manager's environment is read
    /// again, besides at once: a session imports its environment in its first seconds, and
    /// each look is one property read.
    static let looksAfterDisplayStarts: [Seconds] = [1, 2, 3, 5, 8, 13, 21, 30]

    private func displayServerStarted(_ name: String) {
        let trigger = "display socket \(name) appeared"
        reread(because: trigger)
        awaitedSocket = name
        let started = loop.now(.monotonic)
        var later = Self.looksAfterDisplayStarts[...]
        // One timer, moved along the schedule; each look reads at once, as nothing is left to
        // settle a second after the socket appeared.
        lookAgain = try? loop.addTimer(clock: .monotonic, at: started + later.removeFirst(), accuracy: 0.1) { [weak self] in
            guard let self else { return }
            triggers.append(trigger)
            readManagerEnvironment()
            if let next = later.popFirst() { lookAgain?.reschedule(at: started + next) } else { lookAgain = nil }
        }
    }

    /// What shows a desktop session is here, for `status`; nil when nothing does. A display
    /// variable alone does not: a session that ended may leave it behind, so its server must
    /// still listen.
    var presence: String? {
        if let name = Self.desktopBusNames.first(where: ownedDesktopNames.contains) { return "\(name) is on the session bus" }
        if graphicalSessionActive { return "\(Self.graphicalSession) is active" }
        if let listening = DisplaySockets.listening(current) { return "a display server listens at \(listening)" }
        return nil
    }

    /// A session told us its environment itself (`sitbreakctl desktop`).
    func announce(_ environment: DesktopEnvironment, by whom: String) {
        let outcome = handover.announced(environment)
        report(outcome, trigger: whom)
    }

    /// Reads the manager's environment again, soon; `trigger` says why, for the journal.
    func reread(because trigger: String) {
        triggers.append(trigger)
        if let pendingRead {
            if triggers.count == 1 { pendingRead.reschedule(at: loop.now(.monotonic) + Self.settleDelay) }
            return
        }
        pendingRead = try? loop.addTimer(clock: .monotonic, at: loop.now(.monotonic) + Self.settleDelay, accuracy: 0.05) {
            [weak self] in self?.readManagerEnvironment()
        }
    }

    private func follow(_ bus: BusConnection?) {
        generation += 1
        subscriptions = []
        monitor = nil
        ownedDesktopNames = []
        guard let bus else { return }
        do {
            // Without a sender: the user manager sends its job signals from a connection of its
            // own that does not own org.freedesktop.systemd1 (seen with systemd 252). Without
            // arg2 either: sd-bus matches an argument only after string ones, and the unit is
            // the third of (u, o, s, s). A look-alike signal only makes the environment be read.
            subscriptions.append(
                try bus.subscribe(to: BusMatch(path: Self.managerPath, interface: Self.manager, member: "JobRemoved")) {
                    [weak self] signal in self?.jobEnded(signal)
                })
            for name in Self.desktopBusNames {
                subscriptions.append(try bus.watchOwner(of: name) { [weak self] owner in self?.desktopName(name, owner: owner) })
            }
            // The manager sends unit and job signals only while someone has subscribed.
            try bus.call(BusMethodCall(destination: Self.systemd, path: Self.managerPath, interface: Self.manager, member: "Subscribe")) {
                _ in
            }
        } catch {
            logger.warning("desktop sessions: cannot follow the user manager: \(error)")
        }
        readGraphicalSessionState(on: bus)
        openMonitor()
        reread(because: "start")
    }

    private func openMonitor() {
        do {
            let monitor = try BusMonitor(sessionBusFor: loop, matching: Self.handoverRules) { [weak self] copy in
                self?.reread(because: copy.member)
            }
            monitor.onDisconnect = { [weak self] in self?.monitorLost() }
            self.monitor = monitor
            monitorProblem = nil
        } catch {
            monitorProblem = "desktop sessions: cannot hear them hand their environment over on the bus (\(error)); "
                + "after a session starts, run `sitbreakctl reload`"
            logger.notice("\(monitorProblem ?? "")")
        }
    }

    /// The monitor is kept until the link's next connection brings a new one: this runs inside
    /// its own dispatch, where releasing it would pull the connection from under sd-bus.
    private func monitorLost() {
        monitorProblem = "desktop sessions: the bus monitor was disconnected; after a session starts, run `sitbreakctl reload`"
    }

    private func readManagerEnvironment() {
        pendingRead?.cancel()
        pendingRead = nil
        let trigger = triggers.joined(separator: ", ")
        triggers = []
        guard let bus = link.connection else {
            // A session bus that comes later is read on arrival (`follow`); looking before it is
            // idle. What made us look may still matter: an X server back on its display.
            lookAgain = nil
            report(.unchanged, trigger: trigger)
            return
        }
        let asked = generation
        do {
            try bus.getProperty("Environment", of: Self.manager, at: Self.managerPath, on: Self.systemd) { [weak self] result in
                guard let self, generation == asked else { return }
                switch result {
                case .success(let value):
                    let outcome = handover.managerEnvironment(DesktopEnvironment(block: value.stringArrayValue ?? []))
                    // The new server's session has handed over: the later looks would find what
                    // this one found. Another change (the last session's display unset) is not it.
                    if let awaitedSocket, DisplaySockets.names(awaitedSocket, in: current) { lookAgain = nil }
                    report(outcome, trigger: trigger)
                case .failure(let error):
                    // No user manager on this bus (sitbreakd started by hand, a test's private
                    // bus): the later looks would fail the same way.
                    logger.debug("desktop sessions: the user manager's environment is unknown: \(error)")
                    lookAgain = nil
                    report(.unchanged, trigger: trigger)
                }
            }
        } catch {
            report(.unchanged, trigger: trigger)
        }
    }

    private func report(_ outcome: DesktopHandover.Outcome, trigger: String) {
        switch outcome {
        case .changed(let before):
            logger.notice("desktop session: \(current.summary) (was \(before.summary); from \(trigger))")
            onHandover(current, trigger)
        case .unchanged:
            onHandover(nil, trigger)
        }
    }

    private func readGraphicalSessionState(on bus: BusConnection) {
        let asked = generation
        let getUnit = BusMethodCall(
            destination: Self.systemd, path: Self.managerPath, interface: Self.manager, member: "GetUnit",
            arguments: [.string(Self.graphicalSession)])
        try? bus.call(getUnit) { [weak self] result in
            // An error means the unit is not loaded: not active.
            guard let self, generation == asked, let path = (try? result.get())?.first?.stringValue else { return }
            try? bus.getProperty("ActiveState", of: "org.freedesktop.systemd1.Unit", at: path, on: Self.systemd) {
                [weak self] state in
                guard let self, generation == asked, let state = (try? state.get())?.stringValue else { return }
                graphicalSessionActive = state == "active" || state == "activating"
            }
        }
    }

    /// `JobRemoved(id, job, unit, result)`: graphical-session.target's start or stop is done.
    private func jobEnded(_ signal: BusSignal) {
        guard signal.arguments.count == 4, signal.arguments[2].stringValue == Self.graphicalSession,
            let result = signal.arguments[3].stringValue
        else { return }
        if let bus = link.connection { readGraphicalSessionState(on: bus) }
        reread(because: "\(Self.graphicalSession) job \(result)")
    }

    private func desktopName(_ name: String, owner: String?) {
        let had = ownedDesktopNames.contains(name)
        if let owner, !owner.isEmpty { ownedDesktopNames.insert(name) } else { ownedDesktopNames.remove(name) }
        if !had, ownedDesktopNames.contains(name) { reread(because: "\(name) appeared") }
        if had, !ownedDesktopNames.contains(name) { reread(because: "\(name) left") }
    }
}
