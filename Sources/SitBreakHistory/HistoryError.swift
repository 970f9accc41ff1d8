import Glibc
import SitBreakFiles

/// What kind of failure it was, where the daemon acts on it: a full disk and another
/// program's lock are waited out, a damaged file is moved aside.
public enum HistoryCondition: Equatable, Sendable {
    case diskFull
    /// Another connection held the lock longer than a write waits.
    case busy
    case damaged
    case other
}

/// Why the history could not be opened, written or read; each case names the file.
public enum HistoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// SQLite refused `action`; `message` is SQLite's own, or the system's reason in plain words.
    case database(path: String, action: String, message: String, condition: HistoryCondition = .other)
    /// A system call on the file or its directory failed; `reason` says why in plain words.
    case file(path: String, action: String, reason: String, condition: HistoryCondition = .other)
    /// The file was written by a newer sitbreak. It is never changed.
    case newerSchema(path: String, version: Int, supported: Int)
    /// A reader found a file the daemon has not upgraded yet (readers never write).
    case olderSchema(path: String, version: Int, supported: Int)
    /// Nothing recorded yet: the file does not exist.
    case notFound(path: String)

    public var description: String {
        switch self {
        case .database(let path, let action, let message, _):
            "\(path): cannot \(action): \(message)"
        case .file(let path, let action, let reason, _):
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

extension HistoryError {
    public var condition: HistoryCondition {
        switch self {
        case .database(_, _, _, let condition), .file(_, _, _, let condition): condition
        case .newerSchema, .olderSchema, .notFound: .other
        }
    }

    /// A system call's failure, its reason in the words people know.
    static func system(_ code: Int32, path: String, action: String) -> HistoryError {
        .file(path: path, action: action, reason: FileReadError.describe(code),
              condition: code == ENOSPC || code == EDQUOT ? .diskFull : .other)
    }
}
