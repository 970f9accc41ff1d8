import SitBreakCore

/// Reads the history for `sitbreakctl`: through a read-only connection, so it works while
/// the daemon writes (WAL readers see the last commit) and while it is stopped.
public enum HistoryReader {
    /// The events of local days `days`, oldest first, in the order they were appended.
    public static func records(at path: String, days: ClosedRange<LocalDay>) throws(HistoryError) -> [HistoryRecord] {
        guard PrivateFile.exists(path) else { throw .notFound(path: path) }
        let connection = try SQLiteConnection(path: path, access: .readOnly)
        let version = try connection.userVersion()
        // Version 0: created, but the first migration never committed; nothing was recorded.
        if version == 0 { return [] }
        if version > HistorySchema.latestVersion {
            throw .newerSchema(path: path, version: version, supported: HistorySchema.latestVersion)
        }
        if version < HistorySchema.latestVersion {
            throw .olderSchema(path: path, version: version, supported: HistorySchema.latestVersion)
        }
        let select = try connection.prepare(RecordColumns.selectDays, action: "read events")
        select.bind(days.lowerBound.daysSinceEpoch, at: 1)
        select.bind(days.upperBound.daysSinceEpoch, at: 2)
        var records: [HistoryRecord] = []
        while try select.step(action: "read events") {
            records.append(RecordColumns.read(from: select))
        }
        return records
    }
}
