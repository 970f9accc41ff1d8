import Glibc

/// One sitbreakd per state directory. Taken before any of its files is touched, so a second
/// daemon (started by hand beside the service, or by a second login) changes nothing: no
/// history event, no state file, no config copy. The kernel drops the lock when the process
/// ends, however it ends.
public final class InstanceLock {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// Creates `directory` (mode 0700) if needed and locks it.
    public static func take(_ directory: String) throws(InstanceLockError) -> InstanceLock {
        do throws(StateFileError) {
            try StateFile.makeDirectories(directory)
        } catch {
            throw .cannotLock(path: directory, reason: error.description)
        }
        // The directory itself is locked: nothing has to be created in it, even on a full disk.
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotLock(path: directory, reason: FileReadError.describe(errno)) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            close(descriptor)
            if code == EWOULDBLOCK { throw .heldByAnother(path: directory) }
            throw .cannotLock(path: directory, reason: FileReadError.describe(code))
        }
        return InstanceLock(descriptor: descriptor)
    }
}

public enum InstanceLockError: Error, Equatable, Sendable, CustomStringConvertible {
    case heldByAnother(path: String)
    case cannotLock(path: String, reason: String)

    public var description: String {
        switch self {
        case .heldByAnother(let path):
            "another sitbreakd is already running for \(path); nothing was changed. "
                + "`sitbreakctl status` talks to it; `systemctl --user stop sitbreak` stops the service"
        case .cannotLock(let path, let reason):
            "cannot lock \(path) against a second sitbreakd: \(reason)"
        }
    }
}
