import Glibc
import SitBreakDesktop

/// Where the display servers an environment names listen: an X server on
/// `/tmp/.X11-unix/X<n>`, a Wayland compositor on its socket under `XDG_RUNTIME_DIR`.
enum DisplaySockets {
    /// The first named display whose socket exists ("DISPLAY=:0"); nil when none does. A
    /// display on another host cannot be checked and counts as listening.
    static func listening(_ environment: DesktopEnvironment) -> String? {
        if let display = environment.display, xSocket(display).map(isSocket) ?? true { return "DISPLAY=\(display)" }
        if let name = environment.waylandDisplay, let path = waylandSocket(name), isSocket(path) {
            return "WAYLAND_DISPLAY=\(name)"
        }
        return nil
    }

    /// Whether `environment` points at the display socket `name` (`X1`, `wayland-1`).
    static func names(_ name: String, in environment: DesktopEnvironment) -> Bool {
        if let display = environment.display, let path = xSocket(display), path.hasSuffix("/" + name) { return true }
        guard let wayland = environment.waylandDisplay else { return false }
        return wayland == name || wayland.hasSuffix("/" + name)
    }

    /// `:0`, `:0.1` and `unix:0` are local; `host:0` is not (nil).
    static func xSocket(_ display: String) -> String? {
        guard let colon = display.lastIndex(of: ":") else { return nil }
        let host = display[..<colon]
        guard host.isEmpty || host == "unix" else { return nil }
        let number = display[display.index(after: colon)...].prefix { $0 != "." }
        return number.isEmpty ? nil : "/tmp/.X11-unix/X\(number)"
    }

    /// An absolute name is the socket itself; others are under `XDG_RUNTIME_DIR`.
    static func waylandSocket(_ name: String) -> String? {
        if name.hasPrefix("/") { return name }
        guard let runtime = getenv("XDG_RUNTIME_DIR") else { return nil }
        return String(cString: runtime) + "/" + name
    }

    private static func isSocket(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFSOCK
    }
}
