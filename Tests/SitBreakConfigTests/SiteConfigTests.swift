#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import SitBreakConfig

/// A directory tree of config files, as `$XDG_CONFIG_DIRS` names them; removed when the test ends.
private final class ConfigDirectories {
    let root: String
    private var files: [String] = []
    private var directories: [String] = []

    init() throws {
        var template = Array("/tmp/sitbreak-site-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap(mkdtemp) }
        root = String(cString: try #require(made))
    }

    /// Writes `text` as `<root>/<name>/sitbreak/config.toml`; returns that path.
    func write(_ text: String, in name: String) throws -> String {
        for directory in ["\(root)/\(name)", "\(root)/\(name)/sitbreak"] {
            mkdir(directory, 0o700)
            directories.insert(directory, at: 0)
        }
        let path = "\(root)/\(name)/sitbreak/config.toml"
        let file = try #require(fopen(path, "wb"))
        fputs(text, file)
        fclose(file)
        files.append(path)
        return path
    }

    deinit {
        for file in files { unlink(file) }
        for directory in directories { rmdir(directory) }
        rmdir(root)
    }
}

@Suite struct SiteConfigTests {
    @Test func theSiteFilesFollowTheXDGBaseDirectorySpec() {
        #expect(ConfigLoader.sitePaths(environment: [:]) == ["/etc/xdg/sitbreak/config.toml"])
        #expect(ConfigLoader.sitePaths(environment: ["XDG_CONFIG_DIRS": ""]) == ["/etc/xdg/sitbreak/config.toml"])
        #expect(
            ConfigLoader.sitePaths(environment: ["XDG_CONFIG_DIRS": "/site/:relative:/etc/xdg"])
                == ["/site/sitbreak/config.toml", "/etc/xdg/sitbreak/config.toml"])
        // Only relative entries: as if the variable were unset.
        #expect(ConfigLoader.sitePaths(environment: ["XDG_CONFIG_DIRS": "a:b"]) == ["/etc/xdg/sitbreak/config.toml"])
    }

    @Test func theUserFileOverridesTheSiteFilesWhichOverrideEachOtherInOrder() throws {
        let tree = try ConfigDirectories()
        let important = try tree.write("[break]\nsnooze = \"20m\"\n", in: "important")
        let fallback = try tree.write("[break]\nsnooze = \"30m\"\nrepeat = \"7m\"\n[notify]\nsound = \"bell\"\n", in: "fallback")
        let user = try tree.write("[notify]\nsound = \"\"\n", in: "user")
        let site = try ConfigLoader.siteSettings(sitePaths: [important, fallback, "/nonexistent/sitbreak/config.toml"])
        #expect(site.breaks.snooze == 20 * 60)
        #expect(site.breaks.repeatEvery == 7 * 60)
        #expect(site.notify.sound == "bell")
        #expect(site.breaks.sitLimit == ConfigLoader.defaults.breaks.sitLimit)
        let settings = try ConfigLoader.load(path: user, over: site)
        #expect(settings.notify.sound == "")
        #expect(settings.breaks.snooze == 20 * 60)
        #expect(try ConfigLoader.loadIfPresent(path: "/nonexistent/config.toml", over: site) == site)
    }

    @Test func aBrokenSiteFileIsAnErrorNamingIt() throws {
        let tree = try ConfigDirectories()
        let broken = try tree.write("[break]\nsnooze = \"20\"\n", in: "site")
        #expect(throws: ConfigError(
            path: broken, line: 2, column: 10, key: "break.snooze", problem: #""20" has no unit"#, fix: #"write "20m""#)
        ) { try ConfigLoader.siteSettings(sitePaths: [broken]) }
    }

    @Test func eachSettingInEffectNamesTheFileAndLineItComesFrom() throws {
        let tree = try ConfigDirectories()
        let site = try tree.write("[break]\nsit_limit = \"4s\"\nlength = \"2s\"\n", in: "site")
        let user = try tree.write("# mine\n[notify]\nsound = \"bell\"\n", in: "user")
        let config = try ConfigLoader.effective(userPath: user, sitePaths: [site, "/nonexistent/sitbreak/config.toml"])
        #expect(config.files == [
            EffectiveConfig.File(role: .builtIn, path: nil, exists: true),
            EffectiveConfig.File(role: .site, path: "/nonexistent/sitbreak/config.toml", exists: false),
            EffectiveConfig.File(role: .site, path: site, exists: true),
            EffectiveConfig.File(role: .user, path: user, exists: true),
        ])
        let byKey = Dictionary(uniqueKeysWithValues: config.settings.map { ($0.key, $0) })
        #expect(byKey["break.sit_limit"] == EffectiveConfig.Setting(
            key: "break.sit_limit", value: .string("4s"), written: "\"4s\"", seconds: 4, path: site, role: .site, line: 2))
        #expect(byKey["notify.sound"] == EffectiveConfig.Setting(
            key: "notify.sound", value: .string("bell"), written: "\"bell\"", seconds: nil, path: user, role: .user, line: 3))
        #expect(byKey["notify.hold_during"]?.value == .list([.string("call"), .string("fullscreen"), .string("presentation")]))
        #expect(byKey["break.snooze"]?.role == .builtIn)
        #expect(byKey["break.snooze"]?.path == nil)
        // The built-in minimum sitting gives way to the 4 s sit limit: shown as in effect.
        #expect(byKey["break.min_sit"]?.fittedWithin == "break.sit_limit")
        #expect(byKey["break.min_sit"]?.written == "\"2s\"")
        #expect(byKey["break.min_sit"]?.seconds == 2)
        // Every key of the built-in config, in its order.
        #expect(config.settings.first?.key == "break.sit_limit")
        #expect(config.settings.last?.key == "history.keep")
        #expect(config.settings.count == 21)
    }

    @Test func noSettingsAreShownOfAConfigThatWouldNotLoad() throws {
        let tree = try ConfigDirectories()
        let user = try tree.write("[break]\nsit_limit = 45\n", in: "user")
        #expect(throws: ConfigError.self) { try ConfigLoader.effective(userPath: user, sitePaths: []) }
    }
}
