
/// What to do when sitbreak cannot reach part of the desktop, worded for the desktop at hand:
/// a GNOME, KDE or Xfce user is never told to install another notification server.
public enum DesktopAdvice {
    /// The command a session runs to hand `names` (e.g. "DISPLAY XAUTHORITY") to the user
    /// manager and the bus; sitbreakd hears it and picks the desktop up without a restart.
    public static func handOver(_ names: String) -> String {
        "dbus-update-activation-environment --systemd \(names)"
    }

    /// The desktops whose advice differs, from `XDG_CURRENT_DESKTOP`.
    public enum Desktop: Equatable, Sendable {
        case gnome, kde, xfce, wlroots, other

        /// The shells that own these names on the session bus, for a session that did not hand
        /// `XDG_CURRENT_DESKTOP` over.
        public static let shellBusNames: [(name: String, desktop: Desktop)] = [
            ("org.gnome.Shell", .gnome), ("org.kde.plasmashell", .kde), ("org.xfce.SessionManager", .xfce),
        ]

        /// From `XDG_CURRENT_DESKTOP`, else from the shell that owns one of `shellBusNames`.
        public init(_ environment: DesktopEnvironment, ownedBusNames: Set<String>) {
            self.init(environment)
            guard self == .other, let shell = Self.shellBusNames.first(where: { ownedBusNames.contains($0.name) }) else { return }
            self = shell.desktop
        }

        public init(_ environment: DesktopEnvironment) {
            let names = environment.desktopNames
            if names.contains("gnome") {
                self = .gnome
            } else if names.contains("kde") {
                self = .kde
            } else if names.contains("xfce") {
                self = .xfce
            } else if !names.isEmpty, names.allSatisfy(["sway", "wlroots", "hyprland", "river", "labwc", "wayfire"].contains) {
                self = .wlroots
            } else {
                self = .other
            }
        }
    }

    /// A desktop is here but its keyboard and mouse cannot be read.
    public static func fixForUnseenInput(environment: DesktopEnvironment) -> String {
        if !environment.namesDisplay {
            return "the session did not hand its display over; from a terminal in it run `\(handOver("DISPLAY WAYLAND_DISPLAY XAUTHORITY"))`"
        }
        if environment.display != nil {
            return "check that \(environment.summary) is this session's and hand its cookie over too: `\(handOver("DISPLAY XAUTHORITY"))`"
        }
        return "this compositor offers no idle protocol sitbreak reads (ext-idle-notify-v1, org_kde_kwin_idle); "
            + "hand over XWayland's display as well (`\(handOver("DISPLAY"))`), or set [activity] sources = [\"manual\"] "
            + "and tell sitbreak with `sitbreakctl away`/`back`"
    }

    /// No notification server on the session bus, nor one it can start: the command that
    /// brings one on this desktop (GNOME and Plasma show notifications in their own shell).
    public static func notificationServerFix(for desktop: Desktop) -> String {
        switch desktop {
        case .gnome: "systemctl --user restart 'org.gnome.Shell@*.service'"
        case .kde: "systemctl --user restart plasma-plasmashell.service"
        case .xfce: "sudo apt install xfce4-notifyd"
        case .wlroots: "sudo apt install mako-notifier"
        case .other: "sudo apt install dunst"
        }
    }
}
