import SitBreakModel

/// How a `HistoryRecord` maps to the `events` table: one column list for writing and reading.
enum RecordColumns {
    static let names = """
        kind, wall_seconds, utc_offset_seconds, local_day, boot_id, boot_seconds, \
        sitting_seconds, away_seconds, duration_seconds, level, detail, \
        evidence_source, quiet_seconds, confirmed
        """

    static let insert = "INSERT INTO events (\(names)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    /// What the statistics read (`StatsTally`): the other columns come back as constants, so
    /// `read` serves both and SQLite decodes a little over half of each row.
    static let countedNames = """
        kind, wall_seconds, utc_offset_seconds, local_day, '', 0, \
        sitting_seconds, away_seconds, NULL, NULL, '', \
        evidence_source, NULL, confirmed
        """

    /// The rows of local days ?1 through ?2 in append order, with `columns`. Rows are appended
    /// in time order, so they lie in one run of ids from the first of them on: read by id from
    /// there, no sort and no index lookup per row. The filter keeps the result exact when the
    /// clock went back; then the run is only longer.
    static func selectDays(_ columns: String) -> String {
        """
        SELECT \(columns) FROM events NOT INDEXED
        WHERE id >= (SELECT min(id) FROM events WHERE local_day BETWEEN ?1 AND ?2) AND local_day BETWEEN ?1 AND ?2
        ORDER BY id
        """
    }

    static func bind(_ record: HistoryRecord, to statement: SQLiteStatement) {
        statement.bind(record.kind.rawValue, at: 1)
        statement.bind(record.moment.wall, at: 2)
        statement.bind(record.moment.utcOffset, at: 3)
        statement.bind(record.localDay.daysSinceEpoch, at: 4)
        statement.bind(record.bootID, at: 5)
        statement.bind(record.moment.boot, at: 6)
        statement.bind(record.sittingSeconds, at: 7)
        statement.bind(record.awaySeconds, at: 8)
        statement.bind(record.durationSeconds, at: 9)
        statement.bind(record.level, at: 10)
        statement.bind(record.detail, at: 11)
        statement.bind(record.evidence?.source, at: 12)
        statement.bind(record.evidence?.quietSeconds, at: 13)
        statement.bind(record.evidence.map { $0.confirmed ? 1 : 0 }, at: 14)
    }

    /// The record in the statement's current row (local_day, column 3, is derived from the moment).
    static func read(from statement: SQLiteStatement) -> HistoryRecord {
        HistoryRecord(
            kind: HistoryKind(rawValue: statement.text(at: 0)),
            moment: Moment(
                boot: statement.double(at: 5) ?? 0, wall: statement.double(at: 1) ?? 0,
                utcOffset: statement.double(at: 2) ?? 0),
            bootID: statement.text(at: 4),
            sittingSeconds: statement.double(at: 6),
            awaySeconds: statement.double(at: 7),
            durationSeconds: statement.double(at: 8),
            level: statement.int(at: 9),
            detail: statement.text(at: 10),
            evidence: statement.optionalText(at: 11).map { source in
                BreakEvidence(source: source, quietSeconds: statement.double(at: 12) ?? 0, confirmed: statement.int(at: 13) == 1)
            })
    }
}
