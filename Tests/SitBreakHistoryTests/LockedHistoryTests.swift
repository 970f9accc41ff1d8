import SitBreakModel
import Testing

@testable import SitBreakHistory

/// The history while another program has the file open: `sitbreakctl stats --csv | less`
/// holding a read transaction, or an `sqlite3` shell holding the write lock.
@Suite struct LockedHistoryTests {
    let directory = TemporaryDirectory()
    let day = LocalDay(year: 2026, month: 11, day: 23)

    /// One event a second from 09:00 on `day`, on a virtual clock.
    func event(_ second: Int) -> HistoryRecord {
        let local = day.startLocalSeconds + 9 * 3_600 + Seconds(second)
        return HistoryRecord(
            kind: .snoozed, moment: Moment(boot: Seconds(second), wall: local - 3_600, utcOffset: 3_600), bootID: "b",
            durationSeconds: Seconds(second))
    }

    func readAll() throws -> [HistoryRecord] {
        try HistoryReader.records(at: directory.historyPath, days: day...day)
    }

    /// 30 seconds of events, one a second, arrive while a reader's transaction stays open.
    /// In WAL mode a reader keeps its snapshot beside the writer, so how long it is held in
    /// wall time changes nothing: the seconds are virtual, the transaction is real.
    @Test func aReaderHoldingATransactionNeverHoldsUpAWrite() throws {
        let store = try HistoryStore(path: directory.historyPath)
        try store.append(event(0))
        let reader = try SQLiteConnection(path: directory.historyPath, access: .readOnly)
        try reader.execute("BEGIN", action: "begin reading")
        let count = "SELECT count(*) FROM events"
        #expect(try reader.pragmaInt(count, action: "count") == 1)
        var pending = PendingEvents(limit: 100)
        for second in 1...30 {
            pending.add(event(second))
            let flushed = pending.flush(store.append)
            #expect(flushed.failure == nil && flushed.written == 1, "second \(second): \(String(describing: flushed.failure))")
        }
        #expect(try reader.pragmaInt(count, action: "count") == 1, "the reader's snapshot stays as it began")
        try reader.execute("COMMIT", action: "end reading")
        #expect(try readAll() == (0...30).map(event))
    }

    /// A writer that holds the lock longer than `HistoryStore.writeWaitMilliseconds`: each
    /// append waits that long (a real, short bound), fails as busy, and the events queue in
    /// order; once the lock is free they are written, none lost.
    @Test func aHeldWriteLockQueuesEventsInOrderUntilItIsFree() throws {
        let store = try HistoryStore(path: directory.historyPath)
        let other = try SQLiteConnection(path: directory.historyPath, access: .readWriteCreate)
        try other.execute("BEGIN IMMEDIATE", action: "take the write lock")
        var pending = PendingEvents(limit: 100)
        for second in 1...5 {
            pending.add(event(second))
            let flushed = pending.flush(store.append)
            #expect(flushed.written == 0)
            #expect(flushed.failure?.condition == .busy, "\(String(describing: flushed.failure))")
        }
        #expect(pending.events == (1...5).map(event))
        try other.execute("COMMIT", action: "release the write lock")
        pending.add(event(6))
        let flushed = pending.flush(store.append)
        #expect(flushed.failure == nil && flushed.written == 6 && pending.isEmpty)
        #expect(try readAll() == (1...6).map(event))
    }
}

@Suite struct PendingEventsTests {
    let moment = Moment(boot: 0, wall: 1_795_000_000, utcOffset: 0)

    func event(_ detail: String) -> HistoryRecord {
        HistoryRecord(kind: .reminder, moment: moment, bootID: "b", detail: detail)
    }

    @Test func pastTheLimitTheOldestGoAndAreCounted() {
        var pending = PendingEvents(limit: 3)
        for name in ["a", "b", "c", "d", "e"] { pending.add(event(name)) }
        #expect(pending.events.map(\.detail) == ["c", "d", "e"])
        #expect(pending.dropped == 2)
    }

    @Test func aFailureStopsTheFlushSoTheOrderHolds() {
        var pending = PendingEvents(limit: 10)
        for name in ["a", "b", "c"] { pending.add(event(name)) }
        var written: [String] = []
        let full = HistoryError.database(path: "h", action: "append", message: "full", condition: .diskFull)
        let flushed = pending.flush { (record: HistoryRecord) throws(HistoryError) in
            if record.detail == "b" { throw full }
            written.append(record.detail)
        }
        #expect(flushed.written == 1 && flushed.failure == full)
        #expect(written == ["a"])
        #expect(pending.events.map(\.detail) == ["b", "c"])
    }
}
