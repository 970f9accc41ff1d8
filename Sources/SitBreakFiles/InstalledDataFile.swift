import Glibc

/// Files `make install` or a package puts under the XDG data directories: the icon, the
/// figures of the moves.
public enum InstalledDataFile {
    public typealias Environment = @Sendable (String) -> String?
    public static let processEnvironment: Environment = { getenv($0).map { String(cString: $0) } }

    /// The first readable `relativePath` under `$XDG_DATA_HOME` (else `~/.local/share`), then
    /// under each of `$XDG_DATA_DIRS`, as the base-directory spec orders them.
    public static func path(_ relativePath: String, environment: Environment = processEnvironment) -> String? {
        var directories: [String] = []
        if let dataHome = environment("XDG_DATA_HOME"), dataHome.hasPrefix("/") {
            directories.append(dataHome)
        } else if let home = environment("HOME"), home.hasPrefix("/") {
            directories.append(home + "/.local/share")
        }
        let dataDirectories = environment("XDG_DATA_DIRS").flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/local/share:/usr/share"
        directories += dataDirectories.split(separator: ":").map(String.init).filter { $0.hasPrefix("/") }
        return directories.map { $0 + "/" + relativePath }.first { access($0, R_OK) == 0 }
    }

    /// The line figure of the move `id` (`sitbreak/figures/ID.svg`); a user's own in
    /// `~/.local/share/sitbreak/figures` comes first.
    public static func moveFigure(id: String, environment: Environment = processEnvironment) -> String? {
        path("sitbreak/figures/\(id).svg", environment: environment)
    }
}
