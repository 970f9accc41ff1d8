import Glibc

/// sitbreak's icon as `make install` or the package installed it, for the `app_icon` of its
/// notifications: a `file://` URI when the file is found, which every server shows as it is,
/// else the icon's theme name. dunst and mako look a name up only under the base directory
/// that holds the theme's `index.theme` (`/usr/share/icons/hicolor`), so a per-user install's
/// icon in `~/.local/share/icons` would show as nothing there.
public enum ApplicationIcon {
    public static let name = "sitbreak"

    /// Where the XDG base-directory spec puts data: `$XDG_DATA_HOME`, then `$XDG_DATA_DIRS`.
    public static func reference(environment: (String) -> String? = { getenv($0).map { String(cString: $0) } }) -> String {
        var directories: [String] = []
        if let dataHome = environment("XDG_DATA_HOME"), dataHome.hasPrefix("/") {
            directories.append(dataHome)
        } else if let home = environment("HOME"), home.hasPrefix("/") {
            directories.append(home + "/.local/share")
        }
        let dataDirectories = environment("XDG_DATA_DIRS").flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/local/share:/usr/share"
        directories += dataDirectories.split(separator: ":").map(String.init).filter { $0.hasPrefix("/") }
        for directory in directories {
            let path = directory + "/icons/hicolor/scalable/apps/\(name).svg"
            if access(path, R_OK) == 0 { return "file://" + path }
        }
        return name
    }
}
