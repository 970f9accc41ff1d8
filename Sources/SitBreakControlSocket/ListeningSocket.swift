import Glibc
import SitBreakEventLoop
import SitBreakFiles

/// Device and inode: tells whether a path still names the file this process made.
struct FileIdentity: Equatable {
    var device: dev_t
    var inode: ino_t

    init?(path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        device = info.st_dev
        inode = info.st_ino
    }
}

/// Creating the control socket at a path, safely.
enum ListeningSocket {
    /// Connections the kernel queues until sitbreakd accepts them (sitbreak.socket sets the
    /// same): room for a crowd of 200 status bars at once, yet short enough that a request
    /// queued behind a flood of connections from a broken script is accepted within a few
    /// milliseconds. With the kernel's maximum (4096) a connect-and-close flood kept the queue
    /// full and the user's `status` waited 300 ms behind it.
    static let backlog: Int32 = 256

    static func create(at path: String) throws(ControlSocketError) -> (
        fd: Int32, identity: FileIdentity?, notices: [String]
    ) {
        var notices = try prepareDirectory(parent(of: path))
        notices += try removeStaleSocket(at: path)
        do throws(SyscallError) {
            let fd = try UnixSocket.makeStream(nonBlocking: true)
            do throws(SyscallError) {
                try UnixSocket.bind(fd, to: path)
                // bind applies the umask; the 0700 directory already keeps others out,
                // and this is the second lock.
                guard chmod(path, 0o600) == 0 else { throw SyscallError.last("chmod", path) }
                guard listen(fd, backlog) == 0 else { throw SyscallError.last("listen", path) }
            } catch {
                Glibc.close(fd)
                unlink(path)
                throw error
            }
            return (fd, FileIdentity(path: path), notices)
        } catch {
            throw .system(error)
        }
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// A directory the socket may live under (`XDG_RUNTIME_DIR`, or `sitbreak/` in it): this
    /// user's, and nobody else may write in it. `followLink`: the runtime directory may be
    /// reached through a symbolic link; `sitbreak/` itself may not be one.
    static func checkPrivate(_ directory: String, followLink: Bool) throws(ControlSocketError) -> mode_t {
        var info = stat()
        guard (followLink ? stat(directory, &info) : lstat(directory, &info)) == 0 else {
            throw .system(.last(followLink ? "stat" : "lstat", directory))
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(directory) }
        guard info.st_uid == geteuid() else {
            throw .directoryOwnedByOther(path: directory, owner: info.st_uid, expected: geteuid())
        }
        let mode = info.st_mode & 0o7777
        guard mode & 0o022 == 0 else { throw .directoryWritableByOthers(path: directory, mode: mode) }
        return mode
    }

    /// Creates the directory with mode 0700, or checks an existing one: it must be a private
    /// directory of this user (else refuse), and one others may read is narrowed to 0700.
    private static func prepareDirectory(_ directory: String) throws(ControlSocketError) -> [String] {
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw .system(.last("mkdir", directory))
        }
        let mode = try checkPrivate(directory, followLink: false)
        guard mode != 0o700 else { return [] }
        guard chmod(directory, 0o700) == 0 else { throw .system(.last("chmod", directory)) }
        return ["changed the mode of \(directory) from \(octal(mode)) to 0700"]
    }

    /// A socket file nobody answers on is left over from a daemon that died: remove it.
    private static func removeStaleSocket(at path: String) throws(ControlSocketError) -> [String] {
        var info = stat()
        if lstat(path, &info) != 0 {
            if errno == ENOENT { return [] }
            throw .system(.last("lstat", path))
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(path) }
        let answer: Int32
        do throws(SyscallError) {
            let probe = try UnixSocket.makeStream(nonBlocking: true)
            defer { Glibc.close(probe) }
            answer = try UnixSocket.connect(probe, to: path)
        } catch {
            throw .system(error)
        }
        switch answer {
        case 0, EAGAIN:
            // EAGAIN: a full backlog, so someone is listening.
            throw .alreadyRunning(path)
        case ECONNREFUSED:
            guard unlink(path) == 0 || errno == ENOENT else { throw .system(.last("unlink", path)) }
            return ["removed the stale socket \(path)"]
        case ENOENT:
            return []
        default:
            throw .system(SyscallError("connect", path, code: answer))
        }
    }

    private static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension XDGPaths {
    /// Refuses an `XDG_RUNTIME_DIR` of another user's or one others may write in: whoever can
    /// write there can put their own socket where `sitbreakctl` looks for sitbreakd's.
    public func checkRuntimeDirectoryIsPrivate() throws(ControlSocketError) {
        let base = String(runtimeDirectory.dropLast("/sitbreak".count))
        _ = try ListeningSocket.checkPrivate(base.isEmpty ? "/" : base, followLink: true)
        // `sitbreak/` is checked as the socket is made, or here when systemd made the socket.
        if access(runtimeDirectory, F_OK) == 0 { _ = try ListeningSocket.checkPrivate(runtimeDirectory, followLink: false) }
    }
}
