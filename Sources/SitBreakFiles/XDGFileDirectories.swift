import Glibc

/// Where sitbreak's config and state files are, after the XDG Base Directory specification:
/// all that commands which only read files (`stats`, `exercises`) need, so they work without
/// a login session's `XDG_RUNTIME_DIR` (over `su`, in cron, in a container).
public struct XDGFileDirectories: Equatable, Sendable {
    /// `$XDG_CONFIG_HOME`, else `$HOME/.config`: other programs' settings are read from there
    /// too (dconf's database).
    public var configHome: String
    /// `configHome/sitbreak`.
    public var configDirectory: String
    /// `$XDG_STATE_HOME/sitbreak`, else `$HOME/.local/state/sitbreak`.
    public var stateDirectory: String

    public static let variableNames = ["HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"]

    /// The spec says to ignore relative values, as if the variable were unset.
    public init(environment: [String: String]) throws(XDGPathsError) {
        func base(_ name: String, homeRelative: String) throws(XDGPathsError) -> String {
            if let value = XDGFileDirectories.absolute(environment[name]) { return value }
            guard let home = XDGFileDirectories.absolute(environment["HOME"]) else { throw .noHome(variable: name) }
            return home + homeRelative
        }
        configHome = try base("XDG_CONFIG_HOME", homeRelative: "/.config")
        configDirectory = configHome + "/sitbreak"
        stateDirectory = try base("XDG_STATE_HOME", homeRelative: "/.local/state") + "/sitbreak"
    }

    /// From this process's environment.
    public static func current() throws(XDGPathsError) -> XDGFileDirectories {
        try XDGFileDirectories(environment: processValues(of: variableNames))
    }

    /// The named variables of this process's environment; unset ones are left out.
    static func processValues(of names: [String]) -> [String: String] {
        var environment: [String: String] = [:]
        for name in names { environment[name] = getenv(name).map { String(cString: $0) } }
        return environment
    }

    /// An absolute path without trailing slashes, so `/` becomes the empty prefix of
    /// `/sitbreak`; nil for an unset or relative value.
    static func absolute(_ value: String?) -> String? {
        guard var value = value?[...], value.hasPrefix("/") else { return nil }
        while value.last == "/" { value.removeLast() }
        return String(value)
    }
}
