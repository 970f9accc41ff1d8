import Logging
import SitBreakEventLoop
import SitBreakFiles
import SitBreakHistory
import SitBreakModel

/// The daemon's side of the history database: every recorded fact is appended before it is
/// reported anywhere else. What the disk does not take (it is full, the file cannot be
/// opened) waits in memory, in order, and is written as soon as it can be; a damaged file is
/// moved aside and a new one started. Reminders run on whatever happens here.
final class HistoryKeeper {
    private var store: HistoryStore?
    private let path: String
    private let bootID: String
    private let loop: EventLoop
    private let logger: Logger
    /// Events not on disk yet, oldest first.
    private var waiting: [HistoryRecord] = []
    /// Events dropped because `waiting` was full; the journal still has each of them.
    private var lost = 0
    /// Why the last write or open failed, while anything waits.
    private var failure: HistoryError?
    private var retryTimer: TimerHandle?
    /// A damaged history was moved here this run.
    private(set) var keptDamaged: String?
    /// Saving stopped (true) or caught up again (false): the user is told, once each way.
    var onSavingChanged: (_ stopped: Bool) -> Void = { _ in }

    /// Months of events at the rate sitbreak records them; past this the oldest go.
    static let waitingLimit = 10_000
    /// How often a full disk is tried again while events wait.
    static let retryInterval: Seconds = 30

    init(path: String, bootID: String?, loop: EventLoop, logger: Logger) {
        self.path = path
        self.bootID = bootID ?? "unknown"
        self.loop = loop
        self.logger = logger
        open()
    }

    /// Events acknowledged but not yet on disk.
    var unsaved: Int { waiting.count }

    /// For `status`, `doctor` and the journal.
    var problems: [String] {
        var problems: [String] = []
        if let failure, !waiting.isEmpty || lost > 0 {
            let why = failure.condition == .diskFull ? "disk full" : "\(failure)"
            var counts = "\(waiting.count) event\(waiting.count == 1 ? "" : "s") waiting"
            if lost > 0 { counts += ", \(lost) older ones dropped (their journal entries remain)" }
            problems.append("history not saved: \(why) (\(counts)); they are written when it can be")
        }
        if let keptDamaged {
            problems.append(
                "the history was damaged: kept it as \(keptDamaged) and started a new one; "
                    + "`sqlite3 \(keptDamaged) .dump | sqlite3 recovered.sqlite3` rescues what can be read")
        }
        return problems
    }

    func record(_ happening: Happening, at now: Moment) {
        append(HistoryRecord(happening, at: now, bootID: bootID))
    }

    func started(version: String, at now: Moment) { append(.daemonStarted(version: version, at: now, bootID: bootID)) }
    func stopped(at now: Moment) { append(.daemonStopped(at: now, bootID: bootID)) }
    func routineDone(moves: [String], at now: Moment) { append(.routineDone(moves: moves, at: now, bootID: bootID)) }
    func sourceChanged(to sources: String, from previous: String, at now: Moment) {
        append(.sourceChanged(to: sources, from: previous, at: now, bootID: bootID))
    }

    /// The totals of `day` as the history has them, for a state file that could not be read.
    func totals(of day: LocalDay, startsAtBoot: Seconds?) -> DayTotals? {
        // From the day before too: a sit that ran over midnight began there.
        guard let records = try? HistoryReader.records(at: path, days: day.adding(days: -1)...day) else { return nil }
        return DayTotals(rebuiltFrom: records + waiting, day: day, startsAtBoot: startsAtBoot)
    }

    /// Drops days older than `keep`; run when a day ends and at start, never on a hot path.
    func prune(today: LocalDay, keep: Seconds) {
        guard let store, waiting.isEmpty else { return }
        do {
            let removed = try store.prune(olderThan: HistoryRetention.oldestKeptDay(today: today, keep: keep))
            if removed > 0 { logger.info("history: pruned \(removed) events older than \(TimeSpan.format(keep))") }
        } catch {
            logger.warning("history: cannot prune: \(error)")
        }
    }

    private func open() {
        do {
            store = try HistoryStore(path: path)
        } catch where error.condition == .damaged {
            keepDamaged(error)
        } catch {
            store = nil
            failed(error)
        }
    }

    /// The file cannot be read as a database: it goes aside, whole, and a new one is started.
    private func keepDamaged(_ error: HistoryError) {
        store = nil
        do {
            let kept = try KeptAside.move(path, label: "damaged", companions: ["-wal", "-shm"])
            keptDamaged = kept
            logger.error("\(error); kept it as \(kept) and started a new history")
            store = try HistoryStore(path: path)
        } catch let error as FileReadError {
            failed(.file(path: error.path, action: "move the damaged history aside", reason: error.problem))
        } catch let error as HistoryError {
            failed(error)
        } catch {
            failed(.file(path: path, action: "start a new history", reason: "\(error)"))
        }
    }

    private func append(_ record: HistoryRecord) {
        if waiting.count >= Self.waitingLimit {
            waiting.removeFirst()
            lost += 1
        }
        waiting.append(record)
        writeWaiting()
    }

    /// Writes what waits, oldest first, stopping at the first failure so the order holds.
    private func writeWaiting() {
        if store == nil { open() }
        var written = 0
        defer { waiting.removeFirst(written) }
        while let store, written < waiting.count {
            do {
                try store.append(waiting[written])
                written += 1
            } catch where error.condition == .damaged {
                keepDamaged(error)
            } catch {
                return failed(error)
            }
        }
        guard store != nil else { return }
        retryTimer?.cancel()
        if failure != nil {
            failure = nil
            let caughtUp = written > 1 ? "; \(written) waiting events written" : ""
            logger.notice("history is being saved again in \(path)\(caughtUp)")
            onSavingChanged(false)
        }
    }

    private func failed(_ error: HistoryError) {
        if failure == nil {
            logger.error("history not saved: \(error); events wait in memory and are written when it can be")
            failure = error
            onSavingChanged(true)
        }
        failure = error
        let retryAt = loop.now(.monotonic) + Self.retryInterval
        if let retryTimer {
            retryTimer.reschedule(at: retryAt)
        } else {
            retryTimer = try? loop.addTimer(clock: .monotonic, at: retryAt, accuracy: 5) { [unowned self] in writeWaiting() }
        }
    }
}
