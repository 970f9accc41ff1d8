import Logging
import SitBreakBus
import SitBreakEventLoop
import SitBreakFiles

/// The desktop's own "do not disturb" switch, for the notification servers that do not carry
/// it on their own interface (KDE's `Inhibited` and dunst's `paused` are read by
/// `DesktopNotifier`). Which switch is watched follows the server that runs:
/// - GNOME Shell: `org.gnome.desktop.notifications show-banners`, the top bar's switch, read
///   from dconf's own file whenever dconf-service announces a change (no GIO);
/// - xfce4-notifyd: `/do-not-disturb` in xfconf's `xfce4-notifyd` channel, read and followed
///   over the bus;
/// - mako: its modes; one named `do-not-disturb` (mako's documented example) is quiet. mako 1.7
///   announces no change of modes, so a bus monitor hears `makoctl mode` set them.
/// Nothing is polled.
final class DoNotDisturbWatch {
    enum Switch: Equatable, Sendable {
        case gnomeBanners, xfceNotifyd, makoModes

        /// From `GetServerInformation`'s name.
        init?(serverName: String) {
            switch serverName {
            case "gnome-shell": self = .gnomeBanners
            case "Xfce Notify Daemon", "xfce4-notifyd": self = .xfceNotifyd
            case "mako": self = .makoModes
            default: return nil
            }
        }

        var description: String {
            switch self {
            case .gnomeBanners: "GNOME's notification banners switch (dconf show-banners)"
            case .xfceNotifyd: "xfce4-notifyd's do-not-disturb (xfconf)"
            case .makoModes: "mako's do-not-disturb mode"
            }
        }
    }

    static let bannersKey = "/org/gnome/desktop/notifications/show-banners"
    static let makoQuietMode = "do-not-disturb"
    private static let xfconf = (service: "org.xfce.Xfconf", path: "/org/xfce/Xfconf", channel: "xfce4-notifyd", property: "/do-not-disturb")
    /// mako serves its own interface under the notification service's name.
    private static let mako = (service: "org.freedesktop.Notifications", path: "/fr/emersion/Mako", interface: "fr.emersion.Mako")

    private let link: SessionBusLink
    private let loop: EventLoop
    private let dconfPath: String
    private let logger: Logger
    private var subscriptions: [BusSubscription] = []
    private var monitor: BusMonitor?
    /// Bumped at each change of switch, so late answers about the last one are dropped.
    private var generation = 0

    private(set) var watching: Switch?
    private(set) var quiet = false
    /// `quiet` changed.
    var onChange: (Bool) -> Void = { _ in }

    /// `dconfPath` is the user's dconf database (`$XDG_CONFIG_HOME/dconf/user`).
    init(session link: SessionBusLink, loop: EventLoop, dconfPath: String, logger: Logger) {
        self.link = link
        self.loop = loop
        self.dconfPath = dconfPath
        self.logger = logger
    }

    /// The notification server is now the one named (nil: none runs).
    func follow(serverName: String?) {
        let wanted = serverName.flatMap(Switch.init(serverName:))
        guard wanted != watching else { return }
        generation += 1
        subscriptions = []
        monitor = nil
        watching = wanted
        guard let wanted, let bus = link.connection else { return set(false) }
        do {
            switch wanted {
            case .gnomeBanners:
                subscriptions.append(
                    try bus.subscribe(
                        to: BusMatch(path: "/ca/desrt/dconf/Writer/user", interface: "ca.desrt.dconf.Writer", member: "Notify")
                    ) { [weak self] signal in self?.dconfChanged(signal) })
                readBanners()
            case .xfceNotifyd:
                for member in ["PropertyChanged", "PropertyRemoved"] {
                    subscriptions.append(
                        try bus.subscribe(
                            to: BusMatch(
                                sender: Self.xfconf.service, path: Self.xfconf.path, interface: Self.xfconf.service,
                                member: member, arguments: [0: Self.xfconf.channel, 1: Self.xfconf.property])
                        ) { [weak self] _ in self?.readXfconf() })
                }
                readXfconf()
            case .makoModes:
                monitor = try BusMonitor(
                    sessionBusFor: loop,
                    matching: ["SetModes", "SetMode"].map {
                        "type='method_call',interface='\(Self.mako.interface)',member='\($0)'"
                    }
                ) { [weak self] _ in self?.readMakoModes() }
                readMakoModes()
            }
            logger.info("do-not-disturb: following \(wanted.description)")
        } catch {
            logger.warning("do-not-disturb: cannot follow \(wanted.description): \(error)")
        }
    }

    private func set(_ quiet: Bool) {
        guard quiet != self.quiet else { return }
        self.quiet = quiet
        onChange(quiet)
    }

    /// `Notify(prefix, changes, tag)`: `prefix` alone, or a directory and the keys under it.
    private func dconfChanged(_ signal: BusSignal) {
        guard let prefix = signal.arguments.first?.stringValue else { return }
        let keys = (signal.arguments.count > 1 ? signal.arguments[1].stringArrayValue : nil) ?? [""]
        if keys.contains(where: { Self.bannersKey.hasPrefix(prefix + $0) }) { readBanners() }
    }

    /// Unset, the banners are shown: GNOME's default.
    private func readBanners() {
        set(GVDBFile.load(path: dconfPath)?.bool(at: Self.bannersKey) == false)
    }

    /// A property never set is not there: do-not-disturb is off.
    private func readXfconf() {
        let asked = generation
        let get = BusMethodCall(
            destination: Self.xfconf.service, path: Self.xfconf.path, interface: Self.xfconf.service, member: "GetProperty",
            arguments: [.string(Self.xfconf.channel), .string(Self.xfconf.property)])
        try? link.connection?.call(get) { [weak self] result in
            guard let self, generation == asked else { return }
            set((try? result.get())?.first?.unwrapped.boolValue ?? false)
        }
    }

    private func readMakoModes() {
        let asked = generation
        let list = BusMethodCall(
            destination: Self.mako.service, path: Self.mako.path, interface: Self.mako.interface, member: "ListModes")
        try? link.connection?.call(list) { [weak self] result in
            guard let self, generation == asked else { return }
            set((try? result.get())?.first?.stringArrayValue?.contains(Self.makoQuietMode) ?? false)
        }
    }
}
