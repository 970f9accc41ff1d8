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

    public static func parse(_ text: String, path: String) throws(ConfigError) -> Settings {
        try read(text, path: path, base: defaults)
    }

    /// The commented default config, as shipped: what a user starts editing from.
    public static var defaultText: String { embeddedDefaultConfig }

    /// Writes the commented defaults to `path` (which must not exist yet), making its
    /// directory (mode 0700) when needed.
    public static func writeDefaults(to path: String) throws(StateFileError) {
        try StateFile(path: path).save(Array(defaultText.utf8))
    }

    public static func load(path: String) throws(ConfigError) -> Settings {
        try load(path: path, whenMissing: nil)
    }

    /// Like `load`, but a file that does not exist means the defaults: users need no config file.
    public static func loadIfPresent(path: String) throws(ConfigError) -> Settings {
        try load(path: path, whenMissing: defaults)
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

    private static func load(path: String, whenMissing: Settings?) throws(ConfigError) -> Settings {
        let read: [UInt8]?
        do {
            read = try BoundedFile.read(path, limit: sizeLimit, what: "a config file")
        } catch {
            throw ConfigError(path: path, problem: error.problem)
        }
        guard let bytes = read else {
            if let whenMissing { return whenMissing }
            throw ConfigError(path: path, problem: "cannot read: no such file")
        }
        let text: String
        do throws(TOMLSyntaxError) {
            text = try TOMLDocument.text(fromUTF8: bytes)
        } catch {
            throw ConfigError(path: path, line: error.line, column: error.column, problem: error.message)
        }
        return try parse(text, path: path)
    }

    private static func read(_ text: String, path: String, base: Settings?) throws(ConfigError) -> Settings {
        try SettingsReader.read(ConfigDocument(text: text, path: path), base: base)
    }
}
