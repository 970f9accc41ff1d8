import Glibc
import SitBreakFiles
import SitBreakModel
import SitBreakProtocol
import Testing

@testable import SitBreakHistory

/// A state file saved without fsync (the heartbeat) can be left torn, empty or unrenamed by a
/// power cut. Each of those, as the disk would leave it, still gives the user today's totals:
/// from the old state where the rename never landed, rebuilt from the history otherwise.
@Suite struct StateRecoveryTests {
    static let monday = LocalDay(year: 2026, month: 11, day: 23)

    /// A morning at the desk: a reminder skipped, one snoozed, a break cut short, an idle break.
    static func morning() -> ModelDesk {
        let start = Moment(boot: 900, wall: monday.startLocalSeconds + 7.5 * 3_600 - 3_600, utcOffset: 3_600)
        var desk = ModelDesk(start: start, breakLength: 4 * 60)
        desk.pass(minutes: 46)
        desk.command(.skip)
        desk.pass(minutes: 48)
        desk.command(.snooze(nil))
        desk.pass(minutes: 3)
        desk.command(.startBreak)
        desk.pass(minutes: 2)
        desk.command(.abandonBreak)
        desk.pass(minutes: 18)
        desk.idle(minutes: 9)
        desk.pass(minutes: 33)
        return desk
    }

    static func savedLine(_ desk: ModelDesk) -> [UInt8] {
        Array(ControlCodec.encodeLine(SavedState(bootID: "model", savedAt: desk.now, state: desk.state)).utf8)
    }

    /// What a restarted daemon reads back, one minute later on the same boot.
    static func readBack(_ file: StateFile, after desk: ModelDesk) throws -> SavedStateReading {
        SavedStateReading(bytes: try file.load(), at: desk.now.advanced(by: 60), bootID: "model")
    }

    /// What a power cut after an unsynced save can leave, as file operations that report success.
    enum PowerCut: CaseIterable, CustomTestStringConvertible {
        case tornWrite, emptyFile, renameNeverLanded

        var operations: FileOperations {
            switch self {
            case .tornWrite:
                FileOperations(
                    write: { descriptor, bytes in
                        // Half the bytes reach the disk; the caller is told all of them did.
                        _ = Glibc.write(descriptor, bytes.baseAddress, bytes.count / 2)
                        return bytes.count
                    },
                    sync: FileOperations.system.sync, rename: FileOperations.system.rename)
            case .emptyFile:
                FileOperations(write: { _, bytes in bytes.count }, sync: FileOperations.system.sync,
                               rename: FileOperations.system.rename)
            case .renameNeverLanded:
                FileOperations(write: FileOperations.system.write, sync: FileOperations.system.sync,
                               rename: { _, _ in 0 })
            }
        }

        var testDescription: String {
            switch self {
            case .tornWrite: "a torn write"
            case .emptyFile: "an empty file"
            case .renameNeverLanded: "a rename that never landed"
            }
        }
    }

    @Test(arguments: PowerCut.allCases)
    func aPowerCutAfterAnUnsyncedSaveKeepsTodaysTotals(_ cut: PowerCut) throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/sitbreak/state.json"
        var desk = Self.morning()
        let goodSave = Self.savedLine(desk)
        try StateFile(path: path).save(goodSave)
        let totalsAtGoodSave = desk.today

        desk.pass(minutes: 25)
        desk.command(.startBreak)
        desk.idle(minutes: 7)
        try StateFile(path: path, operations: cut.operations).save(Self.savedLine(desk), durability: .survivesProcessCrash)

        let reading = try Self.readBack(StateFile(path: path), after: desk)
        switch (cut, reading) {
        case (.renameNeverLanded, .restored(let state, _)):
            // The previous save, whole: nothing from before it is lost.
            #expect(TemporaryDirectory.bytes(of: path) == goodSave)
            #expect(state.today.breaks == totalsAtGoodSave.breaks)
            #expect(state.today.reminders == totalsAtGoodSave.reminders)
            #expect(state.today.snoozed == totalsAtGoodSave.snoozed)
        case (.tornWrite, .unusable), (.emptyFile, .unusable):
            // The daemon then rebuilds today from the history, which has every happening.
            let rebuilt = DayTotals(rebuiltFrom: desk.records, day: Self.monday, startsAtBoot: desk.today.startsAtBoot)
            let kept = desk.today
            #expect(rebuilt.breaks == kept.breaks && kept.breaks >= 1)
            #expect(rebuilt.naturalBreaks == kept.naturalBreaks)
            #expect(rebuilt.abandonedBreaks == kept.abandonedBreaks)
            #expect(rebuilt.snoozed == kept.snoozed)
            #expect(rebuilt.reminders == kept.reminders)
            #expect(abs(rebuilt.sittingSeconds - kept.sittingSeconds) < 1e-6)
            #expect(abs(rebuilt.longestSitSeconds - kept.longestSitSeconds) < 1e-6)
        default:
            Issue.record("\(cut.testDescription) read back as \(reading)")
        }
    }

    @Test func aSyncedSaveThatFailsToSyncIsAnErrorAndLeavesTheOldFile() throws {
        let directory = TemporaryDirectory()
        let path = directory.path + "/state.json"
        try StateFile(path: path).save(Array("old\n".utf8))
        let failingSync = FileOperations(
            write: FileOperations.system.write, sync: { _ in errno = EIO; return -1 }, rename: FileOperations.system.rename)
        #expect(throws: StateFileError(action: "write \(path).tmp", errno: EIO)) {
            try StateFile(path: path, operations: failingSync).save(Array("new\n".utf8))
        }
        #expect(TemporaryDirectory.bytes(of: path) == Array("old\n".utf8))
        #expect(TemporaryDirectory.bytes(of: path + ".tmp") == nil)
    }
}
