import Glibc
import SitBreakModel
import Testing

@testable import SitBreakHistory

@Suite struct HistoryStoreTests {
    let directory = TemporaryDirectory()
    let monday = LocalDay(year: 2026, month: 11, day: 23)

    func record(_ kind: HistoryKind, day: LocalDay, hour: Seconds, sitting: Seconds? = nil, detail: String = "")
        -> HistoryRecord
    {
        let local = day.startLocalSeconds + hour * 3_600
        return HistoryRecord(
            kind: kind, moment: Moment(boot: hour * 3_600, wall: local - 3_600, utcOffset: 3_600), bootID: "boot-1",
            sittingSeconds: sitting, detail: detail)
    }

    @Test func appendedRecordsReadBackInOrder() throws {
        let records = [
            record(.daemonStarted, day: monday, hour: 8, detail: "0.3.0"),
            record(.reminder, day: monday, hour: 8.75, sitting: 2_700),
            HistoryRecord(
                kind: .naturalBreak, moment: Moment(boot: 33_000.25, wall: 1_795_400_000.5, utcOffset: -18_000),
                bootID: "boot-1", sittingSeconds: 2_950.125, awaySeconds: 300, durationSeconds: nil, level: nil,
                detail: "idle", evidence: BreakEvidence(source: "gnome", quietSeconds: 300.5, confirmed: false)),
            HistoryRecord(
                kind: .breakTaken, moment: Moment(boot: 34_000, wall: 1_795_401_000, utcOffset: -18_000),
                bootID: "boot-1", sittingSeconds: 0, awaySeconds: 60, detail: "confirmed",
                evidence: BreakEvidence(source: "user", quietSeconds: 12, confirmed: true)),
            HistoryRecord(
                kind: .reminder, moment: Moment(boot: 1, wall: 1_795_400_100, utcOffset: 0), bootID: "b", level: 3),
        ]
        let store = try HistoryStore(path: directory.historyPath)
        for record in records { try store.append(record) }
        let read = try HistoryReader.records(
            at: directory.historyPath, days: monday.adding(days: -30)...monday.adding(days: 30))
        #expect(read == records)
    }

    @Test func readsSelectWholeLocalDays() throws {
        let store = try HistoryStore(path: directory.historyPath)
        for offset in 0..<5 { try store.append(record(.reminder, day: monday.adding(days: offset), hour: 23.5)) }
        let read = try HistoryReader.records(
            at: directory.historyPath, days: monday.adding(days: 1)...monday.adding(days: 3))
        #expect(read.map(\.localDay) == [1, 2, 3].map { monday.adding(days: $0) })
    }

    @Test func fileIsPrivateAndWriteAheadLogged() throws {
        let store = try HistoryStore(path: directory.historyPath)
        try store.append(record(.reminder, day: monday, hour: 9))
        #expect(TemporaryDirectory.mode(of: directory.historyPath) == 0o600)
        #expect(TemporaryDirectory.mode(of: directory.historyPath + "-wal") == 0o600)
        #expect(TemporaryDirectory.mode(of: directory.path + "/sitbreak") == 0o700)
        let peek = try SQLiteConnection(path: directory.historyPath, access: .readOnly)
        #expect(try peek.pragmaText("PRAGMA journal_mode", action: "read") == "wal")
        #expect(try peek.userVersion() == HistorySchema.latestVersion)
    }

    @Test func existingFileIsNarrowedToTheOwner() throws {
        _ = try HistoryStore(path: directory.historyPath)
        chmod(directory.historyPath, 0o644)
        _ = try HistoryStore(path: directory.historyPath)
        #expect(TemporaryDirectory.mode(of: directory.historyPath) == 0o600)
    }

    @Test func writesAreFullySynchronous() throws {
        let store = try HistoryStore(path: directory.historyPath)
        // PRAGMA synchronous is per connection: ask the store's own.
        #expect(try store.connection.pragmaText("PRAGMA synchronous", action: "read") == "2")
    }

    @Test func readerSeesEveryCommitWhileTheStoreIsOpenAndAfterItCloses() throws {
        var store: HistoryStore? = try HistoryStore(path: directory.historyPath)
        try store?.append(record(.reminder, day: monday, hour: 9))
        #expect(try HistoryReader.records(at: directory.historyPath, days: monday...monday).count == 1)
        try store?.append(record(.skipped, day: monday, hour: 9.1))
        #expect(try HistoryReader.records(at: directory.historyPath, days: monday...monday).count == 2)
        store = nil
        #expect(
            try HistoryReader.records(at: directory.historyPath, days: monday...monday).map(\.kind) == [
                .reminder, .skipped,
            ])
    }

    @Test func pruningGoesInSlicesOfAtMostTheEventsAskedFor() throws {
        let store = try HistoryStore(path: directory.historyPath)
        for offset in 0..<6 { try store.append(record(.reminder, day: monday.adding(days: offset), hour: 0.25)) }
        let keepFrom = monday.adding(days: 4)
        #expect(try store.housekeep(keepingFrom: keepFrom, summarizingThrough: monday, events: 3, days: 31, pages: 8).prunedEvents == 3)
        #expect(try store.housekeep(keepingFrom: keepFrom, summarizingThrough: monday, events: 3, days: 31, pages: 8).prunedEvents == 1)
        var slices = 0
        while try !store.housekeep(keepingFrom: keepFrom, summarizingThrough: monday, events: 3, days: 31, pages: 8).finished { slices += 1 }
        #expect(slices < 10)
        let left = try HistoryReader.records(at: directory.historyPath, days: monday...monday.adding(days: 10))
        #expect(left.map(\.localDay) == [monday.adding(days: 4), monday.adding(days: 5)])
        try store.append(record(.reminder, day: monday.adding(days: 6), hour: 1))
    }

    @Test func aNewFileGivesPrunedPagesBackToTheFileSystem() throws {
        let store = try HistoryStore(path: directory.historyPath)
        #expect(try store.connection.pragmaInt("PRAGMA auto_vacuum", action: "read") == HistoryStore.incremental)
        // A year of rows in one transaction: the test is about the file, not about durability.
        try store.connection.execute("BEGIN", action: "begin")
        for offset in 0..<365 {
            for hour in stride(from: 8.0, to: 18, by: 0.25) {
                try store.append(record(.reminder, day: monday.adding(days: offset), hour: hour, sitting: 600))
            }
        }
        try store.connection.execute("COMMIT", action: "commit")
        let full = try store.fileBytes()
        var pruned = 0, released = 0
        while true {
            let slice = try store.housekeep(
                keepingFrom: monday.adding(days: 365 - 30), summarizingThrough: monday, events: 2_000, days: 31, pages: 64)
            #expect(slice.prunedEvents <= 2_000)
            pruned += slice.prunedEvents
            released += slice.releasedBytes
            if slice.finished { break }
        }
        #expect(pruned == 335 * 40)
        let kept = try store.fileBytes()
        #expect(kept < full / 5, "\(full) bytes before pruning 11 months of 12, \(kept) after")
        #expect(released == full - kept)
        try store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)", action: "checkpoint")
        #expect(TemporaryDirectory.size(of: directory.historyPath) == kept)
    }

    @Test func retentionKeepsTodayAndTheWholeSpanBeforeIt() {
        #expect(HistoryRetention.oldestKeptDay(today: monday, keep: 365 * 86_400) == monday.adding(days: -365))
        #expect(HistoryRetention.oldestKeptDay(today: monday, keep: 36 * 3_600) == monday.adding(days: -2))
    }

    @Test func readingANonexistentFileSaysNothingWasRecorded() {
        #expect(throws: HistoryError.notFound(path: directory.historyPath)) {
            try HistoryReader.records(at: directory.historyPath, days: monday...monday)
        }
        #expect(TemporaryDirectory.bytes(of: directory.historyPath) == nil)
    }

    @Test func aFileThatIsNotADatabaseIsRefusedNamingThePath() throws {
        let path = directory.path + "/history.sqlite3"
        let junk = Array("not a database, just some text that is long enough to hold a header".utf8)
        let file = try #require(fopen(path, "wb"))
        fwrite(junk, 1, junk.count, file)
        fclose(file)
        let error = #expect(throws: HistoryError.self) { try HistoryStore(path: path) }
        #expect(error?.description.hasPrefix(path + ": cannot ") == true)
        #expect(error?.description.hasSuffix("file is not a database") == true)
        #expect(TemporaryDirectory.bytes(of: path) == junk)
    }

    @Test func anUncreatableDirectoryIsReportedWithItsPath() {
        let error = #expect(throws: HistoryError.self) { try HistoryStore(path: "/proc/sitbreak/history.sqlite3") }
        #expect(error?.description.hasPrefix("/proc/sitbreak: cannot create the directory: ") == true)
    }
}
