import CSystemd
import Glibc
import SitBreakEventLoop

/// Who is on the other end of a connected Unix socket, as the kernel recorded it at `connect`.
public struct PeerCredentials: Equatable, Sendable, CustomStringConvertible {
    public var pid: pid_t
    public var uid: uid_t
    public var gid: gid_t

    public init(pid: pid_t, uid: uid_t, gid: gid_t) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }

    public var description: String { "pid \(pid) uid \(uid) gid \(gid)" }
}

/// Small wrappers over the socket calls the control socket needs.
enum UnixSocket {
    /// A new AF_UNIX stream socket, close-on-exec, optionally non-blocking.
    static func makeStream(nonBlocking: Bool) throws(SyscallError) -> Int32 {
        var type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        if nonBlocking { type |= Int32(SOCK_NONBLOCK.rawValue) }
        let fd = socket(AF_UNIX, type, 0)
        guard fd >= 0 else { throw .last("socket") }
        return fd
    }

    /// Runs `body` with a `sockaddr_un` for `path`; fails with ENAMETOOLONG when the path
    /// does not fit `sun_path` (108 bytes with the terminating NUL).
    static func withAddress<R>(
        of path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> R
    ) throws(SyscallError) -> R {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !bytes.isEmpty, bytes.count < capacity else {
            throw SyscallError("socket address", path, code: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { sunPath in
            sunPath.copyBytes(from: bytes)
            sunPath[bytes.count] = 0
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + bytes.count + 1)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }

    /// `connect(2)` to `path`; returns 0 or the errno.
    static func connect(_ fd: Int32, to path: String) throws(SyscallError) -> Int32 {
        try withAddress(of: path) { address, length in
            Glibc.connect(fd, address, length) == 0 ? 0 : errno
        }
    }

    /// Binds `fd` to `path`.
    static func bind(_ fd: Int32, to path: String) throws(SyscallError) {
        let code = try withAddress(of: path) { address, length in
            Glibc.bind(fd, address, length) == 0 ? 0 : errno
        }
        if code != 0 { throw SyscallError("bind", path, code: code) }
    }

    static func setNonBlocking(_ fd: Int32) throws(SyscallError) {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else {
            throw .last("fcntl O_NONBLOCK", "fd \(fd)")
        }
    }

    /// Makes an accepted socket non-blocking and close-on-exec; `accept4`, which would do
    /// it in one call, needs _GNU_SOURCE, which the Glibc module does not define.
    static func prepareAccepted(_ fd: Int32) throws(SyscallError) {
        try setNonBlocking(fd)
        guard fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 else { throw .last("fcntl FD_CLOEXEC", "fd \(fd)") }
    }

    /// SO_PEERCRED. `struct ucred` needs _GNU_SOURCE too, so its three 32-bit fields are
    /// read into an array laid out the same way.
    static func peerCredentials(_ fd: Int32) throws(SyscallError) -> PeerCredentials {
        var fields: [UInt32] = [0, 0, 0]
        var length = socklen_t(MemoryLayout<UInt32>.stride * fields.count)
        let result = fields.withUnsafeMutableBytes {
            getsockopt(fd, SOL_SOCKET, SO_PEERCRED, $0.baseAddress, &length)
        }
        guard result == 0 else { throw .last("getsockopt SO_PEERCRED", "fd \(fd)") }
        return PeerCredentials(pid: pid_t(bitPattern: fields[0]), uid: fields[1], gid: fields[2])
    }

    /// `send(2)` without SIGPIPE and without blocking; returns the bytes sent or -errno.
    static func sendSome(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        let sent = send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
        return sent >= 0 ? sent : -Int(errno)
    }
}
