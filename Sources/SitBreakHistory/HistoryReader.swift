import SitBreakModel

/// Reads the history for `sitbreakctl`: through a read-only connection, so it works while
/// the daemon writes (WAL readers see the last commit) and while it is stopped.
public enum HistoryReader {
    /// The events of local days `days`, oldest first, in the order they were appended.
    public static func records(at path: String, days: ClosedRange<LocalDay>) throws(HistoryError) -> [HistoryRecord] {
        guard let connection = try open(path) else { return [] }
        let select = try connection.prepare(RecordColumns.selectDays, action: "read events")
        select.bind(days.lowerBound.daysSinceEpoch, at: 1)
        select.bind(days.upperBound.daysSinceEpoch, at: 2)
        var records: [HistoryRecord] = []
        while try select.step(action: "read events") {
            records.append(RecordColumns.read(from: select))
        }
        return records
    }

    /// The first local day with an event; nil while nothing is recorded. A span asked for
    /// ("since 0000-01-01") is cut to it, so its length follows the data, not the request.
    public static func firstDay(at path: String) throws(HistoryError) -> LocalDay? {
        guard let connection = try open(path) else { return nil }
        let select = try connection.prepare("SELECT MIN(local_day) FROM events", action: "find the first day")
        guard try select.step(action: "find the first day"), let first = select.int(at: 0) else { return nil }
        return LocalDay(daysSinceEpoch: first)
    }

    /// A read-only connection to a history of the schema this sitbreak reads; nil when the
    /// file was created but nothing was ever committed to it.
    private static func open(_ path: String) throws(HistoryError) -> SQLiteConnection? {
        guard try PrivateFile.isPresent(path) else { throw .notFound(path: path) }
        let connection = try SQLiteConnection(path: path, access: .readOnly)
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
