import CSystemd
import Glibc
import SitBreakCore

/// Tells the service manager about the daemon's state (`man sd_notify`). Outside systemd
/// (`$NOTIFY_SOCKET` unset) every call does nothing and succeeds.
public struct ServiceNotifier: Sendable {
    private var lastStatus: String?

    public init() {}

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
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0 else { return nil }
        return Seconds(microseconds) / 1_000_000
    }

    private func send(_ assignments: String) throws(ServiceNotifierError) {
        let result = sd_notify(0, assignments)
        if result < 0 {
            let socket = getenv("NOTIFY_SOCKET").map { String(cString: $0) } ?? ""
            throw ServiceNotifierError(message: assignments, socket: socket, errno: -result)
        }
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
