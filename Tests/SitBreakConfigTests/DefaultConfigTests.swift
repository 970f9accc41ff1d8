import SitBreakFiles
import SitBreakModel
import Testing

@testable import SitBreakConfig

/// `config/config.toml` in the source tree, the file users read and copy.
private let repositoryConfigPath: String = {
    var components = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)  // Tests/SitBreakConfigTests/DefaultConfigTests.swift
    return (components + ["config", "config.toml"]).joined(separator: "/")
}()

@Suite struct DefaultConfigTests {
    @Test func theBuiltInDefaultsAreTheRepositorysConfigFile() throws {
        #expect(try ConfigLoader.load(path: repositoryConfigPath) == ConfigLoader.defaults)
        let bytes = try #require(try BoundedFile.read(repositoryConfigPath, limit: ConfigLoader.sizeLimit, what: "a config file"))
        #expect(embeddedDefaultConfig == String(decoding: bytes, as: UTF8.self))
    }

    @Test func theDefaultsAreTheDocumentedValues() {
        let defaults = ConfigLoader.defaults
        #expect(defaults.breaks == BreakRules(sitLimit: 45 * 60, length: 3 * 60, snooze: 10 * 60, repeatEvery: 5 * 60))
        #expect(defaults.activity.sources == [.auto])
        #expect(defaults.notify == NotifySettings(via: .auto, respectDoNotDisturb: true, sound: ""))
        #expect(defaults.schedule == Schedule(activeFrom: 0, activeUntil: 86_400, days: Set(Weekday.allCases)))
        #expect(defaults.coach == CoachSettings(place: .office, equipment: [], avoid: [], injured: false))
    }

    @Test func theBuiltInFileMustSetEveryKey() {
        #expect(throws: ConfigError(
            path: "built-in", key: "notify.sound", problem: "missing",
            fix: "the built-in config.toml must set every key")
        ) {
            let withoutSound = embeddedDefaultConfig.replacing(#"sound = """#, with: "", maxReplacements: 1)
            _ = try SettingsReader.read(ConfigDocument(text: withoutSound, path: "built-in"), base: nil)
        }
    }
}

@Suite struct PartialConfigTests {
    @Test(arguments: ["", "# nothing to change\n", "[break]\n", "[coach]\n\n[notify]\n"])
    func aFileWithoutSettingsMeansTheDefaults(text: String) throws {
        #expect(try ConfigLoader.parse(text, path: "config.toml") == ConfigLoader.defaults)
    }

    @Test func keysLeftOutKeepTheirDefaults() throws {
        let settings = try ConfigLoader.parse("[break]\nsit_limit = \"30m\"", path: "config.toml")
        var expected = ConfigLoader.defaults
        expected.breaks.sitLimit = 30 * 60
        #expect(settings == expected)
    }

    @Test func everySectionCanBeSet() throws {
        let text = """
            [break]
            sit_limit = "1h"
            length = "5m"
            snooze = "15m"
            repeat = "2m"
            [activity]
            sources = ["tty", "logind"]
            [notify]
            via = "both"
            respect_dnd = false
            sound = "bell"
            [schedule]
            active_hours = "08:30-18:00"
            days = "Mon-Fri"
            [coach]
            place = "home"
            equipment = ["band", "mat"]
            avoid = ["floor", "strength", "kneeling", "wrist-loaded", "pigeon-pose", "deep"]
            injured = true
            [history]
            keep = "90d"
            """
        let settings = try ConfigLoader.parse(text, path: "config.toml")
        let expected = Settings(
            breaks: BreakRules(sitLimit: 3600, length: 300, snooze: 900, repeatEvery: 120),
            activity: ActivitySettings(sources: [.tty, .logind]),
            notify: NotifySettings(via: .both, respectDoNotDisturb: false, sound: "bell"),
            schedule: Schedule(
                activeFrom: 8.5 * 3600, activeUntil: 18 * 3600,
                days: [.monday, .tuesday, .wednesday, .thursday, .friday]),
            coach: CoachSettings(
                place: .home, equipment: ["band", "mat"],
                avoid: ["floor", "strength", "kneeling", "wrist-loaded", "pigeon-pose", "deep"], injured: true),
            history: HistorySettings(keep: 90 * 86_400))
        #expect(settings == expected)
    }

    @Test func dottedKeysAndInlineTablesAreTheSameSettings() throws {
        let expected = try ConfigLoader.parse("[break]\nsit_limit = \"30m\"", path: "config.toml")
        #expect(try ConfigLoader.parse("break.sit_limit = \"30m\"", path: "config.toml") == expected)
        #expect(try ConfigLoader.parse("break = { sit_limit = \"30m\" }", path: "config.toml") == expected)
        #expect(try ConfigLoader.parse("[break]\n'sit_limit' = '30m'", path: "config.toml") == expected)
    }

    @Test(arguments: [
        ("90s", 90.0), ("45m", 2700), ("1h 30m", 5400), ("1h30min", 5400), ("2h", 7200), ("1.5h", 5400),
        ("1d", 86_400), ("1 hour", 3600), ("20 minutes", 1200), ("3000 sec", 3000), ("1hr 5min 30s", 3930),
        ("2000ms", 2), ("2000000us", 2),
    ])
    func everyTimeSpanFormIsASitLimit(text: String, seconds: Double) throws {
        let settings = try ConfigLoader.parse("[break]\nsit_limit = \"\(text)\"\nlength = \"1s\"", path: "config.toml")
        #expect(settings.breaks.sitLimit == seconds)
    }
}
