import Foundation
import Glibc
import SitBreakDesktop
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
        var template = Array("/tmp/sitbreak-sockets-XXXXXX".utf8CString)
        let directory = try String(cString: #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/wayland-7"
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in path.utf8.enumerated() { bytes[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        #expect(DisplaySockets.listening(DesktopEnvironment(["WAYLAND_DISPLAY": path])) == "WAYLAND_DISPLAY=\(path)")
        #expect(DisplaySockets.listening(DesktopEnvironment(["WAYLAND_DISPLAY": directory + "/wayland-8"])) == nil)
        #expect(DisplaySockets.listening(DesktopEnvironment(["DISPLAY": ":9871"])) == nil)
        #expect(DisplaySockets.listening(DesktopEnvironment(["DISPLAY": "remote:0"])) == "DISPLAY=remote:0")
    }
}
