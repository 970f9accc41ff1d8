import Glibc

/// A small file replaced whole: after a crash (or, when saved `.synced`, a power loss) it holds
/// either the old bytes or the new ones, never a torn mix.
public struct StateFile: Sendable {
    /// What a save must survive. Each fsync blocks the caller a few times while the file
    /// system commits, which is most of an idle daemon's wake-ups; a save that only refreshes
    /// a timestamp need not survive a power loss.
    public enum Durability: Sendable {
        /// Both the file and the rename are on disk before `save` returns.
        case synced
        /// Survives the process being killed (the page cache keeps it); a power loss may
        /// leave the previous contents.
        case survivesProcessCrash
    }

    public let path: String
    private let operations: FileOperations

    /// `operations` are the system's; tests pass ones that fail the way disks and power cuts do.
    public init(path: String, operations: FileOperations = .system) {
        self.path = path
        self.operations = operations
    }

    /// The directory that holds the file and its temporary sibling.
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Written first, then renamed over `path`; same directory, so the rename is atomic.
    public var temporaryPath: String { path + ".tmp" }

    /// A state file is a few kilobytes; anything past this is not one.
    public static let sizeLimit = 256 * 1024

    /// nil when the file does not exist. Whatever else is at the path (a FIFO, a directory,
    /// `/dev/zero`, a huge file) is an error, never a hang or a flood.
    public func load() throws(FileReadError) -> [UInt8]? {
        try BoundedFile.read(path, limit: Self.sizeLimit, what: "a state file")
    }

    public func save(_ bytes: [UInt8], durability: Durability = .synced) throws(StateFileError) {
        try Self.makeDirectories(directory)
        // A temporary file left by a crash is stale: this process is the only writer.
        if unlink(temporaryPath) != 0 && errno != ENOENT {
            throw StateFileError(action: "remove \(temporaryPath)")
        }
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if descriptor < 0 { throw StateFileError(action: "write \(temporaryPath)") }
        var failure: StateFileError?
        if !writeAll(bytes, to: descriptor) || (durability == .synced && operations.sync(descriptor) != 0) {
            failure = StateFileError(action: "write \(temporaryPath)")
        }
        // close reports write-back errors that some file systems defer (NFS).
        if close(descriptor) != 0 && failure == nil {
            failure = StateFileError(action: "write \(temporaryPath)")
        }
        if failure == nil && operations.rename(temporaryPath, path) != 0 {
            failure = StateFileError(action: "rename \(temporaryPath) to \(path)")
        }
        if let failure {
            unlink(temporaryPath)
            throw failure
        }
        if durability == .synced { try Self.syncDirectory(directory) }
    }

    /// false with `errno` set when a write fails.
    private func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { operations.write(descriptor, UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// The rename is durable only once the directory entry is on disk.
    private static func syncDirectory(_ directory: String) throws(StateFileError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor < 0 { throw StateFileError(action: "open directory \(directory)") }
        defer { close(descriptor) }
        if fsync(descriptor) != 0 { throw StateFileError(action: "sync directory \(directory)") }
    }

    /// `mkdir -p` with mode 0700: state may say when the user was at the desk.
    static func makeDirectories(_ directory: String) throws(StateFileError) {
        var status = stat()
        if stat(directory, &status) == 0 {
            if status.st_mode & S_IFMT == S_IFDIR { return }
            throw StateFileError(action: "create directory \(directory)", errno: ENOTDIR)
        }
        if errno != ENOENT { throw StateFileError(action: "create directory \(directory)") }
        if let slash = directory.lastIndex(of: "/"), slash != directory.startIndex {
            try makeDirectories(String(directory[..<slash]))
        }
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw StateFileError(action: "create directory \(directory)")
        }
    }
}

/// `cannot write /x/state.json.tmp: No space left on device`
public struct StateFileError: Error, Equatable, CustomStringConvertible {
    /// What failed, with its path: `write /x/state.json.tmp`.
    public var action: String
    public var errno: Int32

    public init(action: String, errno: Int32 = Glibc.errno) {
        self.action = action
        self.errno = errno
    }

    public var description: String { "cannot \(action): \(FileReadError.describe(errno))" }
}

/// The system calls that put a state file's bytes on disk, as one value: the daemon uses the
/// system's, and tests put in ones that lose data the way a power cut after an unsynced save
/// can (a torn write, an empty file, a rename that never reached the disk).
public struct FileOperations: Sendable {
    public var write: @Sendable (Int32, UnsafeRawBufferPointer) -> Int
    public var sync: @Sendable (Int32) -> Int32
    public var rename: @Sendable (String, String) -> Int32

    public init(
        write: @escaping @Sendable (Int32, UnsafeRawBufferPointer) -> Int,
        sync: @escaping @Sendable (Int32) -> Int32,
        rename: @escaping @Sendable (String, String) -> Int32
    ) {
        self.write = write
        self.sync = sync
        self.rename = rename
    }

    public static let system = FileOperations(
        write: { Glibc.write($0, $1.baseAddress, $1.count) }, sync: { fsync($0) }, rename: { Glibc.rename($0, $1) })
}
