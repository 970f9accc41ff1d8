import Foundation

/// A raw client of the control socket, for tests that misbehave on purpose or time round trips.
struct SocketClient: Sendable {
    let fd: Int32

    /// nil when nothing answers at `path`.
    init?(path: String) {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        // A daemon that neither reads nor closes must fail a test, not hang it.
        var limit = timeval(tv_sec: 40, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in path.utf8.enumerated() { raw[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            return nil
        }
        self.fd = fd
    }

    func close() { Glibc.close(fd) }

    /// Writes every byte (blocking); false once the daemon has closed its end.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// One reply line without its newline; nil when the daemon closes first or `timeout` passes.
    func readLine(timeout: Double) -> String? {
        var line: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let deadline = Date().addingTimeInterval(timeout)
        var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while case let left = deadline.timeIntervalSinceNow, left > 0 {
            guard poll(&waiting, 1, Int32(left * 1000) + 1) > 0 else { continue }
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            line += buffer[..<count]
            if let newline = line.firstIndex(of: UInt8(ascii: "\n")) {
                return String(decoding: line[..<newline], as: UTF8.self)
            }
        }
        return nil
    }

    /// Connects, asks for the status and waits for the reply: the seconds it took, or nil
    /// when no good reply came within `timeout`.
    static func timedStatus(at path: String, timeout: Double = 5) -> Double? {
        let started = DispatchTime.now()
        guard let client = SocketClient(path: path) else { return nil }
        defer { client.close() }
        guard client.send("{\"command\":\"status\"}\n"),
            let reply = client.readLine(timeout: timeout), reply.hasPrefix("{\"ok\":true")
        else { return nil }
        return Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    }
}

/// What a process holds in memory, from /proc.
enum ProcessMemory {
    /// Resident set size in KiB (`VmRSS`), or `VmHWM` for the peak.
    static func kibibytes(_ field: String = "VmRSS", of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces).dropLast(3))
        }
        return nil
    }
}

/// Percentiles of a sample, nearest-rank.
extension Array where Element == Double {
    func percentile(_ fraction: Double) -> Double {
        let sorted = self.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[Swift.min(Swift.max(rank, 0), sorted.count - 1)]
    }
}

/// A flag that background threads poll to know when to stop.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    var isSet: Bool { lock.withLock { stopped } }
    func set() { lock.withLock { stopped = true } }
}
