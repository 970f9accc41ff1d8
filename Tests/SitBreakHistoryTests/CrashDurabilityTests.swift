import Glibc
import SitBreakModel
import Testing

@testable import SitBreakHistory

/// Acknowledged means on disk: a child appends events and reports each one after `append`
/// returns; it is killed with SIGKILL at a random point, and every reported event must be
/// in the file when it is opened again, the way a restarted daemon opens it.
@Suite struct CrashDurabilityTests {
    static let databaseVariable = "SITBREAK_HISTORY_CRASH_TEST_DB"
    static let rounds = 30

    static var isChild: Bool { getenv(databaseVariable) != nil }

    static func record(_ sequence: Int) -> HistoryRecord {
        HistoryRecord(
            kind: .reminder, moment: Moment(boot: Seconds(sequence), wall: 1_795_000_000 + Seconds(sequence)),
            bootID: "crash-test", sittingSeconds: 2_700, level: sequence)
    }

    /// The child's side: runs only in the process the parent test starts.
    @Test(.enabled(if: CrashDurabilityTests.isChild)) func appendUntilKilled() throws {
        let report = ChildProcess.reportDescriptor
        func say(_ line: String) -> Bool {
            let bytes = Array((line + "\n").utf8)
            return write(report, bytes, bytes.count) == bytes.count
        }
        guard say("opening") else { return }
        let store = try HistoryStore(path: String(cString: getenv(Self.databaseVariable)))
        for sequence in 0..<100_000 {
            try store.append(Self.record(sequence))
            guard say(String(sequence)) else { return }
        }
    }

    @Test func acknowledgedAppendsSurviveSIGKILL() throws {
        for round in 0..<Self.rounds {
            let directory = TemporaryDirectory()
            // Round 0 dies while the file is created and migrated; the others mid-append.
            let acknowledgementsBeforeKill = round == 0 ? 0 : Int.random(in: 0...60)
            var child = try ChildProcess(
                runningTest: "CrashDurabilityTests/appendUntilKilled",
                environment: [Self.databaseVariable: directory.historyPath])
            #expect(child.nextLine() == "opening")
            var acknowledged: [Int] = []
            while acknowledged.count < acknowledgementsBeforeKill, let line = child.nextLine() {
                acknowledged.append(try #require(Int(line)))
            }
            #expect(child.kill() == SIGKILL, "round \(round): the child ended before it was killed")
            while let line = child.nextLine() { acknowledged.append(try #require(Int(line))) }

            let reopened = try HistoryStore(path: directory.historyPath)
            let stored = try HistoryReader.records(
                at: directory.historyPath, days: LocalDay(daysSinceEpoch: 0)...LocalDay(daysSinceEpoch: 100_000))
            let sequences = stored.compactMap(\.level)
            #expect(acknowledged == Array(0..<acknowledged.count), "round \(round)")
            // Everything acknowledged is there; at most the one append in flight got in too.
            #expect(sequences == Array(0..<sequences.count), "round \(round)")
            #expect((acknowledged.count...acknowledged.count + 1).contains(sequences.count), "round \(round)")
            try reopened.append(Self.record(sequences.count))
        }
    }
}
