import SitBreakCLI
import SitBreakConfig
import SitBreakJSON

/// `sitbreakctl config`: the settings in effect, each with the file it comes from. It reads
/// the files sitbreakd reads, so it works while the daemon is stopped; the daemon applies
/// them at its next start or `sitbreakctl reload`.
struct ConfigCommand: CtlCommand {
    static let spec = CtlSpec(
        name: "config",
        abstract: "Show the settings in effect and where each comes from.",
        discussion: """
            Each key comes from the most important file that sets it: your \
            $XDG_CONFIG_HOME/sitbreak/config.toml, then the site files (sitbreak/config.toml in each \
            directory of $XDG_CONFIG_DIRS, else /etc/xdg), then the built-in config. The text output is \
            itself a valid config.toml. Reads the files only: sitbreakd applies them at its next start \
            or `sitbreakctl reload`.
            """,
        options: [.flag("json", short: "j", help: "Print the files and settings as one JSON object.")],
        action: ConfigCommand.self)

    let json: Bool

    init(_ parsed: CtlParsed) throws(UsageError) {
        json = parsed.flag("json")
    }

    func run() throws {
        let environment = ProcessEnvironment.values(of: ["HOME", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS"])
        guard let userPath = ConfigLoader.defaultPath(environment: environment) else {
            throw CtlFailure("neither XDG_CONFIG_HOME nor HOME is set to an absolute path, so there is no config path",
                             exitCode: 1)
        }
        let config: EffectiveConfig
        do {
            config = try ConfigLoader.effective(userPath: userPath, sitePaths: ConfigLoader.sitePaths(environment: environment))
        } catch {
            throw CtlFailure("\(error.description); sitbreakd runs on the last config that loaded until it is fixed",
                             exitCode: 1)
        }
        print(json ? EffectiveConfigFormat.json(config) : EffectiveConfigFormat.text(config))
    }
}

/// The two ways `sitbreakctl config` prints the settings in effect.
enum EffectiveConfigFormat {
    /// A config.toml with the source of each value in a comment beside it.
    static func text(_ config: EffectiveConfig) -> String {
        var lines = ["# The settings in effect; each comes from the first of these files that sets it:"]
        for file in config.files.reversed() {
            let place = file.path.map { " \($0)\(file.exists ? "" : " (none)")" } ?? ""
            lines.append("#   \(file.role.rawValue)\(place)")
        }
        let width = config.settings.map { $0.key.split(separator: ".").last!.count + 3 + $0.written.count }.max() ?? 0
        var section = ""
        for setting in config.settings {
            let parts = setting.key.split(separator: ".", maxSplits: 1).map(String.init)
            if parts[0] != section {
                section = parts[0]
                lines.append("[\(section)]")
            }
            let assignment = "\(parts[1]) = \(setting.written)"
            let padding = String(repeating: " ", count: max(0, width - assignment.count))
            lines.append("\(assignment)\(padding)  # \(source(of: setting))")
        }
        return lines.joined(separator: "\n")
    }

    private static func source(of setting: EffectiveConfig.Setting) -> String {
        var text = setting.role.rawValue
        if let path = setting.path { text += " \(path)" + (setting.line.map { ":\($0)" } ?? "") }
        if let within = setting.fittedWithin { text += ", fitted within \(within)" }
        return text
    }

    /// `{"files": [...], "settings": [...]}`, every field always present (null where it does
    /// not apply), as in `status --json`; docs/json/config.schema.json describes it.
    static func json(_ config: EffectiveConfig) -> String {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        func optional(_ number: Int?) -> JSONValue { number.map { .number(JSONNumber($0)) } ?? .null }
        let files = config.files.map { file in
            JSONValue.object([
                JSONMember("role", .string(file.role.rawValue)), JSONMember("path", optional(file.path)),
                JSONMember("exists", .bool(file.exists)),
            ])
        }
        let settings = config.settings.map { setting in
            JSONValue.object([
                JSONMember("key", .string(setting.key)), JSONMember("value", value(setting.value)),
                JSONMember("seconds", optional(setting.seconds)), JSONMember("source", .string(setting.role.rawValue)),
                JSONMember("path", optional(setting.path)), JSONMember("line", optional(setting.path == nil ? nil : setting.line)),
                JSONMember("fitted_within", optional(setting.fittedWithin)),
            ])
        }
        return JSONWriter.text(of: .object([JSONMember("files", .array(files)), JSONMember("settings", .array(settings))]))
    }

    private static func value(_ value: ConfigValue) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .integer(let number): .number(JSONNumber(number))
        case .number(let number): JSONNumber(number).map(JSONValue.number) ?? .null
        case .boolean(let flag): .bool(flag)
        case .list(let values): .array(values.map(Self.value))
        }
    }
}
