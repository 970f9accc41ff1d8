/// The layout of the history file and the migrations that build it, oldest first.
///
/// `PRAGMA user_version` holds the number of migrations applied. A released migration is
/// never edited: files in the wild were made by it.
enum HistorySchema {
    static let migrations: [String] = [version1, version2, version3, version4]

    static var latestVersion: Int { migrations.count }

    /// One row per event. Wall time and offset place it in the user's calendar; the boot id
    /// and boot-clock seconds order events within a boot even when the wall clock jumps.
    static let version1 = """
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
        """

    /// Statistics and pruning select whole local days. Version 1 had to compute the day from
    /// wall time and offset in every query, which no index can serve; version 2 stores it
    /// (floor of local seconds / 86 400, as `LocalDay` computes it) and indexes it.
    static let version2 = """
        ALTER TABLE events ADD COLUMN local_day INTEGER NOT NULL DEFAULT 0;
        UPDATE events SET local_day =
            CAST((wall_seconds + utc_offset_seconds) / 86400 AS INTEGER)
            - (CAST((wall_seconds + utc_offset_seconds) / 86400 AS INTEGER)
                > (wall_seconds + utc_offset_seconds) / 86400);
        CREATE INDEX events_by_local_day ON events (local_day);
        """

    /// Every counted break says what saw the user gone (an input source, a lock, `user` for
    /// `done`), how long it saw no input, and whether the user confirmed it. Older rows have none.
    static let version3 = """
        ALTER TABLE events ADD COLUMN evidence_source TEXT;
        ALTER TABLE events ADD COLUMN quiet_seconds REAL;
        ALTER TABLE events ADD COLUMN confirmed INTEGER;
        """

    /// Each finished day's statistics, kept by the daemon (`DaySummaries`): `stats` over years
    /// reads a row a day instead of some forty. Days through the last summarized one all have
    /// a row, empty ones too, so the last row says how far the summaries reach. Existing files
    /// start with none; the daemon's housekeeping fills them in, a slice at a time.
    static let version4 = """
        CREATE TABLE day_summaries (
            local_day INTEGER PRIMARY KEY,
            sitting_seconds REAL NOT NULL,
            breaks_taken INTEGER NOT NULL,
            natural_breaks INTEGER NOT NULL,
            partial_breaks INTEGER NOT NULL,
            abandoned_breaks INTEGER NOT NULL,
            reminders INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            snoozed INTEGER NOT NULL,
            routines_done INTEGER NOT NULL,
            longest_sit_seconds REAL NOT NULL,
            sits_ended INTEGER NOT NULL,
            ended_sit_seconds REAL NOT NULL
        );
        CREATE TABLE day_breaks_by_evidence (
            local_day INTEGER NOT NULL,
            evidence_source TEXT NOT NULL,
            breaks INTEGER NOT NULL,
            PRIMARY KEY (local_day, evidence_source)
        ) WITHOUT ROWID;
        """

    /// Brings the file to `latestVersion` in one transaction; a newer file is refused before
    /// anything is written.
    static func migrate(_ connection: SQLiteConnection) throws(HistoryError) {
        try connection.execute("BEGIN IMMEDIATE", action: "start the schema upgrade")
        do throws(HistoryError) {
            let version = try connection.userVersion()
            if version > latestVersion {
                throw .newerSchema(path: connection.path, version: version, supported: latestVersion)
            }
            for (index, migration) in migrations.enumerated().dropFirst(version) {
                try connection.execute(migration, action: "upgrade the history schema to version \(index + 1)")
            }
            if version < latestVersion {
                try connection.execute("PRAGMA user_version = \(latestVersion)", action: "record the schema version")
            }
            try connection.execute("COMMIT", action: "commit the schema upgrade")
        } catch {
            try? connection.execute("ROLLBACK", action: "roll back the schema upgrade")
            throw error
        }
    }

    /// Refuses a file from a newer sitbreak, looking through a read-only connection so that
    /// nothing, not even a journal mode change, touches it.
    static func checkNotNewer(path: String) throws(HistoryError) {
        let version = try SQLiteConnection(path: path, access: .readOnly).userVersion()
        if version > latestVersion {
            throw .newerSchema(path: path, version: version, supported: latestVersion)
        }
    }
}
