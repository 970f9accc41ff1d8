import Foundation
import Testing

/// Raw socket clients that misbehave; the daemon must answer each and keep serving others.
@Suite("Control socket under bad clients")
struct ControlSocketAbuseTests {
    /// Connects, sends `bytes`, and reads what comes back until the daemon closes or `timeout`.
    static func exchange(_ path: String, _ bytes: [UInt8], timeout: Double = 2) -> String {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { return "connect failed: \(errno)" }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
        }
        var reply = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline, poll(&poller, 1, 100) >= 0 {
            guard poller.revents != 0 else { continue }
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            reply += buffer[0..<n]
            if reply.last == UInt8(ascii: "\n") { break }
        }
        return String(decoding: reply, as: UTF8.self)
    }

    @Test func malformedRequestsGetErrorRepliesAndTheDaemonStaysUp() throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        let path = harness.socketPath
        #expect(Self.exchange(path, Array("not json\n".utf8)).contains("\"ok\":false"))
        let unknown = Self.exchange(path, Array("{\"command\":\"explode\"}\n".utf8))
        #expect(unknown.contains("unknown command"), "\(unknown)")
        let wrongType = Self.exchange(path, Array("{\"command\":\"snooze\",\"seconds\":\"soon\"}\n".utf8))
        #expect(wrongType.contains("seconds"), "\(wrongType)")
        let huge = Self.exchange(path, [UInt8](repeating: UInt8(ascii: "a"), count: 200_000) + [10], timeout: 5)
        #expect(huge.contains("64 KiB"), "\(huge)")
        #expect(harness.ctl("status").status == 0)
    }

    @Test func silentAndStalledClientsDoNotBlockOthers() throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        var silent: [Int32] = []
        for _ in 0..<20 {
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                for (index, byte) in harness.socketPath.utf8.enumerated() { raw[index] = byte }
            }
            _ = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            // Half a request, then nothing.
            _ = "{\"command\":".withCString { send(fd, $0, 11, Int32(MSG_NOSIGNAL)) }
            silent.append(fd)
        }
        defer { silent.forEach { close($0) } }
        let started = Date()
        let outcome = harness.ctl("status", "--json")
        #expect(outcome.status == 0)
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test(.enabled(if: getuid() == 0, "needs root to run a client as another user"))
    func aProcessOfAnotherUserIsRefused() throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        // Open the way through the file modes so that only SO_PEERCRED stands between.
        chmod(harness.home.path, 0o755)
        chmod(harness.home.appendingPathComponent("run").path, 0o755)
        chmod(harness.home.appendingPathComponent("run/sitbreak").path, 0o755)
        chmod(harness.socketPath, 0o777)
        let asNobody = harness.run(
            "/usr/bin/setpriv",
            ["--reuid=65534", "--regid=65534", "--clear-groups",
             DaemonHarness.binaries.appendingPathComponent("sitbreakctl").path, "status"])
        #expect(asNobody.status == 3, "\(asNobody.output) \(asNobody.errors)")
        #expect(harness.ctl("status").status == 0)
        harness.stop()
        #expect(harness.daemonLog.contains("refused a connection from another user"), "\(harness.daemonLog)")
    }
}
