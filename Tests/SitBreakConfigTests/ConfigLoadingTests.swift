#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import SitBreakConfig

/// A file in a fresh temporary directory, removed when the test ends.
private final class TemporaryFile {
    let directory: String
    let path: String

    init(bytes: [UInt8]) throws {
        var template = Array("/tmp/sitbreak-config-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap(mkdtemp) }
        directory = String(cString: try #require(made))
        path = directory + "/config.toml"
        let file = try #require(fopen(path, "wb"))
        fwrite(bytes, 1, bytes.count, file)
        fclose(file)
    }

    deinit {
        unlink(path)
        rmdir(directory)
    }
}

@Suite struct ConfigLoadingTests {
    @Test func loadsAFile() throws {
        let file = try TemporaryFile(bytes: Array("[break]\nsnooze = \"20m\"\n".utf8))
        #expect(try ConfigLoader.load(path: file.path).breaks.snooze == 20 * 60)
    }

    @Test func whatHoldsRemindersIsReadAndAnEmptyListHoldsNothing() throws {
        #expect(ConfigLoader.defaults.notify.holdDuring == [.call, .fullscreen, .presentation])
        #expect(try ConfigLoader.parse("[notify]\nhold_during = [\"call\"]\n", path: "c.toml").notify.holdDuring == [.call])
        #expect(try ConfigLoader.parse("[notify]\nhold_during = []\n", path: "c.toml").notify.holdDuring.isEmpty)
    }

    @Test func errorsNameTheFileLoaded() throws {
        let file = try TemporaryFile(bytes: Array("[break]\nsnooze = \"20\"\n".utf8))
        #expect(throws: ConfigError(
            path: file.path, line: 2, column: 10, key: "break.snooze", problem: #""20" has no unit"#,
            fix: #"write "20m""#)
        ) { try ConfigLoader.load(path: file.path) }
    }

    @Test func aMissingFileCannotBeRead() {
        let path = "/nonexistent/sitbreak/config.toml"
        #expect(throws: ConfigError(path: path, problem: "cannot read: no such file")) {
            try ConfigLoader.load(path: path)
        }
    }

    @Test func aMissingFileMeansTheDefaultsWhenItIsOptional() throws {
        #expect(try ConfigLoader.loadIfPresent(path: "/nonexistent/sitbreak/config.toml") == ConfigLoader.defaults)
    }

    @Test func aDirectoryIsNotAConfigFileEvenWhenOptional() throws {
        let file = try TemporaryFile(bytes: [])
        #expect(throws: ConfigError(path: file.directory, problem: "is a directory, not a regular file; a config file must be a file")) {
            try ConfigLoader.loadIfPresent(path: file.directory)
        }
    }

    @Test func aFileMustBeUTF8() throws {
        let file = try TemporaryFile(bytes: Array("[notify]\nsound = \"".utf8) + [0xFF, 0x22])
        let expected = ConfigError(
            path: file.path, line: 2, column: 10, problem: "invalid UTF-8; save the file as UTF-8 text")
        #expect(throws: expected) {
            try ConfigLoader.load(path: file.path)
        }
    }

    @Test func theDefaultPathFollowsTheXDGBaseDirectorySpec() {
        #expect(
            ConfigLoader.defaultPath(environment: ["XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"])
                == "/xdg/sitbreak/config.toml")
        #expect(ConfigLoader.defaultPath(environment: ["XDG_CONFIG_HOME": "/xdg/"]) == "/xdg/sitbreak/config.toml")
        #expect(ConfigLoader.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.config/sitbreak/config.toml")
        // The spec says to ignore a relative XDG_CONFIG_HOME.
        #expect(
            ConfigLoader.defaultPath(environment: ["XDG_CONFIG_HOME": "cfg", "HOME": "/home/u"])
                == "/home/u/.config/sitbreak/config.toml")
        #expect(ConfigLoader.defaultPath(environment: ["XDG_CONFIG_HOME": "", "HOME": ""]) == nil)
        #expect(ConfigLoader.defaultPath(environment: [:]) == nil)
    }
}

@Suite struct ConfigErrorTests {
    @Test func leavesOutThePartsThatDoNotApply() {
        #expect(
            ConfigError(path: "c.toml", line: 3, column: 13, key: "break.sit_limit", problem: "p", fix: "f").description
                == "c.toml:3:13: break.sit_limit: p; f")
        #expect(ConfigError(path: "c.toml", line: 1, column: 7, problem: "bad header").description == "c.toml:1:7: bad header")
        #expect(ConfigError(path: "c.toml", problem: "cannot read: Permission denied").description
            == "c.toml: cannot read: Permission denied")
        #expect(ConfigError(path: "c.toml", key: "notify.sound", problem: "missing").description
            == "c.toml: notify.sound: missing")
    }
}
