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
    /// A file from a newer sitbreak is refused and left exactly as it was. `checkingEveryPage`
    /// false leaves `checkIntact` to the caller, for a start that must not wait on it.
    public init(path: String, checkingEveryPage: Bool = true) throws(HistoryError) {
        self.path = path
        if PrivateFile.exists(path) { try HistorySchema.checkNotNewer(path: path) }
        try PrivateFile.prepare(path)
        connection = try SQLiteConnection(path: path, access: .readWriteCreate)
        if checkingEveryPage { try Self.checkIntact(connection) }
        // A writer waits a short while for another writer's lock, then the event queues in
        // memory (HistoryKeeper): the daemon's loop never hangs on someone else's transaction.
        connection.setBusyTimeout(milliseconds: Self.writeWaitMilliseconds)
        // Pages freed by pruning go back to the file system a slice at a time (`housekeep`).
        // Only a file with no table yet takes the setting; older files are converted there.
        if try connection.userVersion() == 0 {
            try connection.execute("PRAGMA auto_vacuum = INCREMENTAL", action: "set incremental auto-vacuum")
        }
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
            """
            DELETE FROM events WHERE id IN (SELECT id FROM events WHERE local_day < ?1 ORDER BY local_day LIMIT ?2)
            """, persistent: true, action: "prepare pruning")
        summarizedThrough = try DaySummaries.lastDay(in: connection)
    }

    /// Days through this one have their summaries written (`DaySummaries`); nil while none has.
    public private(set) var summarizedThrough: LocalDay?

    /// How long an append waits for another writer before it fails as `.busy`. Readers
    /// (`sitbreakctl stats`) never hold it up: in WAL mode they read beside the writer.
    public static let writeWaitMilliseconds: Int32 = 100

    /// SQLite finds a damaged page only when it reads it, which may be months later for the
    /// old days; checked once at open, a damaged file is known before anything is added to it.
    /// (`quick_check` reads every page once: 4 ms for a year of events, 40 for ten.)
    public func checkIntact() throws(HistoryError) {
        try Self.checkIntact(connection)
    }

    private static func checkIntact(_ connection: SQLiteConnection) throws(HistoryError) {
        let verdict = try connection.pragmaText("PRAGMA quick_check(1)", action: "check the file is intact")
        guard verdict == "ok" else {
            throw .database(path: connection.path, action: "check the file is intact", message: verdict, condition: .damaged)
        }
    }

    /// Writes one event; when this returns the row is on disk.
    public func append(_ record: HistoryRecord) throws(HistoryError) {
        // A row on a summarized day, or on the day after one (a sit over its midnight ended
        // there), changes what their summaries say: they go first, and are written again later.
        if let summarizedThrough, record.localDay <= summarizedThrough.adding(days: 1) {
            try DaySummaries.forget(record.localDay.adding(days: -1)...summarizedThrough, in: connection)
            self.summarizedThrough = try DaySummaries.lastDay(in: connection)
        }
        defer { insert.reset() }
        RecordColumns.bind(record, to: insert)
        _ = try insert.step(action: "append a \(record.kind) event")
    }

    /// Whether the events table has `record` already (same kind, boot and moment): an event
    /// kept aside (`HistoryReserve`) may have been written just before a crash that left the
    /// reserve as it was.
    public func contains(_ record: HistoryRecord) throws(HistoryError) -> Bool {
        let query = try connection.prepare(
            """
            SELECT 1 FROM events
            WHERE local_day = ?1 AND kind = ?2 AND boot_id = ?3 AND boot_seconds = ?4 AND wall_seconds = ?5 LIMIT 1
            """, action: "look for a kept event")
        query.bind(record.localDay.daysSinceEpoch, at: 1)
        query.bind(record.kind.rawValue, at: 2)
        query.bind(record.bootID, at: 3)
        query.bind(record.moment.boot, at: 4)
        query.bind(record.moment.wall, at: 5)
        return try query.step(action: "look for a kept event")
    }

    /// One bounded slice of tidying, for an otherwise idle daemon: deletes at most `events`
    /// events of days before `day`; once none are left, the summaries of those days, then
    /// writes the summaries of at most `days` days through `summarizingThrough`; once all are
    /// written, converts a file from before incremental auto-vacuum (once, a whole-file
    /// `VACUUM`), then gives at most `pages` freed pages back to the file system. Call it
    /// again until it reports `finished`.
    public func housekeep(
        keepingFrom day: LocalDay, summarizingThrough lastToSummarize: LocalDay, events: Int, days: Int, pages: Int
    ) throws(HistoryError) -> HousekeepingSlice {
        let bytesBefore = try fileBytes()
        var slice = HousekeepingSlice()
        defer { deleteBeforeDay.reset() }
        deleteBeforeDay.bind(day.daysSinceEpoch, at: 1)
        deleteBeforeDay.bind(events, at: 2)
        _ = try deleteBeforeDay.step(action: "prune events before \(day)")
        slice.prunedEvents = connection.changes
        if slice.prunedEvents == events { return slice }
        if summarizedThrough != nil {
            try DaySummaries.forget(before: day, in: connection)
            self.summarizedThrough = try DaySummaries.lastDay(in: connection)
        }
        slice.summarizedDays = try summarize(through: lastToSummarize, days: days)
        if slice.summarizedDays > 0 { return slice }
        if try connection.pragmaInt("PRAGMA auto_vacuum", action: "read the auto-vacuum mode") != Self.incremental {
            try connection.execute("PRAGMA auto_vacuum = INCREMENTAL; VACUUM", action: "convert to incremental auto-vacuum")
        } else if try connection.pragmaInt("PRAGMA freelist_count", action: "count free pages") > 0 {
            try connection.execute("PRAGMA incremental_vacuum(\(pages))", action: "give free pages back")
            // The file shrinks when the log is copied back into it; readers may hold that up.
            try connection.execute("PRAGMA wal_checkpoint(PASSIVE)", action: "checkpoint the log")
        } else {
            slice.finished = true
        }
        slice.releasedBytes = max(0, bytesBefore - (try fileBytes()))
        return slice
    }

    /// Writes the summaries of at most `count` days after the last summarized one (from the
    /// first day with events when none is), through `last` at most; returns how many.
    private func summarize(through last: LocalDay, days count: Int) throws(HistoryError) -> Int {
        guard let firstRecorded = try HistoryReader.firstDay(in: connection) else { return 0 }
        let first = max(firstRecorded, summarizedThrough?.adding(days: 1) ?? firstRecorded)
        guard first <= last, count > 0 else { return 0 }
        let through = min(last, first.adding(days: count - 1))
        // The rows from the day before (where a sit over the first midnight began) through the
        // day after (where one over the last midnight ended), counted as `stats` counts them.
        var tally = StatsTally(query: HistoryQuery(from: first, today: through), summarizedThrough: first.adding(days: -1))
        try HistoryReader.forEachRecord(
            in: connection, days: first.adding(days: -1)...through.adding(days: 1), columns: RecordColumns.countedNames
        ) { tally.add($0) }
        try DaySummaries.write(tally.report(routineAim: 0...0).days, in: connection)
        summarizedThrough = through
        return through.daysSinceEpoch - first.daysSinceEpoch + 1
    }

    /// The database's size in pages times the page size: the main file once checkpointed.
    public func fileBytes() throws(HistoryError) -> Int {
        try connection.pragmaInt("PRAGMA page_count", action: "count pages")
            * connection.pragmaInt("PRAGMA page_size", action: "read the page size")
    }

    /// `PRAGMA auto_vacuum`'s value for INCREMENTAL.
    static let incremental = 2
}

/// What one `HistoryStore.housekeep` call did.
public struct HousekeepingSlice: Equatable, Sendable {
    public var prunedEvents = 0
    public var summarizedDays = 0
    public var releasedBytes = 0
    /// Nothing is left to prune, summarize or give back.
    public var finished = false

    public init(prunedEvents: Int = 0, summarizedDays: Int = 0, releasedBytes: Int = 0, finished: Bool = false) {
        self.prunedEvents = prunedEvents
        self.summarizedDays = summarizedDays
        self.releasedBytes = releasedBytes
        self.finished = finished
    }
}
