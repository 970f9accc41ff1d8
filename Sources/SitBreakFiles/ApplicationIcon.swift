
/// sitbreak's icon as `make install` or the package installed it, for the `app_icon` of its
/// notifications: a `file://` URI when the file is found, which every server shows as it is,
/// else the icon's theme name. dunst and mako look a name up only under the base directory
/// that holds the theme's `index.theme` (`/usr/share/icons/hicolor`), so a per-user install's
/// icon in `~/.local/share/icons` would show as nothing there.
public enum ApplicationIcon {
    public static let name = "sitbreak"

    public static func reference(environment: InstalledDataFile.Environment = InstalledDataFile.processEnvironment) -> String {
        InstalledDataFile.path("icons/hicolor/scalable/apps/\(name).svg", environment: environment).map { "file://" + $0 } ?? name
    }
}
