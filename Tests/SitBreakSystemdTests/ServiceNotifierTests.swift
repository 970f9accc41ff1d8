import Foundation
import Glibc
import SitBreakTestSupport
import Testing

@testable import SitBreakSystemd

/// Plays systemd's side: a datagram socket that `$NOTIFY_SOCKET` points at.
private final class NotifySocket {
    let path: String
    private let descriptor: Int32
    private let directory: DisposableDirectory

    init() throws {
        directory = try DisposableDirectory()
        path = directory.path + "/notify.sock"
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(descriptor >= 0 && bound == 0)
    }

    deinit { close(descriptor) }

    /// What systemd puts in the service's environment for this socket.
    var environment: [String: String] { ["NOTIFY_SOCKET": path] }

    /// The datagrams sd_notify sent; it sends synchronously, so they are all queued already.
    func received() -> [String] {
        var messages: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes {
                recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT))
            }
            if count < 0 { return messages }
            messages.append(String(decoding: buffer[..<count], as: UTF8.self))
        }
    }
}

private func monotonicMicroseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
}

/// Each notifier is given its environment: no test touches the process's variables.
struct ServiceNotifierTests {
    @Test func readyStoppingAndExtendTimeoutSendTheirAssignments() throws {
        let socket = try NotifySocket()
        let notifier = ServiceNotifier(environment: socket.environment)
        try notifier.ready()
        try notifier.extendTimeout(90)
        try notifier.stopping()
        #expect(socket.received() == ["READY=1", "EXTEND_TIMEOUT_USEC=90000000", "STOPPING=1"])
    }

    @Test func anUnchangedStatusIsNotResent() throws {
        let socket = try NotifySocket()
        var notifier = ServiceNotifier(environment: socket.environment)
        try notifier.status("Sitting 12 min")
        try notifier.status("Sitting 12 min")
        try notifier.status("Sitting 13 min")
        try notifier.status("Sitting 12 min")
        #expect(socket.received() == ["STATUS=Sitting 12 min", "STATUS=Sitting 13 min", "STATUS=Sitting 12 min"])
    }

    @Test func aStatusIsOneLine() throws {
        let socket = try NotifySocket()
        var notifier = ServiceNotifier(environment: socket.environment)
        try notifier.status("Reminder due\nSnoozed")
        #expect(socket.received() == ["STATUS=Reminder due Snoozed"])
    }

    @Test func reloadingCarriesTheMonotonicClock() throws {
        let socket = try NotifySocket()
        let before = monotonicMicroseconds()
        try ServiceNotifier(environment: socket.environment).reloading()
        let after = monotonicMicroseconds()

        let received = socket.received()
        try #require(received.count == 1)
        let lines = received[0].split(separator: "\n")
        #expect(lines.first == "RELOADING=1")
        let stamp = try #require(lines.last.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) })
        #expect(lines.count == 2 && lines[1].hasPrefix("MONOTONIC_USEC="))
        #expect((before...after).contains(stamp))
    }

    @Test func withoutAServiceManagerNothingIsSentAndNothingFails() throws {
        var notifier = ServiceNotifier(environment: [:])
        try notifier.ready()
        try notifier.status("idle")
    }

    @Test func anAbstractSocketIsReached() throws {
        let name = "sitbreak-notify-test-\(getpid())"
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in name.utf8.enumerated() { buffer[index + 1] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sa_family_t>.size + 1 + name.utf8.count))
            }
        }
        try #require(bound == 0)
        try ServiceNotifier(environment: ["NOTIFY_SOCKET": "@" + name]).ready()
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        #expect(count > 0 && String(decoding: buffer[..<count], as: UTF8.self) == "READY=1")
    }

    @Test func aDeadSocketIsAnErrorAndTheStatusIsSentAgainLater() throws {
        let temporary = try DisposableDirectory()
        let dead = temporary.path + "/gone.sock"
        var notifier = ServiceNotifier(environment: ["NOTIFY_SOCKET": dead])
        let error = #expect(throws: ServiceNotifierError.self) { try notifier.status("Sitting 5 min") }
        #expect(
            error?.description
                == "cannot notify the service manager (STATUS=Sitting 5 min) at NOTIFY_SOCKET=\(dead): No such file or directory"
        )
        // The status that did not go out is not taken as sent: it goes once the socket is there.
        let socket = try NotifySocket()
        try FileManager.default.moveItem(atPath: socket.path, toPath: dead)
        try notifier.status("Sitting 5 min")
        #expect(socket.received() == ["STATUS=Sitting 5 min"])
    }

    @Test func theWatchdogIntervalComesFromTheEnvironmentForThisProcess() {
        #expect(ServiceNotifier(environment: [:]).watchdogInterval == nil)
        #expect(ServiceNotifier(environment: ["WATCHDOG_USEC": "30000000"]).watchdogInterval == 30)
        let ours = ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": String(getpid())]
        #expect(ServiceNotifier(environment: ours).watchdogInterval == 30)
        let another = ["WATCHDOG_USEC": "30000000", "WATCHDOG_PID": String(getpid() + 1)]
        #expect(ServiceNotifier(environment: another).watchdogInterval == nil)
        #expect(ServiceNotifier(environment: ["WATCHDOG_USEC": "0"]).watchdogInterval == nil)
    }
}
