import CSQLite
import Glibc
import SitBreakFiles

/// One connection to a SQLite file, closed when released. Used from one thread at a time.
final class SQLiteConnection {
    enum Access {
        case readOnly
        case readWriteCreate
    }

    let path: String
    private let handle: OpaquePointer

    /// Long enough to ride out a checkpoint, short enough that a stuck peer surfaces as an
    /// error; the daemon's writer sets its own, shorter wait (`HistoryStore`).
    static let busyTimeoutMilliseconds: Int32 = 5000

    init(path: String, access: Access) throws(HistoryError) {
        let mode =
            switch access {
            case .readOnly: SQLITE_OPEN_READONLY
            case .readWriteCreate: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
            }
        var opened: OpaquePointer?
        let status = sqlite3_open_v2(path, &opened, mode | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, nil)
        guard status == SQLITE_OK, let opened else {
            let failure = Self.failure(opened, status: status, path: path, action: "open")
            sqlite3_close_v2(opened)
            throw failure
        }
        self.path = path
        handle = opened
        sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
    }

    deinit {
        // close_v2 defers the close until the last statement is finalized.
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows the caller needs.
    func execute(_ sql: String, action: String) throws(HistoryError) {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard status == SQLITE_OK else {
            throw Self.failure(handle, status: status, path: path, action: action, message: message.map { String(cString: $0) })
        }
    }

    /// `persistent`: the statement lives as long as the connection and is reused for every call.
    func prepare(_ sql: String, persistent: Bool = false, action: String) throws(HistoryError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        guard sqlite3_prepare_v3(handle, sql, -1, flags, &statement, nil) == SQLITE_OK, let statement else {
            throw failure(action)
        }
        return SQLiteStatement(statement, connection: self)
    }

    /// The schema version kept in the file header (`PRAGMA user_version`).
    func userVersion() throws(HistoryError) -> Int {
        let statement = try prepare("PRAGMA user_version", action: "read the schema version")
        guard try statement.step(action: "read the schema version") else { return 0 }
        return statement.int(at: 0) ?? 0
    }

    /// Runs a PRAGMA that answers with one text value, e.g. `journal_mode`.
    func pragmaText(_ sql: String, action: String) throws(HistoryError) -> String {
        let statement = try prepare(sql, action: action)
        guard try statement.step(action: action) else { return "" }
        return statement.text(at: 0)
    }

    /// Runs a PRAGMA that answers with one integer, e.g. `page_count`.
    func pragmaInt(_ sql: String, action: String) throws(HistoryError) -> Int {
        let statement = try prepare(sql, action: action)
        guard try statement.step(action: action) else { return 0 }
        return statement.int(at: 0) ?? 0
    }

    /// How long a statement waits for another connection's lock before failing as busy.
    func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(handle, milliseconds)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { Int(sqlite3_changes64(handle)) }

    func failure(_ action: String) -> HistoryError {
        Self.failure(handle, status: sqlite3_extended_errcode(handle), path: path, action: action)
    }

    /// SQLite's failure, with the system's reason where there is one: "disk I/O error" says
    /// nothing a user can act on, "no space left on the disk" does.
    private static func failure(
        _ handle: OpaquePointer?, status: Int32, path: String, action: String, message: String? = nil
    ) -> HistoryError {
        let sqliteMessage = message ?? handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
        let systemCode = handle.map { sqlite3_system_errno($0) } ?? 0
        let primary = status & 0xff
        if primary == SQLITE_FULL || systemCode == ENOSPC || systemCode == EDQUOT {
            let reason = systemCode == EDQUOT ? FileReadError.describe(EDQUOT) : FileReadError.describe(ENOSPC)
            return .database(path: path, action: action, message: reason, condition: .diskFull)
        }
        if primary == SQLITE_BUSY || primary == SQLITE_LOCKED {
            return .database(path: path, action: action, message: sqliteMessage, condition: .busy)
        }
        if primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB {
            return .database(path: path, action: action, message: sqliteMessage, condition: .damaged)
        }
        if [SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM].contains(primary), systemCode != 0 {
            return .database(path: path, action: action, message: FileReadError.describe(systemCode))
        }
        return .database(path: path, action: action, message: sqliteMessage)
    }
}
