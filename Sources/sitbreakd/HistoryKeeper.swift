import Logging
import SitBreakCore
import SitBreakHistory

/// The daemon's side of the history database: every recorded fact is appended before it is
/// reported anywhere else. A database that cannot be opened or written leaves reminders
/// running and says so in `status`.
final class HistoryKeeper {
    private var store: HistoryStore?
    private let path: String
    private let bootID: String
    private let logger: Logger
    private(set) var problem: String?

    init(path: String, bootID: String?, logger: Logger) {
        self.path = path
        self.bootID = bootID ?? "unknown"
        self.logger = logger
        open()
    }

    private func open() {
        do {
            store = try HistoryStore(path: path)
            problem = nil
        } catch {
            fail("history is not being kept: \(error)")
        }
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

    /// Drops days older than `keep`; run when a day ends and at start, never on a hot path.
    func prune(today: LocalDay, keep: Seconds) {
        guard let store else { return }
        do {
            let removed = try store.prune(olderThan: HistoryRetention.oldestKeptDay(today: today, keep: keep))
            if removed > 0 { logger.info("history: pruned \(removed) events older than \(TimeSpan.format(keep))") }
        } catch {
            logger.warning("history: cannot prune: \(error)")
        }
    }

    private func append(_ record: HistoryRecord) {
        if store == nil { open() }
        guard let store else { return }
        do {
            try store.append(record)
            if problem != nil { logger.notice("history is being kept again in \(path)") }
            problem = nil
        } catch {
            fail("an event was not saved to the history: \(error)")
        }
    }

    private func fail(_ message: String) {
        if problem != message { logger.error("\(message)") }
        problem = message
    }
}
