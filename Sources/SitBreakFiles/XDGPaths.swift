import Glibc

/// Where sitbreak keeps its files, after the XDG Base Directory specification, and its
/// per-login runtime directory.
public struct XDGPaths: Equatable, Sendable {
    /// `$XDG_CONFIG_HOME`, else `$HOME/.config`.
    public var configHome: String
    /// `configHome/sitbreak`.
    public var configDirectory: String
    /// `$XDG_STATE_HOME/sitbreak`, else `$HOME/.local/state/sitbreak`.
    public var stateDirectory: String
    /// `$XDG_RUNTIME_DIR/sitbreak`: the per-login directory systemd-logind creates and removes.
    public var runtimeDirectory: String

    public var controlSocket: String { runtimeDirectory + "/control.sock" }

    public static let variableNames = XDGFileDirectories.variableNames + ["XDG_RUNTIME_DIR"]

    /// The spec says to ignore relative values, as if the variable were unset.
    public init(environment: [String: String]) throws(XDGPathsError) {
        let files = try XDGFileDirectories(environment: environment)
        configHome = files.configHome
        configDirectory = files.configDirectory
        stateDirectory = files.stateDirectory
        guard let runtime = XDGFileDirectories.absolute(environment["XDG_RUNTIME_DIR"]) else {
            throw .noRuntimeDirectory(value: environment["XDG_RUNTIME_DIR"])
        }
        runtimeDirectory = runtime + "/sitbreak"
    }

    /// From this process's environment.
    public static func current() throws(XDGPathsError) -> XDGPaths {
        try XDGPaths(environment: XDGFileDirectories.processValues(of: variableNames))
    }
}

public enum XDGPathsError: Error, Equatable, CustomStringConvertible {
    /// `XDG_RUNTIME_DIR` unset, empty or relative (the value, if any).
    case noRuntimeDirectory(value: String?)
    /// Neither `variable` nor `HOME` is an absolute path.
    case noHome(variable: String)

    public var description: String {
        switch self {
        case .noRuntimeDirectory(let value):
            let problem =
                switch value {
                case nil, "": "is not set"
                case let value?: "is \"\(value)\", not an absolute path"
                }
            return "XDG_RUNTIME_DIR \(problem); log in through a session manager (systemd-logind) "
                + "or set it to /run/user/$(id -u)"
        case .noHome(let variable):
            return "neither \(variable) nor HOME is set to an absolute path; set HOME to your home directory"
        }
    }
}
