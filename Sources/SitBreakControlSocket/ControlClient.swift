import Glibc
import SitBreakEventLoop
import SitBreakModel

/// Why `ControlClient` could not talk to the daemon.
public enum ControlClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No socket at the path (ENOENT) or nothing listening on it (ECONNREFUSED).
    case notRunning(path: String, SyscallError)
    case permissionDenied(path: String, SyscallError)
    case timedOut(path: String, waitingFor: String)
    case disconnected(path: String)
    /// Another user's process listens on the path: whatever it answers would be a lie.
    case stranger(path: String, uid: uid_t)
    case failed(SyscallError)

    init(_ error: SyscallError, path: String) {
        switch error.code {
        case ENOENT, ENOTDIR, ECONNREFUSED: self = .notRunning(path: path, error)
        case EACCES, EPERM: self = .permissionDenied(path: path, error)
        case EAGAIN: self = .timedOut(path: path, waitingFor: "the connection")
        case EPIPE, ECONNRESET: self = .disconnected(path: path)
        default: self = .failed(error)
        }
    }

    public var description: String {
        switch self {
        case .notRunning(_, let error):
            "sitbreakd is not running (\(error))"
        case .permissionDenied(let path, _):
            "permission denied on \(path): the control socket belongs to another user"
        case .timedOut(let path, let what):
            "sitbreakd did not answer on \(path) in time (waiting for \(what))"
        case .disconnected(let path):
            "sitbreakd closed the connection on \(path)"
        case .stranger(let path, let uid):
            "the control socket \(path) is served by uid \(uid), not by you (uid \(geteuid())): refusing to talk to it, "
                + "as another user may be answering in sitbreakd's place; check XDG_RUNTIME_DIR"
        case .failed(let error):
            error.description
        }
    }
}

/// A blocking, line-at-a-time connection to the control socket, for sitbreakctl.
public final class ControlClient {
    public let path: String
    private let fd: Int32
    private let sendTimeout: Seconds
    private var received: [UInt8] = []

    private init(fd: Int32, path: String, sendTimeout: Seconds) {
        self.fd = fd
        self.path = path
        self.sendTimeout = sendTimeout
    }

    deinit { Glibc.close(fd) }

    /// Connects within `timeout`, which also bounds each later `send`.
    public static func connect(path: String, timeout: Seconds) throws(ControlClientError) -> ControlClient {
        let fd: Int32
        do { fd = try UnixSocket.makeStream(nonBlocking: false) } catch { throw .failed(error) }
        // A Unix connect blocks only while the listener's backlog is full; SO_SNDTIMEO bounds
        // that wait, after which connect fails with EAGAIN.
        let bounded = max(timeout, 0.001)
        var limit = timeval(
            tv_sec: Int(bounded), tv_usec: Int((bounded - bounded.rounded(.down)) * 1e6))
        do throws(SyscallError) {
            guard setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size)) == 0
            else { throw .last("setsockopt SO_SNDTIMEO", path) }
            var code: Int32
            repeat { code = try UnixSocket.connect(fd, to: path) } while code == EINTR
            if code != 0 { throw SyscallError("connect", path, code: code) }
            try UnixSocket.setNonBlocking(fd)
        } catch {
            Glibc.close(fd)
            throw ControlClientError(error, path: path)
        }
        // The kernel's word on who listens, taken before a byte is sent: a path is only a name.
        let peer: PeerCredentials
        do { peer = try UnixSocket.peerCredentials(fd) } catch {
            Glibc.close(fd)
            throw .failed(error)
        }
        guard peer.uid == geteuid() else {
            Glibc.close(fd)
            throw .stranger(path: path, uid: peer.uid)
        }
        return ControlClient(fd: fd, path: path, sendTimeout: timeout)
    }

    /// Sends one line (a newline is added).
    public func send(_ line: String) throws(ControlClientError) {
        let bytes = Array(line.utf8) + [UInt8(ascii: "\n")]
        let deadline = readClock(CLOCK_MONOTONIC) + sendTimeout
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                UnixSocket.sendSome(fd, UnsafeRawBufferPointer(rebasing: $0[offset...]))
            }
            if sent > 0 {
                offset += sent
            } else if sent == -Int(EAGAIN) {
                try wait(for: POLLOUT, until: deadline, waitingFor: "the daemon to take the request")
            } else if sent != -Int(EINTR) {
                throw ControlClientError(SyscallError("send", path, code: Int32(-sent)), path: path)
            }
        }
    }

    /// The next line without its newline, or nil once the daemon closed the connection.
    public func readLine(timeout: Seconds) throws(ControlClientError) -> String? {
        let deadline = readClock(CLOCK_MONOTONIC) + timeout
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let newline = received.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: received[..<newline], as: UTF8.self)
                received.removeFirst(newline + 1)
                return line
            }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                received += chunk[..<count]
            } else if count == 0 {
                guard !received.isEmpty else { return nil }
                defer { received = [] }
                return String(decoding: received, as: UTF8.self)
            } else if errno == EAGAIN {
                try wait(for: POLLIN, until: deadline, waitingFor: "a reply")
            } else if errno != EINTR {
                throw ControlClientError(.last("read", path), path: path)
            }
        }
    }

    private func wait(for events: Int32, until deadline: Seconds, waitingFor what: String) throws(ControlClientError) {
        let remaining = deadline - readClock(CLOCK_MONOTONIC)
        guard remaining > 0 else { throw .timedOut(path: path, waitingFor: what) }
        var request = pollfd(fd: fd, events: Int16(events), revents: 0)
        let ready = poll(&request, 1, Int32(min((remaining * 1000).rounded(.up), 3_600_000)))
        if ready == 0 { throw .timedOut(path: path, waitingFor: what) }
        if ready < 0 && errno != EINTR { throw .failed(.last("poll", path)) }
    }
}
