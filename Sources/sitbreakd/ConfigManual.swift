import SitBreakCLI
import SitBreakConfig

/// sitbreak.toml(5): every key of config.toml, its default and its meaning, from the built-in
/// config.toml the validator reads (`ConfigReference`); `make release` writes it with
/// `sitbreakd --generate-config-manual`.
enum ConfigManual {
    static let option = "--generate-config-manual"

    static func render(version: String) -> String {
        let tables = ConfigReference.keys.reduce(into: [(String, [ConfigReference.Key])]()) { tables, key in
            if tables.last?.0 == key.table { tables[tables.count - 1].1.append(key) } else { tables.append((key.table, [key])) }
        }
        let files = ManualSection("FILES", [
            .init("~/.config/sitbreak/config.toml", "The user's file ($XDG_CONFIG_HOME/sitbreak/config.toml); it may hold a single line."),
            .init("/etc/xdg/sitbreak/config.toml", "Site defaults for every user, under the user's file: sitbreak/config.toml in each directory of $XDG_CONFIG_DIRS, the first the most important, else in /etc/xdg."),
            .init(nil, "Each key comes from the most important file that sets it, else from the built-in defaults below; `sitbreakctl config` shows which. `sitbreakctl reload` applies a changed file; a file with a mistake is refused with its place, e.g. config.toml:2:13: break.sit_limit: \"45\" has no unit; write \"45m\"."),
        ])
        let keySections = tables.map { table, keys in
            ManualSection("[\(table)]", keys.map { .init("\($0.name) = \($0.defaultValue)", $0.meaning) })
        }
        return ManualPage.renderFileFormat(
            name: "sitbreak.toml", abstract: "the settings of sitbreakd, the sitting-break reminder",
            version: "sitbreak \(version)", generator: "sitbreakd \(option)",
            description: ConfigReference.introduction, sections: [files] + keySections,
            seeAlso: ["sitbreakd(1)", "sitbreakctl(1)", "systemd.time(7)"])
    }
}
