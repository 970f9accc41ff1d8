import Testing

@testable import SitBreakFiles

@Suite struct XDGPathsTests {
    @Test func homeGivesTheDefaults() throws {
        let paths = try XDGPaths(environment: ["HOME": "/home/ann", "XDG_RUNTIME_DIR": "/run/user/1000"])
        #expect(paths.configDirectory == "/home/ann/.config/sitbreak")
        #expect(paths.stateDirectory == "/home/ann/.local/state/sitbreak")
        #expect(paths.runtimeDirectory == "/run/user/1000/sitbreak")
        #expect(paths.controlSocket == "/run/user/1000/sitbreak/control.sock")
    }

    @Test func xdgVariablesWinOverHome() throws {
        let paths = try XDGPaths(environment: [
            "HOME": "/home/ann", "XDG_CONFIG_HOME": "/cfg", "XDG_STATE_HOME": "/var/lib/ann/",
            "XDG_RUNTIME_DIR": "/run/user/1000/",
        ])
        #expect(paths.configDirectory == "/cfg/sitbreak")
        #expect(paths.stateDirectory == "/var/lib/ann/sitbreak")
        #expect(paths.controlSocket == "/run/user/1000/sitbreak/control.sock")
    }

    @Test func relativeAndEmptyValuesAreIgnored() throws {
        let paths = try XDGPaths(environment: [
            "HOME": "/home/ann", "XDG_CONFIG_HOME": "cfg", "XDG_STATE_HOME": "",
            "XDG_RUNTIME_DIR": "/run/user/1000",
        ])
        #expect(paths.configDirectory == "/home/ann/.config/sitbreak")
        #expect(paths.stateDirectory == "/home/ann/.local/state/sitbreak")
    }

    @Test func theRootDirectoryAsHomeGivesSinglePaths() throws {
        let paths = try XDGPaths(environment: ["HOME": "/", "XDG_RUNTIME_DIR": "/run/user/0"])
        #expect(paths.configDirectory == "/.config/sitbreak")
    }

    @Test func aMissingRuntimeDirectorySaysWhatToDo() {
        let error = #expect(throws: XDGPathsError.self) { try XDGPaths(environment: ["HOME": "/home/ann"]) }
        #expect(error == .noRuntimeDirectory(value: nil))
        #expect(
            error?.description
                == "XDG_RUNTIME_DIR is not set; log in through a session manager (systemd-logind) "
                + "or set it to /run/user/$(id -u)")
    }

    @Test func aRelativeRuntimeDirectoryIsRejectedByValue() {
        let error = #expect(throws: XDGPathsError.self) {
            try XDGPaths(environment: ["HOME": "/home/ann", "XDG_RUNTIME_DIR": "run/user/1000"])
        }
        #expect(error?.description.hasPrefix("XDG_RUNTIME_DIR is \"run/user/1000\", not an absolute path;") == true)
    }

    @Test func noHomeAndNoXDGVariableIsAnError() {
        let error = #expect(throws: XDGPathsError.self) {
            try XDGPaths(environment: ["HOME": "relative", "XDG_RUNTIME_DIR": "/run/user/1000"])
        }
        #expect(
            error?.description
                == "neither XDG_CONFIG_HOME nor HOME is set to an absolute path; set HOME to your home directory")
    }

    @Test func homeIsNotNeededWhenEveryXDGVariableIsSet() throws {
        let paths = try XDGPaths(environment: [
            "XDG_CONFIG_HOME": "/c", "XDG_STATE_HOME": "/s", "XDG_RUNTIME_DIR": "/r",
        ])
        #expect(paths.configDirectory == "/c/sitbreak")
        #expect(paths.stateDirectory == "/s/sitbreak")
        #expect(paths.runtimeDirectory == "/r/sitbreak")
    }

    /// `stats` and `exercises` read files only: a shell without a login session (su, cron)
    /// has no XDG_RUNTIME_DIR, and they still find the files.
    @Test func theFileDirectoriesNeedNoRuntimeDirectory() throws {
        let directories = try XDGFileDirectories(environment: ["HOME": "/home/ann/"])
        #expect(directories.configDirectory == "/home/ann/.config/sitbreak")
        #expect(directories.stateDirectory == "/home/ann/.local/state/sitbreak")
        #expect(throws: XDGPathsError.noRuntimeDirectory(value: nil)) { try XDGPaths(environment: ["HOME": "/home/ann"]) }
    }
}

