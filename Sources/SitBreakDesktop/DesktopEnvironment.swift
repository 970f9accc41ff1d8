
/// The variables through which sitbreakd reaches a desktop session: what a session hands to
/// the user manager (`dbus-update-activation-environment --systemd`, `systemctl --user
/// import-environment`) when it starts, long after the service did.
public struct DesktopEnvironment: Equatable, Sendable {
    /// The names a session hands over that matter here: the display servers to read idle time
    /// from, the X cookie, and which desktop it is (for advice and do-not-disturb).
    public static let names = ["DISPLAY", "WAYLAND_DISPLAY", "XAUTHORITY", "XDG_CURRENT_DESKTOP", "XDG_SESSION_TYPE"]

    /// Only `names`, and only those with a value.
    public private(set) var variables: [String: String]

    public init(_ environment: [String: String] = [:]) {
        variables = environment.filter { Self.names.contains($0.key) && !$0.value.isEmpty }
    }

    /// From an environment block of `NAME=value` strings, as the user manager's `Environment`
    /// property lists it.
    public init(block: [String]) {
        var environment: [String: String] = [:]
        for entry in block {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            environment[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        self.init(environment)
    }

    public var display: String? { variables["DISPLAY"] }
    public var waylandDisplay: String? { variables["WAYLAND_DISPLAY"] }
    public var xAuthority: String? { variables["XAUTHORITY"] }

    /// `XDG_CURRENT_DESKTOP`'s names (`ubuntu:GNOME` is two), lowercased.
    public var desktopNames: [String] {
        (variables["XDG_CURRENT_DESKTOP"] ?? "").split(separator: ":").map { $0.lowercased() }
    }

    /// A display server to connect to is named.
    public var namesDisplay: Bool { display != nil || waylandDisplay != nil }

    /// "DISPLAY=:1 WAYLAND_DISPLAY=wayland-0", for the journal; "no display" when neither is set.
    public var summary: String {
        let shown = ["DISPLAY", "WAYLAND_DISPLAY"].compactMap { name in variables[name].map { "\(name)=\($0)" } }
        return shown.isEmpty ? "no display" : shown.joined(separator: " ")
    }
}

/// Which desktop environment sitbreakd reaches, as sessions hand theirs over. The process's
/// own environment is the start; after that the user manager's environment counts by what
/// changes in it (a session sets `DISPLAY`; a session that ends unsets it), and a session that
/// announces itself (`sitbreakctl desktop` from its autostart) is taken as it says.
///
/// The first reading of the manager only adds: a daemon started by hand in a desktop terminal
/// keeps the display its own environment names, though the manager may know none.
public struct DesktopHandover: Equatable, Sendable {
    public private(set) var current: DesktopEnvironment
    /// The manager's environment as last read; nil before the first reading.
    private var managerSaid: DesktopEnvironment?

    public init(started environment: DesktopEnvironment) {
        current = environment
    }

    public enum Outcome: Equatable, Sendable {
        /// `current` is new: the display servers must be reached again.
        case changed(from: DesktopEnvironment)
        /// Nothing new; a session may still have come back on the same display.
        case unchanged
    }

    /// The user manager's environment was read.
    public mutating func managerEnvironment(_ environment: DesktopEnvironment) -> Outcome {
        let before = current
        var variables = current.variables
        if let previous = managerSaid {
            for name in DesktopEnvironment.names where previous.variables[name] != environment.variables[name] {
                variables[name] = environment.variables[name]
            }
        } else {
            variables.merge(environment.variables) { _, manager in manager }
        }
        managerSaid = environment
        current = DesktopEnvironment(variables)
        return current == before ? .unchanged : .changed(from: before)
    }

    /// A session said which environment it runs in.
    public mutating func announced(_ environment: DesktopEnvironment) -> Outcome {
        let before = current
        current = environment
        return current == before ? .unchanged : .changed(from: before)
    }
}
