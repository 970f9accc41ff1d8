import Foundation
import SitBreakTestSupport
import Testing

@testable import SitBreakFiles

/// The icon a notification names is the file `make install` or the package put in place, so
/// servers that search only one base directory of the icon theme still draw it.
struct ApplicationIconTests {
    private func install(under directory: String) throws -> String {
        let apps = directory + "/icons/hicolor/scalable/apps"
        try FileManager.default.createDirectory(atPath: apps, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: apps + "/sitbreak.svg", contents: Data("<svg/>".utf8)))
        return apps + "/sitbreak.svg"
    }

    @Test func thePerUserInstallIsFoundFirstThenTheSystemOne() throws {
        let temporary = try DisposableDirectory()
        let system = try install(under: temporary.path + "/usr/share")
        let environment = ["HOME": temporary.path + "/home", "XDG_DATA_DIRS": "/nowhere:" + temporary.path + "/usr/share"]
        #expect(ApplicationIcon.reference { environment[$0] } == "file://" + system)
        let perUser = try install(under: temporary.path + "/home/.local/share")
        #expect(ApplicationIcon.reference { environment[$0] } == "file://" + perUser)
    }

    @Test func withoutAnInstalledFileTheThemeNameIsSent() throws {
        let temporary = try DisposableDirectory()
        let environment = ["XDG_DATA_HOME": temporary.path, "XDG_DATA_DIRS": temporary.path + "/none"]
        #expect(ApplicationIcon.reference { environment[$0] } == "sitbreak")
        // Relative directories are ignored, as the base-directory spec says.
        #expect(ApplicationIcon.reference { ["XDG_DATA_HOME": "relative", "XDG_DATA_DIRS": "also/relative"][$0] } == "sitbreak")
    }
}

/// The line figure of a move: a user's own under `~/.local/share` comes before the installed one.
struct MoveFigureTests {
    @Test func theUsersFigureComesFirstThenTheInstalledOne() throws {
        let temporary = try DisposableDirectory()
        let environment = ["HOME": temporary.path + "/home", "XDG_DATA_DIRS": temporary.path + "/usr/share"]
        #expect(InstalledDataFile.moveFigure(id: "bridge") { environment[$0] } == nil)
        for base in [temporary.path + "/usr/share", temporary.path + "/home/.local/share"] {
            try FileManager.default.createDirectory(atPath: base + "/sitbreak/figures", withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: base + "/sitbreak/figures/bridge.svg", contents: Data("<svg/>".utf8)))
            #expect(InstalledDataFile.moveFigure(id: "bridge") { environment[$0] } == base + "/sitbreak/figures/bridge.svg")
        }
    }
}
