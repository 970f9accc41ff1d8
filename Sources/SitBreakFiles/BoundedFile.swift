#if canImport(Glibc)
import Glibc
#endif

/// Reading a small file of sitbreak's whole, safely whatever is at its path: a FIFO does not
/// block (the file is opened without blocking), a device, socket or directory is refused (only
/// a regular file is read, symbolic links to one are fine), and no more than `limit` bytes are
/// ever read or kept, so `/dev/zero` or a 50 MB file cannot fill the memory.
public enum BoundedFile {
    /// The whole file; nil when nothing is at `path`.
    public static func read(_ path: String, limit: Int, what: String) throws(FileReadError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw FileReadError(path: path, problem: "cannot read: \(FileReadError.describe(errno))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw FileReadError(path: path, problem: "cannot read: \(FileReadError.describe(errno))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw FileReadError(path: path, problem: "is \(kind(of: status.st_mode)), not a regular file; \(what) must be a file")
        }
        let tooBig = FileReadError(
            path: path, problem: "is larger than \(limit / 1024) KiB; \(what) is far smaller, so this is not one")
        guard status.st_size <= limit else { throw tooBig }
        var contents: [UInt8] = []
        contents.reserveCapacity(Int(status.st_size))
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, problem: "cannot read: \(FileReadError.describe(errno))")
            }
            if count == 0 { return contents }
            contents.append(contentsOf: chunk[..<count])
            // A file that grows while it is read is no file of sitbreak's either.
            if contents.count > limit { throw tooBig }
        }
    }

    private static func kind(of mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a plain file"
        }
    }
}

/// Why a file could not be read or written: its path and what is wrong, in words.
public struct FileReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(path): \(problem)" }

    /// The system's reason, named plainly for the errors people meet ("disk full", not "disk
    /// I/O error").
    public static func describe(_ code: Int32) -> String {
        switch code {
        case ENOSPC: "no space left on the disk"
        case EDQUOT: "the disk quota is used up"
        case EISDIR: "it is a directory"
        case EACCES, EPERM: "permission denied"
        case EROFS: "the file system is read-only"
        default:
            // In the middle of a sentence, as the rest of the message is.
            String(cString: strerror(code)).prefix(1).lowercased() + String(cString: strerror(code)).dropFirst()
        }
    }
}
