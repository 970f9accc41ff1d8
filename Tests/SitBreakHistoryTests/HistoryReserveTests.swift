import Glibc
import SitBreakFiles
import SitBreakModel
import Testing

@testable import SitBreakHistory

/// The room set aside for events a full disk keeps out of the history: what is kept reads back
/// whole after a restart, and a write the disk tore or never synced leaves the copy before it.
@Suite struct HistoryReserveTests {
    let directory = TemporaryDirectory()
    var path: String { directory.path + "/sitbreak/history.sqlite3.reserve" }

    /// Event `index` of a run of them, each with every field a record carries.
    static func event(_ index: Int) -> HistoryRecord {
        HistoryRecord(
            kind: index.isMultiple(of: 2) ? .paused : .breakTaken,
            moment: Moment(boot: 100 + Seconds(index) + 0.125, wall: 1_795_000_000 + Seconds(index) / 3, utcOffset: 3_600),
            bootID: "6b1f0c9e-boot", sittingSeconds: 1_800.5, awaySeconds: index.isMultiple(of: 3) ? nil : 300,
            durationSeconds: 600, level: index % 4, detail: "line \(index)\n\"quoted\" \u{1F9CD}",
            evidence: index.isMultiple(of: 2) ? nil : BreakEvidence(source: "x11", quietSeconds: 301, confirmed: true))
    }

    static func events(_ range: Range<Int>) -> [HistoryRecord] { range.map(event) }

    @Test func keptEventsReadBackWholeAfterARestart() throws {
        let kept = Self.events(0..<5)
        #expect(try HistoryReserve(path: path).keep(kept) == 5)
        #expect(try HistoryReserve(path: path).read() == kept)
    }

    @Test func theFileIsPrivateAndAllocatedWholeBeforeAnythingIsKept() throws {
        let reserve = try HistoryReserve(path: path)
        #expect(TemporaryDirectory.mode(of: path) == 0o600)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(Int(info.st_size) == 2 * HistoryReserve.slotBytes)
        #expect(Int(info.st_blocks) * 512 >= 2 * HistoryReserve.slotBytes, "its blocks are taken now, not when the disk is full")
        #expect(reserve.read().isEmpty)
    }

    @Test func eachKeepReplacesTheLastAndAClearedReserveHoldsNothing() throws {
        let reserve = try HistoryReserve(path: path)
        for count in 1...4 { try reserve.keep(Self.events(0..<count)) }
        #expect(try HistoryReserve(path: path).read() == Self.events(0..<4))
        try reserve.clear()
        #expect(try HistoryReserve(path: path).read().isEmpty)
        // A reserve opened again goes on from the latest copy, not from the first slot.
        let reopened = try HistoryReserve(path: path)
        try reopened.keep(Self.events(7..<9))
        #expect(try HistoryReserve(path: path).read() == Self.events(7..<9))
    }

    @Test func pastItsRoomTheNewestAreKept() throws {
        let many = Self.events(0..<2_000)
        let kept = try HistoryReserve(path: path).keep(many)
        #expect(kept > 100 && kept < many.count)
        #expect(try HistoryReserve(path: path).read() == Array(many.suffix(kept)))
    }

    /// Ways a write can fail: reported, or (a power cut after it was reported done) not.
    enum Fault: CaseIterable, CustomTestStringConvertible {
        case tornWrite, neverWritten, writeFails, syncFails

        var operations: FileOperations {
            let system = FileOperations.system
            return switch self {
            case .tornWrite:
                FileOperations(
                    write: { descriptor, bytes in
                        // Half the bytes reach the disk; the caller is told all of them did.
                        _ = Glibc.write(descriptor, bytes.baseAddress, bytes.count / 2)
                        return bytes.count
                    }, sync: system.sync, rename: system.rename)
            case .neverWritten:
                FileOperations(write: { _, bytes in bytes.count }, sync: system.sync, rename: system.rename)
            case .writeFails:
                FileOperations(write: { _, _ in errno = EIO; return -1 }, sync: system.sync, rename: system.rename)
            case .syncFails:
                FileOperations(write: system.write, sync: { _ in errno = EIO; return -1 }, rename: system.rename)
            }
        }

        /// Whether the caller hears of it.
        var reported: Bool { self == .writeFails || self == .syncFails }

        var testDescription: String {
            switch self {
            case .tornWrite: "a torn write"
            case .neverWritten: "a write that never reached the disk"
            case .writeFails: "a write that fails"
            case .syncFails: "a sync that fails"
            }
        }
    }

    @Test(arguments: Fault.allCases)
    func aFaultyWriteLeavesOneWholeCopy(_ fault: Fault) throws {
        let before = Self.events(0..<3)
        // Two good copies, so the faulty write goes over an older one, as it would after many.
        try HistoryReserve(path: path).keep(Self.events(0..<1))
        try HistoryReserve(path: path).keep(before)
        let faulty = try HistoryReserve(path: path, operations: fault.operations)
        if fault.reported {
            #expect(throws: HistoryError.self) { try faulty.keep(Self.events(0..<6)) }
        } else {
            try faulty.keep(Self.events(0..<6))
        }
        // A failed sync leaves the new copy whole in the page cache, where a reader finds it;
        // any other fault leaves the copy before as the one read, never a mix.
        let expected = fault == .syncFails ? Self.events(0..<6) : before
        #expect(try HistoryReserve(path: path).read() == expected)
    }

    @Test func aFailedWriteIsReportedWithThePathAndWhy() throws {
        let failing = try HistoryReserve(path: path, operations: Fault.syncFails.operations)
        #expect(throws: HistoryError.file(path: path, action: "sync the kept events", reason: FileReadError.describe(EIO))) {
            try failing.keep(Self.events(0..<1))
        }
    }

    @Test func aSlotFromElsewhereIsPassedOver() throws {
        try HistoryReserve(path: path).keep(Self.events(0..<2))
        // The other slot: a header that claims more than its body holds, then plain garbage.
        for garbage in ["sitbreak history reserve 1 sequence=9 records=1 bytes=60000 fnv1a=0\n", "\u{0}garbage\n{}"] {
            let descriptor = open(path, O_WRONLY)
            #expect(pwrite(descriptor, garbage, garbage.utf8.count, off_t(HistoryReserve.slotBytes)) == garbage.utf8.count)
            close(descriptor)
            #expect(try HistoryReserve(path: path).read() == Self.events(0..<2))
        }
    }

    @Test func aDirectoryWhereTheReserveGoesIsAnErrorNamingIt() throws {
        #expect(mkdir(directory.path + "/sitbreak", 0o700) == 0)
        #expect(mkdir(path, 0o700) == 0)
        #expect(throws: HistoryError.self) { _ = try HistoryReserve(path: path) }
        do {
            _ = try HistoryReserve(path: path)
        } catch {
            #expect(error.description.hasPrefix(path + ": cannot "), "\(error)")
        }
    }

    @Test func aSlotHeaderReadsBackAndTheLongestBoundsEveryOne() {
        let header = HistoryReserve.SlotHeader(sequence: 42, records: 3, bytes: 512, checksum: 0xdead_beef)
        #expect(HistoryReserve.SlotHeader(header.line.dropLast()) == header)
        #expect(header.line.utf8.count <= HistoryReserve.SlotHeader.longest)
        #expect(HistoryReserve.SlotHeader("sitbreak history reserve 2 sequence=1 records=0 bytes=0 fnv1a=0") == nil)
    }
}
