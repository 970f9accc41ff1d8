import Foundation
import Glibc
import SitBreakDesktop
import SitBreakEventLoop
import Testing

@testable import sitbreakd

/// A display variable left behind by a session that ended is not a desktop: its server must
/// still listen on its socket.
struct DisplaySocketsTests {
    @Test func localXDisplaysNameTheirSocketRemoteOnesCannotBeChecked() {
        #expect(DisplaySockets.xSocket(":0") == "/tmp/.X11-unix/X0")
        #expect(DisplaySockets.xSocket(":1.0") == "/tmp/.X11-unix/X1")
        #expect(DisplaySockets.xSocket("unix:12") == "/tmp/.X11-unix/X12")
        #expect(DisplaySockets.xSocket("host.example:0") == nil)
        #expect(DisplaySockets.xSocket("") == nil)
        #expect(DisplaySockets.xSocket(":") == nil)
        #expect(DisplaySockets.waylandSocket("/run/user/1000/wayland-0") == "/run/user/1000/wayland-0")
    }

    @Test func onlyADisplayWhoseServerListensIsThere() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/wayland-7"
        let listener = try listen(at: path)
        defer { close(listener) }
        #expect(DisplaySockets.listening(DesktopEnvironment(["WAYLAND_DISPLAY": path])) == "WAYLAND_DISPLAY=\(path)")
        #expect(DisplaySockets.listening(DesktopEnvironment(["WAYLAND_DISPLAY": directory + "/wayland-8"])) == nil)
        #expect(DisplaySockets.listening(DesktopEnvironment(["DISPLAY": ":9871"])) == nil)
        #expect(DisplaySockets.listening(DesktopEnvironment(["DISPLAY": "remote:0"])) == "DISPLAY=remote:0")
    }

    /// The looks after a server starts end when the manager's environment names its socket.
    @Test func anEnvironmentNamesTheSocketItsDisplayListensOn() {
        #expect(DisplaySockets.names("X43", in: DesktopEnvironment(["DISPLAY": ":43"])))
        #expect(DisplaySockets.names("X43", in: DesktopEnvironment(["DISPLAY": "unix:43.0"])))
        #expect(!DisplaySockets.names("X43", in: DesktopEnvironment(["DISPLAY": ":4"])))
        #expect(!DisplaySockets.names("X4", in: DesktopEnvironment(["DISPLAY": ":43"])))
        #expect(!DisplaySockets.names("X43", in: DesktopEnvironment([:])))
        #expect(DisplaySockets.names("wayland-1", in: DesktopEnvironment(["WAYLAND_DISPLAY": "wayland-1"])))
        #expect(DisplaySockets.names("wayland-1", in: DesktopEnvironment(["WAYLAND_DISPLAY": "/run/user/1000/wayland-1"])))
        #expect(!DisplaySockets.names("wayland-1", in: DesktopEnvironment(["WAYLAND_DISPLAY": "wayland-10"])))
    }

    @Test func displaySocketsAreTheNamesServersListenOnNotTheirLocks() {
        for name in ["X0", "X12", "wayland-0", "wayland-10"] { #expect(DisplaySocketWatch.isDisplaySocket(name), "\(name)") }
        for name in ["X0.lock", "wayland-0.lock", "X", "wayland-", "Xa", "pulse", "bus"] {
            #expect(!DisplaySocketWatch.isDisplaySocket(name), "\(name)")
        }
    }

    /// A greeter's or another login's display server cannot be this user's session; a rootful
    /// Xorg's socket belongs to root.
    @Test func aDisplaySocketOfTheUserOrOfRootCouldBeTheSession() {
        #expect(DisplaySocketWatch.couldBeSession(of: 1000, socketOwner: 1000))
        #expect(DisplaySocketWatch.couldBeSession(of: 1000, socketOwner: 0))
        #expect(!DisplaySocketWatch.couldBeSession(of: 1000, socketOwner: 115))
        #expect(!DisplaySocketWatch.couldBeSession(of: 1000, socketOwner: 1001))
    }

    @Test func theWatchNamesANewDisplaySocketAndNothingElse() throws {
        let named = try socketsNamed(whileMaking: { directory in
            _ = creat(directory + "/X8.lock", 0o644)
            _ = creat(directory + "/pulse", 0o644)
        })
        #expect(named == ["wayland-3"])
    }

    @Test(.enabled(if: getuid() == 0, "needs root to give a socket to another user"))
    func theWatchLetsAnotherUsersDisplayServerBe() throws {
        let named = try socketsNamed(whileMaking: { directory in
            let greeter = try listen(at: directory + "/X7")
            close(greeter)
            #expect(chown(directory + "/X7", 65534, 65534) == 0)
        })
        #expect(named == ["wayland-3"])
    }

    /// What a DisplaySocketWatch on a new directory names after `making` there, then a socket
    /// of this user's, `wayland-3`: the events come in the order the files were made.
    private func socketsNamed(whileMaking making: (String) throws -> Void) throws -> [String] {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let loop = try EventLoop()
        var named: [String] = []
        let watch = try #require(DisplaySocketWatch(loop: loop, directories: [directory, directory + "/missing"]) { name in
            named.append(name)
            if name == "wayland-3" { loop.exit(code: 0) }
        })
        try making(directory)
        let ours = try listen(at: directory + "/wayland-3")
        defer { close(ours) }
        _ = try loop.run()
        withExtendedLifetime(watch) {}
        return named
    }

    private func temporaryDirectory() throws -> String {
        var template = Array("/tmp/sitbreak-sockets-XXXXXX".utf8CString)
        return try String(cString: #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }))
    }

    /// A Unix stream socket bound at `path`, as a display server makes one.
    private func listen(at path: String) throws -> Int32 {
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in path.utf8.enumerated() { bytes[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0, "bind \(path): errno \(errno)")
        return listener
    }
}
