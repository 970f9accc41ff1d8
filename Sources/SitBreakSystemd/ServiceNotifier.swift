import CSystemd
import Glibc
import SitBreakModel

/// Tells the service manager about the daemon's state (`man sd_notify`). Outside systemd
/// (`NOTIFY_SOCKET` unset) every call does nothing and succeeds.
///
/// The protocol is one datagram per message to the socket `NOTIFY_SOCKET` names, sent here
/// rather than through `sd_notify`, which reads the variable from the process environment:
/// the environment is passed in, so tests give each notifier its own socket and never touch
/// the process's variables while other tests run.
public struct ServiceNotifier: Sendable {
    private var lastStatus: String?
    /// `NOTIFY_SOCKET`: a path, or `@name` in the abstract namespace.
    private let socketAddress: String?
    private let watchdogMicroseconds: UInt64?

    public init(environment: [String: String]) {
        socketAddress = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        // WATCHDOG_PID, when set, names the process the pings are expected from (`man sd_watchdog_enabled`).
        let forThisProcess = environment["WATCHDOG_PID"].map { $0 == String(getpid()) } ?? true
        watchdogMicroseconds = forThisProcess ? environment["WATCHDOG_USEC"].flatMap(UInt64.init).flatMap { $0 > 0 ? $0 : nil } : nil
    }

    /// Start-up, or a reload, is complete.
    public func ready() throws(ServiceNotifierError) {
        try send("READY=1")
    }

    /// The one-line status `systemctl --user status` shows; an unchanged line is not resent.
    public mutating func status(_ line: String) throws(ServiceNotifierError) {
        let oneLine = line.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard oneLine != lastStatus else { return }
        try send("STATUS=\(oneLine)")
        lastStatus = oneLine
    }

    /// A reload starts; call `ready()` when it is done. `MONOTONIC_USEC` lets systemd 253+
    /// (`Type=notify-reload`) match this message to the reload it asked for.
    public func reloading() throws(ServiceNotifierError) {
        try send("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicroseconds())")
    }

    public func stopping() throws(ServiceNotifierError) {
        try send("STOPPING=1")
    }

    /// Asks for `seconds` more before systemd times out the current start, reload or stop.
    public func extendTimeout(_ seconds: Seconds) throws(ServiceNotifierError) {
        try send("EXTEND_TIMEOUT_USEC=\(Self.microseconds(seconds))")
    }

    /// `WatchdogSec=` of the unit, when systemd expects `WATCHDOG=1` pings (send them at half of it).
    public var watchdogInterval: Seconds? {
        watchdogMicroseconds.map { Seconds($0) / 1_000_000 }
    }

    private func send(_ assignments: String) throws(ServiceNotifierError) {
        guard let socketAddress else { return }
        let failure = { (code: Int32) in ServiceNotifierError(message: assignments, socket: socketAddress, errno: code) }
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw failure(errno) }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var name = Array(socketAddress.utf8)
        // An abstract address starts with a NUL byte where the name has its '@'.
        if name.first == UInt8(ascii: "@") { name[0] = 0 }
        guard name.count < MemoryLayout.size(ofValue: address.sun_path) else { throw failure(ENAMETOOLONG) }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in name.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + name.count + (name.first == 0 ? 0 : 1))
        let sent = Array(assignments.utf8).withUnsafeBytes { bytes in
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    sendto(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL), $0, length)
                }
            }
        }
        guard sent >= 0 else { throw failure(errno) }
    }

    private static func microseconds(_ seconds: Seconds) -> UInt64 {
        UInt64((max(seconds, 0) * 1_000_000).rounded())
    }

    private static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}

public struct ServiceNotifierError: Error, Equatable, CustomStringConvertible {
    /// The assignments that were not delivered, e.g. `READY=1`.
    public var message: String
    /// `$NOTIFY_SOCKET` at the time.
    public var socket: String
    public var errno: Int32

    public var description: String {
        let first = message.split(separator: "\n").first.map(String.init) ?? message
        return
            "cannot notify the service manager (\(first)) at NOTIFY_SOCKET=\(socket): \(String(cString: strerror(errno)))"
    }
}
