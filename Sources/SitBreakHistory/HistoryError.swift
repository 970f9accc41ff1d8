/// Why the history could not be opened, written or read; each case names the file.
public enum HistoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// SQLite refused `action`; `message` is SQLite's own.
    case database(path: String, action: String, message: String)
    /// A system call on the file or its directory failed; `reason` is `strerror`'s text.
    case file(path: String, action: String, reason: String)
    /// The file was written by a newer sitbreak. It is never changed.
    case newerSchema(path: String, version: Int, supported: Int)
    /// A reader found a file the daemon has not upgraded yet (readers never write).
    case olderSchema(path: String, version: Int, supported: Int)
    /// Nothing recorded yet: the file does not exist.
    case notFound(path: String)

    public var description: String {
        switch self {
        case .database(let path, let action, let message):
            "\(path): cannot \(action): \(message)"
        case .file(let path, let action, let reason):
            "\(path): cannot \(action): \(reason)"
        case .newerSchema(let path, let version, let supported):
            "\(path): history schema version \(version) is newer than this sitbreak understands "
                + "(\(supported)); the file was left untouched. Upgrade sitbreak, or move the file "
                + "away to start a new history"
        case .olderSchema(let path, let version, let supported):
            "\(path): history schema version \(version) is older than this sitbreakctl reads "
                + "(\(supported)); restart sitbreakd (`systemctl --user restart sitbreakd`) to upgrade it"
        case .notFound(let path):
            "\(path): no history yet; sitbreakd writes it while it runs"
        }
    }
}
