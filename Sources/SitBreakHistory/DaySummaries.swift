import SitBreakModel

/// The per-day statistics of schema version 4: how a `DayStats` maps to `day_summaries` and
/// `day_breaks_by_evidence`, and how they are written and read.
///
/// A day's summary is what `StatsTally` counts for it from the rows, kept so that `stats` over
/// years reads a row a day. The daemon writes it once the day can no longer change: two days
/// after it (`HistoryStore.summarize`), when any sit over its midnight has ended. A row that
/// arrives later for a summarized day (the clock was set back, events waited in memory) makes
/// the store forget the summaries from the day before it on; they are written again.
enum DaySummaries {
    /// The last day with a summary; nil when none is written.
    static func lastDay(in connection: SQLiteConnection) throws(HistoryError) -> LocalDay? {
        let select = try connection.prepare("SELECT max(local_day) FROM day_summaries", action: "find the last summary")
        guard try select.step(action: "find the last summary"), let day = select.int(at: 0) else { return nil }
        return LocalDay(daysSinceEpoch: day)
    }

    /// Hands the summary of each day of `days` that has one to `body`, oldest first.
    static func forEach(
        in connection: SQLiteConnection, days: ClosedRange<LocalDay>, _ body: (DayStats) -> Void
    ) throws(HistoryError) {
        let summaries = try connection.prepare(
            "SELECT \(columns) FROM day_summaries WHERE local_day BETWEEN ?1 AND ?2 ORDER BY local_day",
            action: "read day summaries")
        let evidence = try connection.prepare(
            """
            SELECT local_day, evidence_source, breaks FROM day_breaks_by_evidence
            WHERE local_day BETWEEN ?1 AND ?2 ORDER BY local_day
            """, action: "read breaks by evidence")
        for statement in [summaries, evidence] {
            statement.bind(days.lowerBound.daysSinceEpoch, at: 1)
            statement.bind(days.upperBound.daysSinceEpoch, at: 2)
        }
        // Both in day order: the evidence of a day is taken as its summary is read.
        var evidencePending = try evidence.step(action: "read breaks by evidence")
        while try summaries.step(action: "read day summaries") {
            var day = read(from: summaries)
            while evidencePending, let evidenceDay = evidence.int(at: 0), evidenceDay <= day.day.daysSinceEpoch {
                if evidenceDay == day.day.daysSinceEpoch {
                    day.stats.breaksByEvidence[evidence.text(at: 1)] = evidence.int(at: 2) ?? 0
                }
                evidencePending = try evidence.step(action: "read breaks by evidence")
            }
            body(day)
        }
    }

    /// Writes `days` in one transaction, in place of any summary they had.
    static func write(_ days: [DayStats], in connection: SQLiteConnection) throws(HistoryError) {
        guard let first = days.first?.day, let last = days.last?.day else { return }
        try connection.execute("BEGIN IMMEDIATE", action: "start writing day summaries")
        do throws(HistoryError) {
            try forget(first...last, in: connection)
            let insert = try connection.prepare(
                "INSERT INTO day_summaries (\(columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                action: "prepare writing day summaries")
            let insertEvidence = try connection.prepare(
                "INSERT INTO day_breaks_by_evidence (local_day, evidence_source, breaks) VALUES (?, ?, ?)",
                action: "prepare writing breaks by evidence")
            for day in days {
                bind(day, to: insert)
                _ = try insert.step(action: "write the summary of \(day.day)")
                insert.reset()
                for (source, breaks) in day.breaksByEvidence {
                    insertEvidence.bind(day.day.daysSinceEpoch, at: 1)
                    insertEvidence.bind(source, at: 2)
                    insertEvidence.bind(breaks, at: 3)
                    _ = try insertEvidence.step(action: "write the breaks by evidence of \(day.day)")
                    insertEvidence.reset()
                }
            }
            try connection.execute("COMMIT", action: "commit day summaries")
        } catch {
            try? connection.execute("ROLLBACK", action: "roll back day summaries")
            throw error
        }
    }

    /// Deletes the summaries of `days`.
    static func forget(_ days: ClosedRange<LocalDay>, in connection: SQLiteConnection) throws(HistoryError) {
        try forget(from: days.lowerBound, through: days.upperBound, in: connection)
    }

    /// Deletes the summaries of the days before `day`, as pruning deletes their events.
    static func forget(before day: LocalDay, in connection: SQLiteConnection) throws(HistoryError) {
        try forget(from: nil, through: day.adding(days: -1), in: connection)
    }

    private static func forget(from first: LocalDay?, through last: LocalDay, in connection: SQLiteConnection)
        throws(HistoryError)
    {
        for table in ["day_summaries", "day_breaks_by_evidence"] {
            let delete = try connection.prepare(
                "DELETE FROM \(table) WHERE local_day <= ?2 AND (?1 IS NULL OR local_day >= ?1)",
                action: "forget day summaries")
            delete.bind(first?.daysSinceEpoch, at: 1)
            delete.bind(last.daysSinceEpoch, at: 2)
            _ = try delete.step(action: "forget the day summaries through \(last)")
        }
    }

    private static let columns = """
        local_day, sitting_seconds, breaks_taken, natural_breaks, partial_breaks, abandoned_breaks, \
        reminders, skipped, snoozed, routines_done, longest_sit_seconds, sits_ended, ended_sit_seconds
        """

    private static func bind(_ day: DayStats, to statement: SQLiteStatement) {
        statement.bind(day.day.daysSinceEpoch, at: 1)
        statement.bind(day.sittingSeconds, at: 2)
        statement.bind(day.breaksTaken, at: 3)
        statement.bind(day.naturalBreaks, at: 4)
        statement.bind(day.partialBreaks, at: 5)
        statement.bind(day.abandonedBreaks, at: 6)
        statement.bind(day.reminders, at: 7)
        statement.bind(day.skipped, at: 8)
        statement.bind(day.snoozed, at: 9)
        statement.bind(day.routinesDone, at: 10)
        statement.bind(day.longestSitSeconds, at: 11)
        statement.bind(day.sitsEnded, at: 12)
        statement.bind(day.endedSitSeconds, at: 13)
    }

    private static func read(from statement: SQLiteStatement) -> DayStats {
        var stats = SitStats()
        stats.sittingSeconds = statement.double(at: 1) ?? 0
        stats.breaksTaken = statement.int(at: 2) ?? 0
        stats.naturalBreaks = statement.int(at: 3) ?? 0
        stats.partialBreaks = statement.int(at: 4) ?? 0
        stats.abandonedBreaks = statement.int(at: 5) ?? 0
        stats.reminders = statement.int(at: 6) ?? 0
        stats.skipped = statement.int(at: 7) ?? 0
        stats.snoozed = statement.int(at: 8) ?? 0
        stats.routinesDone = statement.int(at: 9) ?? 0
        stats.longestSitSeconds = statement.double(at: 10) ?? 0
        stats.sitsEnded = statement.int(at: 11) ?? 0
        stats.endedSitSeconds = statement.double(at: 12) ?? 0
        return DayStats(day: LocalDay(daysSinceEpoch: statement.int(at: 0) ?? 0), stats: stats)
    }
}
