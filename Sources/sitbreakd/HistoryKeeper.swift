import Logging
import SitBreakEventLoop
import SitBreakFiles
import SitBreakHistory
import SitBreakModel

/// The daemon's side of the history database: every recorded fact is appended before it is
/// reported anywhere else. What the disk does not take (it is full, another program holds the
/// lock, the file cannot be opened) waits in memory, in order (`PendingEvents`), and is
/// written as soon as it can be; meanwhile a copy is kept in room set aside beside the file
/// (`HistoryReserve`), so that a daemon stopped on a full disk finds them at its next start. A
/// damaged file is moved aside and a new one started. Start-up
/// waits on no housekeeping: the file's whole-page check runs when the loop first turns,
/// after `READY=1` (events of the start wait in memory until then, milliseconds); old days
/// are pruned and finished days summarized in small slices from the loop. Reminders run on
/// whatever happens here.
final class HistoryKeeper {
    private var store: HistoryStore?
    private let path: String
    private let bootID: String
    private let loop: EventLoop
    private let logger: Logger
    /// Events not on disk yet, oldest first.
    private var waiting = PendingEvents(limit: HistoryKeeper.waitingLimit)
    /// Nil when the room could not be set aside (the disk was full already).
    private let reserve: HistoryReserve?
    /// How many of the waiting events the reserve holds: all of them, or the newest that fit.
    private var reserved = 0
    /// How many of the first waiting events came from the reserve at start: each may be in the
    /// file already, written just before a crash.
    private var fromReserve = 0
    /// Why the last write or open failed, while anything waits.
    private var failure: HistoryError?
    private var retryTimer: TimerHandle?
    /// Housekeeping to do: days before the first go, days through the last are summarized,
    /// then the pages freed go back.
    private var housekeeping: (keepFrom: LocalDay, summarizeThrough: LocalDay)?
    private var housekeepingTimer: TimerHandle?
    /// What this round of housekeeping did so far, for the line that reports it.
    private var tidied = HousekeepingSlice()
    /// The file's pages were checked (`HistoryStore.checkIntact`); until then nothing is written.
    private var checked = false
    private var checkTimer: TimerHandle?
    /// A damaged history was moved here this run.
    private(set) var keptDamaged: String?
    /// Saving stopped (true) or caught up again (false): the user is told, once each way.
    var onSavingChanged: (_ stopped: Bool) -> Void = { _ in }

    /// Months of events at the rate sitbreak records them; past this the oldest go.
    static let waitingLimit = 10_000
    /// How often a full disk is tried again while events wait.
    static let retryInterval: Seconds = 30
    /// How soon a lock another program held is tried again: readers never hold one, a
    /// writer (an `sqlite3` shell in a transaction) for a moment.
    static let busyRetryInterval: Seconds = 2
    /// One slice of housekeeping: a few milliseconds of work, then the loop is free again
    /// for this long before the next.
    static let eventsPerSlice = 1_000
    /// Some forty events a day: a month's summaries read about as many rows as a pruning slice.
    static let daysPerSlice = 31
    static let pagesPerSlice = 256
    static let housekeepingGap: Seconds = 0.05

    init(path: String, bootID: String?, loop: EventLoop, logger: Logger) {
        self.path = path
        self.bootID = bootID ?? "unknown"
        self.loop = loop
        self.logger = logger
        do {
            reserve = try HistoryReserve(path: path + ".reserve")
        } catch {
            reserve = nil
            logger.warning("history: no room set aside for events a full disk keeps out: \(error)")
        }
        // Opened and upgraded now, so that a reader finds the current schema; checked later.
        open(checkingEveryPage: false)
        if let reserve, case let kept = reserve.read(), !kept.isEmpty {
            for record in kept { waiting.add(record) }
            (reserved, fromReserve) = (kept.count, kept.count)
            logger.notice("history: \(kept.count) events kept in \(reserve.path) while the disk was full are written first")
        }
        checkTimer = try? loop.addTimer(clock: .monotonic, at: loop.now(.monotonic), accuracy: 0.001) {
            [unowned self] in checkThenWrite()
        }
        if checkTimer == nil { checkThenWrite() }
    }

    /// Events acknowledged but not yet on disk.
    var unsaved: Int { waiting.count }

    /// What becomes of the unsaved events when the daemon stops now, for the journal.
    var unsavedFate: String {
        let count = waiting.count
        let events = "\(count) history event\(count == 1 ? "" : "s") could not be written"
        guard let reserve, reserved > 0 else { return "\(events) and \(count == 1 ? "is" : "are") lost (the journal has them)" }
        if reserved == count { return "\(events): kept in \(reserve.path), written at the next start" }
        return "\(events): the newest \(reserved) kept in \(reserve.path), written at the next start; "
            + "\(count - reserved) lost (the journal has them)"
    }

    /// For `status`, `doctor` and the journal.
    var problems: [String] {
        var problems: [String] = []
        if let failure, !waiting.isEmpty || waiting.dropped > 0 {
            let why =
                switch failure.condition {
                case .diskFull: "disk full"
                case .busy: "another program holds the database's lock"
                default: "\(failure)"
                }
            var counts = "\(waiting.count) event\(waiting.count == 1 ? "" : "s") waiting"
            if waiting.dropped > 0 { counts += ", \(waiting.dropped) older ones dropped (their journal entries remain)" }
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
    func stopped(at now: Moment) {
        if !checked { checkThenWrite() }
        append(.daemonStopped(at: now, bootID: bootID))
    }
    func routineDone(moves: [String], at now: Moment) { append(.routineDone(moves: moves, at: now, bootID: bootID)) }
    func sourceChanged(to sources: String, from previous: String, at now: Moment) {
        append(.sourceChanged(to: sources, from: previous, at: now, bootID: bootID))
    }

    /// The totals of `day` as the history has them, for a state file that could not be read.
    func totals(of day: LocalDay, startsAtBoot: Seconds?) -> DayTotals? {
        // From the day before too: a sit that ran over midnight began there.
        guard let records = try? HistoryReader.records(at: path, days: day.adding(days: -1)...day) else { return nil }
        return DayTotals(rebuiltFrom: records + waiting.events, day: day, startsAtBoot: startsAtBoot)
    }

    /// Drops days older than `keep` and summarizes the days no sit can still change (through
    /// the day before yesterday), in slices from the event loop (the first one once the loop
    /// runs, after `READY=1`); run when a day ends and at start, never on a hot path.
    func housekeep(today: LocalDay, keep: Seconds) {
        housekeeping = (HistoryRetention.oldestKeptDay(today: today, keep: keep), today.adding(days: -2))
        let at = loop.now(.monotonic) + Self.housekeepingGap
        if let housekeepingTimer {
            housekeepingTimer.reschedule(at: at)
        } else {
            housekeepingTimer = try? loop.addTimer(clock: .monotonic, at: at, accuracy: Self.housekeepingGap) {
                [unowned self] in housekeepOneSlice()
            }
        }
    }

    /// One slice; the next is scheduled until nothing is left. While events wait to be
    /// written, housekeeping waits for the next day's end.
    private func housekeepOneSlice() {
        guard let (keepFrom, summarizeThrough) = housekeeping, let store, waiting.isEmpty else { return }
        do {
            let slice = try store.housekeep(
                keepingFrom: keepFrom, summarizingThrough: summarizeThrough, events: Self.eventsPerSlice,
                days: Self.daysPerSlice, pages: Self.pagesPerSlice)
            tidied.prunedEvents += slice.prunedEvents
            tidied.summarizedDays += slice.summarizedDays
            tidied.releasedBytes += slice.releasedBytes
            guard slice.finished else {
                housekeepingTimer?.reschedule(at: loop.now(.monotonic) + Self.housekeepingGap)
                return
            }
            if tidied.prunedEvents > 0 || tidied.releasedBytes > 0 {
                let holds = (try? store.fileBytes()) ?? 0
                logger.info(
                    "history: pruned \(tidied.prunedEvents) events before \(keepFrom), gave back \(tidied.releasedBytes) bytes; the file holds \(holds) bytes")
            }
            if tidied.summarizedDays > 0 {
                logger.info("history: summarized \(tidied.summarizedDays) days, through \(summarizeThrough)")
            }
        } catch {
            logger.warning("history: cannot tidy: \(error)")
        }
        housekeeping = nil
        tidied = HousekeepingSlice()
    }

    /// Once, when the loop first turns: a damaged file is kept aside before anything is added
    /// to it, then what waits is written.
    private func checkThenWrite() {
        checked = true
        do throws(HistoryError) {
            try store?.checkIntact()
        } catch where error.condition == .damaged {
            keepDamaged(error)
        } catch {
            failed(error)
        }
        writeWaiting()
    }

    private func open(checkingEveryPage: Bool = true) {
        do {
            store = try HistoryStore(path: path, checkingEveryPage: checkingEveryPage)
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
        let dropped = waiting.dropped
        waiting.add(record)
        // The oldest went to make room: the first of those from the reserve, if any are left.
        if waiting.dropped > dropped, fromReserve > 0 { fromReserve -= 1 }
        if checked { writeWaiting() }
    }

    /// Writes what waits, then keeps in the reserve what still does.
    private func writeWaiting() {
        writeToStore()
        keepWhatWaits()
    }

    /// Writes what waits, oldest first, stopping at the first failure so the order holds.
    private func writeToStore() {
        if store == nil { open() }
        var written = 0
        while let store, !waiting.isEmpty {
            let flushed = waiting.flush { [self] record throws(HistoryError) in
                if fromReserve > 0 {
                    let present = try store.contains(record)
                    fromReserve -= 1
                    if present { return }
                }
                try store.append(record)
            }
            written += flushed.written
            guard let failure = flushed.failure else { break }
            if failure.condition == .damaged {
                keepDamaged(failure)
            } else {
                return failed(failure)
            }
        }
        guard store != nil else { return }
        retryTimer?.cancel()
        if let previous = failure {
            failure = nil
            let caughtUp = written > 1 ? "; \(written) waiting events written" : ""
            logger.notice("history is being saved again in \(path)\(caughtUp)")
            if previous.condition != .busy { onSavingChanged(false) }
        }
    }

    /// The reserve holds a copy of what waits, or nothing once nothing does.
    private func keepWhatWaits() {
        guard let reserve, !(waiting.isEmpty && reserved == 0) else { return }
        do throws(HistoryError) {
            reserved = try reserve.keep(waiting.events)
        } catch {
            reserved = 0
            logger.warning("history: \(error)")
        }
    }

    /// A lock another program holds is waited out quietly (the journal says so); a full disk
    /// or an unusable file is the user's to fix, and they are told.
    private func failed(_ error: HistoryError) {
        let busy = error.condition == .busy
        let first = failure == nil
        // Set before the user is told: what they are told is `problems`, which reads it.
        failure = error
        if first, busy {
            logger.notice("history waits: \(error); events wait in memory and are written once the lock is free")
        } else if first {
            // The words `status` shows, with the count: "history not saved: disk full (3 events waiting); ..."
            logger.error("\(problems.first ?? "history not saved: \(error)")")
            onSavingChanged(true)
        }
        let interval = busy ? Self.busyRetryInterval : Self.retryInterval
        if let retryTimer {
            retryTimer.reschedule(at: loop.now(.monotonic) + interval)
        } else {
            retryTimer = try? loop.addTimer(clock: .monotonic, at: loop.now(.monotonic) + interval, accuracy: interval / 4) {
                [unowned self] in writeWaiting()
            }
        }
    }
}
