import SitBreakBus
import SitBreakEventLoop

/// Applications that ask the desktop not to go idle (a video playing, a call, slides), from
/// what each desktop announces:
/// - GNOME's session manager (`org.gnome.SessionManager`, where `org.freedesktop.ScreenSaver`
///   and the inhibit portal lead on GNOME): `InhibitorAdded`/`InhibitorRemoved`, then
///   `IsInhibited(8)`, the idle flag;
/// - KDE's power management (`org.freedesktop.PowerManagement.Inhibit`): `HasInhibitChanged`;
/// - logind's `idle` inhibitors (`systemd-inhibit --what=idle`): the manager's
///   `BlockInhibited`, through `PropertiesChanged`.
/// A Wayland client's own idle inhibitor is not visible to others; the compositor then simply
/// does not report idle, which comes to the same.
final class IdleInhibitorWatch {
    private static let gnome = (service: "org.gnome.SessionManager", path: "/org/gnome/SessionManager")
    private static let kde = (
        service: "org.freedesktop.PowerManagement", path: "/org/freedesktop/PowerManagement/Inhibit",
        interface: "org.freedesktop.PowerManagement.Inhibit")
    private static let logind = (
        service: "org.freedesktop.login1", path: "/org/freedesktop/login1", interface: "org.freedesktop.login1.Manager")
    /// GsmInhibitorFlag: "inhibit the session being marked as idle".
    private static let gnomeIdleFlag: UInt32 = 8

    private let link: SessionBusLink
    private var observation: SessionBusLink.Observation?
    private let system: BusConnection?
    private var sessionSubscriptions: [BusSubscription] = []
    private var systemSubscriptions: [BusSubscription] = []
    /// Who says so, by desktop: "GNOME", "KDE", "logind".
    private var inhibitedBy: [String: Bool] = [:]
    /// The services that answered, for `doctor`.
    private(set) var watching: Set<String> = []

    /// `inhibited` changed.
    var onChange: () -> Void = {}

    var inhibited: Bool { inhibitedBy.values.contains(true) }

    init(session link: SessionBusLink, loop: EventLoop) {
        self.link = link
        system = try? BusConnection(systemBusFor: loop)
        observation = link.observe { [weak self] bus in self?.followSession(bus) }
        followSession(link.connection)
        followLogind()
    }

    private func set(_ who: String, _ value: Bool?) {
        let before = inhibited
        inhibitedBy[who] = value
        if value == nil { watching.remove(who) } else { watching.insert(who) }
        if inhibited != before { onChange() }
    }

    private func followSession(_ bus: BusConnection?) {
        sessionSubscriptions = []
        set("GNOME", nil)
        set("KDE", nil)
        guard let bus else { return }
        do {
            for member in ["InhibitorAdded", "InhibitorRemoved"] {
                sessionSubscriptions.append(
                    try bus.subscribe(
                        to: BusMatch(sender: Self.gnome.service, path: Self.gnome.path, interface: Self.gnome.service, member: member)
                    ) { [weak self] _ in self?.askGnome() })
            }
            sessionSubscriptions.append(try bus.watchOwner(of: Self.gnome.service) { [weak self] owner in
                if owner == nil { self?.set("GNOME", nil) } else { self?.askGnome() }
            })
            sessionSubscriptions.append(
                try bus.subscribe(
                    to: BusMatch(sender: Self.kde.service, path: Self.kde.path, interface: Self.kde.interface, member: "HasInhibitChanged")
                ) { [weak self] signal in self?.set("KDE", signal.arguments.first?.boolValue ?? false) })
            sessionSubscriptions.append(try bus.watchOwner(of: Self.kde.service) { [weak self] owner in
                if owner == nil { self?.set("KDE", nil) } else { self?.askKDE() }
            })
        } catch {
            sessionSubscriptions = []
        }
    }

    private func askGnome() {
        let call = BusMethodCall(
            destination: Self.gnome.service, path: Self.gnome.path, interface: Self.gnome.service, member: "IsInhibited",
            arguments: [.uint32(Self.gnomeIdleFlag)])
        try? link.connection?.call(call) { [weak self] result in
            guard let value = (try? result.get())?.first?.boolValue else { return }
            self?.set("GNOME", value)
        }
    }

    private func askKDE() {
        let call = BusMethodCall(destination: Self.kde.service, path: Self.kde.path, interface: Self.kde.interface, member: "HasInhibit")
        try? link.connection?.call(call) { [weak self] result in
            guard let value = (try? result.get())?.first?.boolValue else { return }
            self?.set("KDE", value)
        }
    }

    private func followLogind() {
        guard let system else { return }
        do {
            systemSubscriptions = [
                try system.watchProperties(of: Self.logind.interface, at: Self.logind.path, from: Self.logind.service) {
                    [weak self] changes in
                    if let what = changes.changed["BlockInhibited"]?.stringValue {
                        self?.set("logind", Self.includesIdle(what))
                    } else if changes.invalidated.contains("BlockInhibited") {
                        self?.askLogind()
                    }
                },
                try system.watchOwner(of: Self.logind.service) { [weak self] owner in
                    if owner == nil { self?.set("logind", nil) } else { self?.askLogind() }
                },
            ]
        } catch {
            systemSubscriptions = []
        }
    }

    private func askLogind() {
        try? system?.getProperty("BlockInhibited", of: Self.logind.interface, at: Self.logind.path, on: Self.logind.service) {
            [weak self] result in
            guard let what = (try? result.get())?.stringValue else { return }
            self?.set("logind", Self.includesIdle(what))
        }
    }

    /// logind lists what is inhibited as "shutdown:sleep:idle".
    static func includesIdle(_ what: String) -> Bool {
        what.split(separator: ":").contains("idle")
    }
}
