import Glibc
import SitBreakCLI
import SitBreakDesktop
import SitBreakProtocol

/// Run by the desktop session's autostart entry (`sitbreak-session.desktop`): hands the
/// session's display to sitbreakd, which the user manager started before the session existed.
struct Desktop: CtlCommand, PlainCommand {
    static let spec = CtlSpec(
        name: "desktop",
        abstract: "Hand this desktop session's display to sitbreakd (run at login by its autostart entry).",
        discussion: """
            Sends DISPLAY, WAYLAND_DISPLAY, XAUTHORITY, XDG_CURRENT_DESKTOP and XDG_SESSION_TYPE as this \
            command sees them. sitbreakd also hears a session that hands them to the user manager \
            (dbus-update-activation-environment --systemd) or starts graphical-session.target.
            """,
        action: Desktop.self)

    func run() throws {
        var environment: [String: String] = [:]
        for name in DesktopEnvironment.names {
            if let value = getenv(name) { environment[name] = String(cString: value) }
        }
        let handed = DesktopEnvironment(environment)
        guard let status = try DaemonConnection.open().request(ControlRequest(.desktop, environment: handed.variables)) else {
            return
        }
        print("sitbreakd reads \(handed.summary); input from \(status.activitySources.joined(separator: ", "))")
    }
}
