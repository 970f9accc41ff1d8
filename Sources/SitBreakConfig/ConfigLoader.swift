import SitBreakFiles
import SitBreakTOML
#if canImport(Glibc)
import Glibc
#endif
import SitBreakModel

/// Reads `config.toml` into `Settings`. Keys a file leaves out take the built-in values, so a
/// file may hold a single line; anything wrong comes back as a `ConfigError` naming its place.
public enum ConfigLoader {
    /// The built-in settings: `config/config.toml` from the repository, embedded at build time.
    public static let defaults: Settings = {
        do {
            return try read(embeddedDefaultConfig, path: builtInPath, base: nil)
        } catch {
            // The tests parse the same file, so this only fires on a build that skipped them.
            fatalError("the built-in config is invalid: \(error)")
        }
    }()

    /// How error messages name the built-in config.
    private static let builtInPath = "(built-in config.toml)"

    /// `base` gives the keys the text leaves out: the built-in settings, or the site's.
    public static func parse(_ text: String, path: String, over base: Settings = defaults) throws(ConfigError) -> Settings {
        try read(text, path: path, base: base)
    }

    /// The commented default config, as shipped: what a user starts editing from.
    public static var defaultText: String { embeddedDefaultConfig }

    /// Writes the commented defaults to `path` (which must not exist yet), making its
    /// directory (mode 0700) when needed.
    public static func writeDefaults(to path: String) throws(StateFileError) {
        try StateFile(path: path).save(Array(defaultText.utf8))
    }

    public static func load(path: String, over base: Settings = defaults) throws(ConfigError) -> Settings {
        try load(path: path, whenMissing: nil, base: base)
    }

    /// Like `load`, but a file that does not exist means `base`: users need no config file.
    public static func loadIfPresent(path: String, over base: Settings = defaults) throws(ConfigError) -> Settings {
        try load(path: path, whenMissing: base, base: base)
    }

    /// The site-wide config files an administrator sets defaults in, most important first:
    /// `sitbreak/config.toml` in each absolute directory of `$XDG_CONFIG_DIRS`, else in
    /// `/etc/xdg` (the XDG base-directory spec; the Debian package installs the latter).
    public static func sitePaths(environment: [String: String]) -> [String] {
        let listed = (environment["XDG_CONFIG_DIRS"] ?? "").split(separator: ":").filter { $0.hasPrefix("/") }
        let directories = listed.isEmpty ? ["/etc/xdg"[...]] : listed
        return directories.map { directory in
            var directory = directory
            while directory.last == "/" { directory.removeLast() }
            return directory + "/sitbreak/config.toml"
        }
    }

    /// What a user without a config file of their own runs on: each site file that exists laid
    /// over the next less important one, over the built-in settings.
    public static func siteSettings(sitePaths: [String]) throws(ConfigError) -> Settings {
        var settings = defaults
        for path in sitePaths.reversed() {
            settings = try loadIfPresent(path: path, over: settings)
        }
        return settings
    }

    /// `$XDG_CONFIG_HOME/sitbreak/config.toml`, else `$HOME/.config/sitbreak/config.toml`;
    /// nil when neither variable holds an absolute path.
    public static func defaultPath(environment: [String: String]) -> String? {
        func absolute(_ name: String) -> String? {
            guard let value = environment[name], value.hasPrefix("/") else { return nil }
            return value.hasSuffix("/") ? String(value.dropLast()) : value
        }
        if let configHome = absolute("XDG_CONFIG_HOME") { return configHome + "/sitbreak/config.toml" }
        if let home = absolute("HOME") { return home + "/.config/sitbreak/config.toml" }
        return nil
    }

    /// A config file is a few kilobytes; anything past this is not one.
    public static let sizeLimit = 256 * 1024

    private static func load(path: String, whenMissing: Settings?, base: Settings) throws(ConfigError) -> Settings {
        guard let text = try textIfPresent(path: path) else {
            if let whenMissing { return whenMissing }
            throw ConfigError(path: path, problem: "cannot read: no such file")
        }
        return try parse(text, path: path, over: base)
    }

    /// The file's text; nil when there is no such file.
    static func textIfPresent(path: String) throws(ConfigError) -> String? {
        let read: [UInt8]?
        do {
            read = try BoundedFile.read(path, limit: sizeLimit, what: "a config file")
        } catch {
            throw ConfigError(path: path, problem: error.problem)
        }
        guard let bytes = read else { return nil }
        do throws(TOMLSyntaxError) {
            return try TOMLDocument.text(fromUTF8: bytes)
        } catch {
            throw ConfigError(path: path, line: error.line, column: error.column, problem: error.message)
        }
    }

    private static func read(_ text: String, path: String, base: Settings?) throws(ConfigError) -> Settings {
        try SettingsReader.read(ConfigDocument(text: text, path: path), base: base)
    }
}
