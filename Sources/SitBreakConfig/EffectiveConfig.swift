import SitBreakModel
import SitBreakTOML

/// The settings in effect and where each one comes from: the built-in config, a site file or
/// the user's file, each laid key by key over the one before. What `sitbreakctl config` shows.
public struct EffectiveConfig: Sendable, Equatable {
    /// A config file sitbreak looks for, and whether it is there.
    public struct File: Sendable, Equatable {
        public var role: Role
        /// Nil for the built-in config, which is part of the programs.
        public var path: String?
        public var exists: Bool
    }

    public enum Role: String, Sendable, Equatable {
        case builtIn = "built-in"
        case site, user
    }

    /// One key as it takes effect.
    public struct Setting: Sendable, Equatable {
        /// Dotted, e.g. `break.sit_limit`.
        public var key: String
        public var value: ConfigValue
        /// As the config writes it, e.g. `"45m"` with its quotes.
        public var written: String
        /// For a time span: the seconds in effect, which a short sit limit may fit a default to.
        public var seconds: Int?
        /// The file the value comes from; nil for the built-in config.
        public var path: String?
        public var role: Role
        public var line: Int?
        /// Set when the value in effect is not the one written: a built-in default fitted
        /// within a shorter sit limit or break length.
        public var fittedWithin: String?
    }

    /// Every file looked for, the least important first.
    public var files: [File]
    /// Every key, in the order of the built-in config.
    public var settings: [Setting]
}

/// A config value as TOML writes it, for output.
public indirect enum ConfigValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case number(Double)
    case boolean(Bool)
    case list([ConfigValue])

    init?(_ value: TOMLValue) {
        switch value.kind {
        case .string(let text): self = .string(text)
        case .integer(let number): self = .integer(number)
        case .float(let number): self = .number(number)
        case .boolean(let flag): self = .boolean(flag)
        case .array(let elements):
            var values: [ConfigValue] = []
            for element in elements {
                guard let value = ConfigValue(element) else { return nil }
                values.append(value)
            }
            self = .list(values)
        case .dateTime, .table: return nil
        }
    }
}

extension ConfigLoader {
    /// The seconds in effect of a time-span key; nil for the other keys.
    private static func seconds(of key: String, in settings: Settings) -> Seconds? {
        switch key {
        case "break.sit_limit": settings.breaks.sitLimit
        case "break.length": settings.breaks.length
        case "break.snooze": settings.breaks.snooze
        case "break.repeat": settings.breaks.repeatEvery
        case "break.grace": settings.breaks.grace
        case "break.min_sit": settings.breaks.minSit
        case "break.blip": settings.breaks.blip
        case "history.keep": settings.history.keep
        default: nil
        }
    }

    /// The defaults that give way to a short sit limit or break length, and what they fit within.
    private static let fittedKeys = ["break.min_sit": "break.sit_limit", "break.blip": "break.length"]

    /// The user's file over the site files over the built-in config, key by key; the same
    /// errors as loading them, as nothing is shown of a config that would not load.
    public static func effective(userPath: String, sitePaths: [String]) throws(ConfigError) -> EffectiveConfig {
        let settings = try loadIfPresent(path: userPath, over: siteSettings(sitePaths: sitePaths))
        // Most important first, as they are searched.
        var layers: [(file: EffectiveConfig.File, document: TOMLDocument)] = []
        var files = [EffectiveConfig.File(role: .builtIn, path: nil, exists: true)]
        for (role, path) in [(EffectiveConfig.Role.user, userPath)] + sitePaths.map({ (.site, $0) }) {
            let text = try textIfPresent(path: path)
            let file = EffectiveConfig.File(role: role, path: path, exists: text != nil)
            files.insert(file, at: 1)
            if let text {
                do throws(TOMLSyntaxError) {
                    layers.append((file, try TOMLDocument(parsing: text)))
                } catch {
                    throw ConfigError(path: path, line: error.line, column: error.column, problem: error.message)
                }
            }
        }
        let builtIn: TOMLDocument
        do { builtIn = try TOMLDocument(parsing: embeddedDefaultConfig) } catch {
            preconditionFailure("the built-in config loaded above, so it parses: \(error)")
        }
        layers.append((files[0], builtIn))
        var shown: [EffectiveConfig.Setting] = []
        for section in builtIn.root.entries {
            for entry in section.value.table?.entries ?? [] {
                let keyPath = [section.key, entry.key]
                guard let (file, document, found) = layers.lazy.compactMap({ layer in
                    layer.document.root.entry(at: keyPath).map { (layer.file, layer.document, $0) }
                }).first, let value = ConfigValue(found.value) else { continue }
                let key = keyPath.joined(separator: ".")
                let inEffect = seconds(of: key, in: settings)
                var written = document.writtenText(of: found.value) ?? ""
                var fittedWithin: String?
                if let inEffect, let text = found.value.string, (try? TimeSpan.parse(text)) != inEffect {
                    fittedWithin = fittedKeys[key]
                    written = "\"\(TimeSpan.format(inEffect))\""
                }
                let seconds = inEffect.map { Int($0.rounded()) }
                shown.append(
                    EffectiveConfig.Setting(
                        key: key, value: value, written: written, seconds: seconds, path: file.path, role: file.role,
                        line: found.value.position.line, fittedWithin: fittedWithin))
            }
        }
        return EffectiveConfig(files: files, settings: shown)
    }
}
