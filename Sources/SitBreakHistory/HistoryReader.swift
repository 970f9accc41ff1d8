import SitBreakModel

/// Reads the history for `sitbreakctl`: through a read-only connection, so it works while
/// the daemon writes (WAL readers see the last commit) and while it is stopped.
public enum HistoryReader {
    /// The events of local days `days`, oldest first, in the order they were appended.
    public static func records(at path: String, days: ClosedRange<LocalDay>) throws(HistoryError) -> [HistoryRecord] {
        var records: [HistoryRecord] = []
        try forEachRecord(at: path, days: days) { records.append($0) }
        return records
    }

    /// Hands each event of local days `days` to `body` as it is read, oldest first, in the
    /// order they were appended: years of events pass through without being held at once.
    public static func forEachRecord(
        at path: String, days: ClosedRange<LocalDay>, _ body: (HistoryRecord) -> Void
    ) throws(HistoryError) {
        try forEachRecord(at: path, days: days, columns: RecordColumns.names, body)
    }

    /// The statistics of `query`: the summaries of the days the daemon has summarized, then
    /// the rows of the days after, read as they are counted and only the columns the
    /// statistics use (no boot id, detail, level or durations in the records it sees).
    public static func tally(at path: String, query: HistoryQuery) throws(HistoryError) -> StatsTally {
        guard let connection = try open(path) else { return StatsTally(query: query) }
        return try tally(in: connection, query: query)
    }

    static func tally(in connection: SQLiteConnection, query: HistoryQuery) throws(HistoryError) -> StatsTally {
        // Today is always counted from its rows, whatever the clock did to the summaries.
        let summarized = try DaySummaries.lastDay(in: connection).map { min($0, query.today.adding(days: -1)) }
        var tally = StatsTally(query: query, summarizedThrough: summarized)
        if let summarized, let days = query.summaryDays(through: summarized) {
            try DaySummaries.forEach(in: connection, days: days) { tally.add(summary: $0) }
        }
        try forEachRecord(
            in: connection, days: query.daysToRead(summarizedThrough: summarized), columns: RecordColumns.countedNames
        ) { tally.add($0) }
        return tally
    }

    private static func forEachRecord(
        at path: String, days: ClosedRange<LocalDay>, columns: String, _ body: (HistoryRecord) -> Void
    ) throws(HistoryError) {
        guard let connection = try open(path) else { return }
        try forEachRecord(in: connection, days: days, columns: columns, body)
    }

    static func forEachRecord(
        in connection: SQLiteConnection, days: ClosedRange<LocalDay>, columns: String, _ body: (HistoryRecord) -> Void
    ) throws(HistoryError) {
        let select = try connection.prepare(RecordColumns.selectDays(columns), action: "read events")
        select.bind(days.lowerBound.daysSinceEpoch, at: 1)
        select.bind(days.upperBound.daysSinceEpoch, at: 2)
        while try select.step(action: "read events") {
            body(RecordColumns.read(from: select))
        }
    }

    /// The first local day with an event; nil while nothing is recorded. A span asked for
    /// ("since 0000-01-01") is cut to it, so its length follows the data, not the request.
    public static func firstDay(at path: String) throws(HistoryError) -> LocalDay? {
        guard let connection = try open(path) else { return nil }
        return try firstDay(in: connection)
    }

    static func firstDay(in connection: SQLiteConnection) throws(HistoryError) -> LocalDay? {
        let select = try connection.prepare("SELECT MIN(local_day) FROM events", action: "find the first day")
        guard try select.step(action: "find the first day"), let first = select.int(at: 0) else { return nil }
        return LocalDay(daysSinceEpoch: first)
    }

    /// A read-only connection to a history of the schema this sitbreak reads; nil when the
    /// file was created but nothing was ever committed to it.
    private static func open(_ path: String) throws(HistoryError) -> SQLiteConnection? {
        guard try PrivateFile.isPresent(path) else { throw .notFound(path: path) }
        let connection = try SQLiteConnection(path: path, access: .readOnly)
        // Years of rows are read once, in order: a small cache holds the pages being read.
        try connection.execute("PRAGMA cache_size = -256", action: "limit the page cache")
        let version = try connection.userVersion()
        // Version 0: created, but the first migration never committed; nothing was recorded.
        if version == 0 { return nil }
        if version > HistorySchema.latestVersion {
            throw .newerSchema(path: path, version: version, supported: HistorySchema.latestVersion)
        }
        if version < HistorySchema.latestVersion {
            throw .olderSchema(path: path, version: version, supported: HistorySchema.latestVersion)
        }
        return connection
    }
}
