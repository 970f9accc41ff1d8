import SitBreakModel
import Testing

@testable import SitBreakHistory

@Suite struct SchemaMigrationTests {
    let directory = TemporaryDirectory()
    var path: String { directory.path + "/history.sqlite3" }

    /// The first released layout, written out as sitbreak 0.1 created it.
    static let version1Layout = """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL,
            wall_seconds REAL NOT NULL,
            utc_offset_seconds REAL NOT NULL,
            boot_id TEXT NOT NULL,
            boot_seconds REAL NOT NULL,
            sitting_seconds REAL,
            away_seconds REAL,
            duration_seconds REAL,
            level INTEGER,
            detail TEXT NOT NULL DEFAULT ''
        );
        PRAGMA user_version = 1;
        """

    /// Local 2026-11-23 23:30 in UTC+1, 2026-11-24 00:30 in UTC+1 (still the 23rd in UTC),
    /// and 1969-12-31 23:00 UTC, whose day must round down, not towards zero.
    static let version1Rows = [
        Moment(boot: 100, wall: 1_795_476_600 - 3_600, utcOffset: 3_600),
        Moment(boot: 3_700, wall: 1_795_480_200 - 3_600, utcOffset: 3_600),
        Moment(boot: 10, wall: -3_600, utcOffset: 0),
    ]

    func makeVersion1File() throws {
        let connection = try SQLiteConnection(path: path, access: .readWriteCreate)
        try connection.execute(Self.version1Layout, action: "build version 1")
        for (index, moment) in Self.version1Rows.enumerated() {
            try connection.execute(
                """
                INSERT INTO events (kind, wall_seconds, utc_offset_seconds, boot_id, boot_seconds, sitting_seconds, detail)
                VALUES ('reminder', \(moment.wall), \(moment.utcOffset), 'old-boot', \(moment.boot), \(2_700 + index), 'v1')
                """, action: "insert a version 1 row")
        }
    }

    @Test func version1FileIsMigratedKeepingEveryRow() throws {
        try makeVersion1File()
        let store = try HistoryStore(path: path)
        let peek = try SQLiteConnection(path: path, access: .readOnly)
        #expect(try peek.userVersion() == 4)
        let days = try peek.prepare("SELECT local_day FROM events ORDER BY id", action: "read days")
        var stored: [Int] = []
        while try days.step(action: "read days") { stored.append(days.int(at: 0) ?? -1) }
        #expect(stored == Self.version1Rows.map(\.localDay.daysSinceEpoch))
        let index = try peek.prepare(
            "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'events_by_local_day'",
            action: "find index")
        #expect(try index.step(action: "find index") && index.int(at: 0) == 1)

        let everything = LocalDay(daysSinceEpoch: -10)...LocalDay(year: 2030, month: 1, day: 1)
        let read = try HistoryReader.records(at: path, days: everything)
        #expect(read.map(\.moment) == Self.version1Rows)
        #expect(read.map(\.sittingSeconds) == [2_700, 2_701, 2_702])
        #expect(read.allSatisfy { $0.kind == .reminder && $0.bootID == "old-boot" && $0.detail == "v1" })
        // Version 3's evidence columns: rows from before have none.
        #expect(read.allSatisfy { $0.evidence == nil })

        let later = Moment(boot: 9_000, wall: 1_795_490_000, utcOffset: 3_600)
        try store.append(HistoryRecord(kind: .skipped, moment: later, bootID: "new-boot"))
        #expect(try HistoryReader.records(at: path, days: later.localDay...later.localDay).last?.kind == .skipped)
    }

    /// A file from before incremental auto-vacuum never shrank; housekeeping converts it once
    /// (a whole-file VACUUM, when nothing is left to prune), keeping every row.
    @Test func version1FileIsConvertedToGiveFreedPagesBack() throws {
        try makeVersion1File()
        let store = try HistoryStore(path: path)
        let autoVacuum = "PRAGMA auto_vacuum"
        #expect(try store.connection.pragmaInt(autoVacuum, action: "read") == 0)
        let keepFrom = LocalDay(daysSinceEpoch: -10)
        var slices = 0
        while try !store.housekeep(keepingFrom: keepFrom, summarizingThrough: keepFrom, events: 100, days: 31, pages: 100).finished { slices += 1 }
        #expect(slices >= 1)
        #expect(try store.connection.pragmaInt(autoVacuum, action: "read") == HistoryStore.incremental)
        let everything = keepFrom...LocalDay(year: 2030, month: 1, day: 1)
        #expect(try HistoryReader.records(at: path, days: everything).map(\.moment) == Self.version1Rows)
    }

    /// A week as sitbreak 0.1 wrote it: upgraded to version 4 with no summaries, and read from
    /// its rows meanwhile; the daemon's housekeeping summarizes it, and `stats` says the same.
    @Test func version1WeekIsSummarizedByHousekeepingAndReadsTheSame() throws {
        let week = SimulatedWeek.standard
        let connection = try SQLiteConnection(path: path, access: .readWriteCreate)
        try connection.execute(Self.version1Layout, action: "build version 1")
        let insert = try connection.prepare(
            """
            INSERT INTO events (kind, wall_seconds, utc_offset_seconds, boot_id, boot_seconds,
                sitting_seconds, away_seconds, duration_seconds, level, detail)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, action: "prepare version 1 rows")
        for record in week.records {
            insert.bind(record.kind.rawValue, at: 1)
            insert.bind(record.moment.wall, at: 2)
            insert.bind(record.moment.utcOffset, at: 3)
            insert.bind(record.bootID, at: 4)
            insert.bind(record.moment.boot, at: 5)
            insert.bind(record.sittingSeconds, at: 6)
            insert.bind(record.awaySeconds, at: 7)
            insert.bind(record.durationSeconds, at: 8)
            insert.bind(record.level, at: 9)
            insert.bind(record.detail, at: 10)
            _ = try insert.step(action: "insert a version 1 row")
            insert.reset()
        }

        let store = try HistoryStore(path: path)
        #expect(store.summarizedThrough == nil)
        let query = HistoryQuery.week(containing: SimulatedWeek.sunday)
        // Version 1 kept no evidence for a break.
        let rows = week.records.map { record in
            var record = record
            record.evidence = nil
            return record
        }
        let expected = StatsReport(records: rows, query: query, routineAim: 2...3)
        #expect(try HistoryReader.tally(at: path, query: query).report(routineAim: 2...3) == expected)

        let friday = SimulatedWeek.sunday.adding(days: -2)
        var slices = 0
        while try !store.housekeep(
            keepingFrom: SimulatedWeek.monday.adding(days: -30), summarizingThrough: friday, events: 100, days: 3,
            pages: 100
        ).finished { slices += 1 }
        #expect(slices >= 2)
        #expect(store.summarizedThrough == friday)
        #expect(try HistoryReader.tally(at: path, query: query).report(routineAim: 2...3) == expected)
        #expect(expected.total.breaksTaken + expected.total.naturalBreaks == 12)
    }

    @Test func readerAsksForTheDaemonToUpgradeAnOlderFile() throws {
        try makeVersion1File()
        let before = TemporaryDirectory.bytes(of: path)
        #expect(throws: HistoryError.olderSchema(path: path, version: 1, supported: 4)) {
            try HistoryReader.records(at: path, days: LocalDay(daysSinceEpoch: 0)...LocalDay(daysSinceEpoch: 30_000))
        }
        #expect(TemporaryDirectory.bytes(of: path) == before)
    }

    @Test func newerFileIsRefusedAndLeftByteForByte() throws {
        try makeVersion1File()
        try SQLiteConnection(path: path, access: .readWriteCreate)
            .execute(
                "CREATE TABLE moods (id INTEGER PRIMARY KEY); PRAGMA user_version = 7;", action: "pretend to be newer")
        let before = try #require(TemporaryDirectory.bytes(of: path))
        let modeBefore = TemporaryDirectory.mode(of: path)

        let refusal = HistoryError.newerSchema(path: path, version: 7, supported: 4)
        #expect(throws: refusal) { try HistoryStore(path: path) }
        #expect(throws: refusal) {
            try HistoryReader.records(at: path, days: LocalDay(daysSinceEpoch: 0)...LocalDay(daysSinceEpoch: 30_000))
        }
        #expect(TemporaryDirectory.bytes(of: path) == before)
        #expect(TemporaryDirectory.mode(of: path) == modeBefore)
        #expect(TemporaryDirectory.bytes(of: path + "-wal") == nil)
        #expect(refusal.description.contains("version 7 is newer than this sitbreak understands (4)"))
        #expect(refusal.description.contains("left untouched"))
    }

    @Test func migrationsApplyInOrderFromAnEmptyFile() throws {
        _ = try HistoryStore(path: path)
        let peek = try SQLiteConnection(path: path, access: .readOnly)
        #expect(try peek.userVersion() == HistorySchema.migrations.count)
    }
}
