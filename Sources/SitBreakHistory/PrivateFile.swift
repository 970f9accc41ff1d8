import Glibc

/// The history file is the user's own record of their days: readable by them alone.
enum PrivateFile {
    static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Whether the file is there, telling "nothing there" from "not yours to look at": another
    /// user asking about this one is refused, not told there is no history.
    static func isPresent(_ path: String) throws(HistoryError) -> Bool {
        if access(path, F_OK) == 0 { return true }
        if errno == ENOENT { return false }
        throw .system(errno, path: path, action: "read the history")
    }

    /// Creates the file (and missing parent directories) with mode 0600, or narrows an
    /// existing file to 0600. SQLite gives its -wal and -shm files the database's mode.
    static func prepare(_ path: String) throws(HistoryError) {
        try makeDirectories(parent(of: path))
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure(path, "create the file") }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else { throw failure(path, "make the file private (mode 0600)") }
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func makeDirectories(_ directory: String) throws(HistoryError) {
        if directory == "." || directory == "/" || exists(directory) { return }
        try makeDirectories(parent(of: directory))
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            throw failure(directory, "create the directory")
        }
    }

    private static func failure(_ path: String, _ action: String) -> HistoryError {
        .system(errno, path: path, action: action)
    }
}
