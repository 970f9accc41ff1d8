import SitBreakModel

/// The daemon's handle on the history file: opened once, appended to for every event.
///
/// Every `append` is its own transaction, synced to disk (WAL, `synchronous=FULL`) before
/// it returns: an event the daemon acknowledges or logs after `append` survives a crash
/// or a power cut. Not thread-safe; the daemon uses it from its event loop.
public final class HistoryStore {
    public let path: String
    let connection: SQLiteConnection
    private let insert: SQLiteStatement
    private let deleteBeforeDay: SQLiteStatement

    /// Opens `path`, creating it (mode 0600, parent directories 0700) or upgrading its schema.
    /// A file from a newer sitbreak is refused and left exactly as it was.
    public init(path: String) throws(HistoryError) {
        self.path = path
        if PrivateFile.exists(path) { try HistorySchema.checkNotNewer(path: path) }
        try PrivateFile.prepare(path)
        connection = try SQLiteConnection(path: path, access: .readWriteCreate)
        try Self.checkIntact(connection)
        // Migrating before the journal mode changes means a refused file gets no write at all.
        try HistorySchema.migrate(connection)
        let mode = try connection.pragmaText("PRAGMA journal_mode = WAL", action: "switch to write-ahead logging")
        guard mode == "wal" else {
            throw .database(path: path, action: "switch to write-ahead logging", message: "journal mode stayed \(mode)")
        }
        // FULL syncs the log at every commit: in WAL mode NORMAL may lose the last commits.
        try connection.execute("PRAGMA synchronous = FULL", action: "set synchronous writes")
        // The daemon's footprint matters more than speed for a few rows an hour.
        try connection.execute("PRAGMA cache_size = -256", action: "limit the page cache")
        insert = try connection.prepare(RecordColumns.insert, persistent: true, action: "prepare appending")
        deleteBeforeDay = try connection.prepare(
            "DELETE FROM events WHERE local_day < ?", persistent: true, action: "prepare pruning")
    }

    /// SQLite finds a damaged page only when it reads it, which may be months later for the
    /// old days; checked once at open, a damaged file is known before anything is added to it.
    /// (`quick_check` reads every page once: milliseconds for years of events.)
    private static func checkIntact(_ connection: SQLiteConnection) throws(HistoryError) {
        let verdict = try connection.pragmaText("PRAGMA quick_check(1)", action: "check the file is intact")
        guard verdict == "ok" else {
            throw .database(path: connection.path, action: "check the file is intact", message: verdict, condition: .damaged)
        }
    }

    /// Writes one event; when this returns the row is on disk.
    public func append(_ record: HistoryRecord) throws(HistoryError) {
        defer { insert.reset() }
        RecordColumns.bind(record, to: insert)
        _ = try insert.step(action: "append a \(record.kind) event")
    }

    /// Deletes the events of local days before `day`; returns how many went.
    @discardableResult
    public func prune(olderThan day: LocalDay) throws(HistoryError) -> Int {
        defer { deleteBeforeDay.reset() }
        deleteBeforeDay.bind(day.daysSinceEpoch, at: 1)
        _ = try deleteBeforeDay.step(action: "prune events before \(day)")
        return connection.changes
    }
}
