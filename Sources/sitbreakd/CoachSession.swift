import Logging
import SitBreakCoach
import SitBreakFiles
import SitBreakModel
import SitBreakPresentation
import SitBreakProtocol

/// The exercise library and what the coach remembers, on the daemon's side: it picks the
/// moves for each overdue run and keeps the history that makes the next pick differ.
final class CoachSession {
    private(set) var library: ExerciseLibrary
    private var history: CoachHistory
    private let historyFile: StateFile
    private let configDirectory: String
    private let logger: Logger
    /// The moves offered to the overdue run in progress (or asked for since); nil between runs.
    private(set) var current: Suggestion?
    /// The user's exercise file was broken at start: the built-in moves run until a reload.
    private(set) var problem: String?

    /// A broken exercise file never keeps the daemon from starting: the built-in moves stand
    /// in, and the problem says so until a reload reads a fixed file.
    init(configDirectory: String, stateDirectory: String, logger: Logger) {
        self.configDirectory = configDirectory
        self.logger = logger
        do {
            library = try ExerciseLibrary.loadForUser(configDirectory: configDirectory)
        } catch {
            library = Self.builtInLibrary
            problem = "\(error); suggesting the built-in moves until `sitbreakctl reload` reads a fixed file"
        }
        historyFile = StateFile(path: stateDirectory + "/coach.json")
        history = Self.loadHistory(historyFile, logger: logger)
        current = restoredOffer()
    }

    /// Re-reads the user's exercise file; a broken one keeps the running library.
    func reload() throws(ExerciseFileError) {
        library = try ExerciseLibrary.loadForUser(configDirectory: configDirectory)
        problem = nil
        current = restoredOffer()
    }

    private static var builtInLibrary: ExerciseLibrary {
        do {
            return try ExerciseLibrary.load()
        } catch {
            // The built-in file is part of the program, and its tests load it.
            preconditionFailure("the built-in exercise library does not load: \(error)")
        }
    }

    /// What the reminder offers: a new suggestion at the first reminder of a run, the same one
    /// at every repeat of it, so the user is not sent after a different move each time.
    func offer(for reminder: Reminder, settings: Settings, day: LocalDay) -> CoachOffer {
        if reminder.level <= 1 || current == nil {
            current = Coach.suggestQuickMove(
                library, settings: settings.coach, breakLength: settings.breaks.length, day: day,
                sittingSeconds: reminder.sittingSeconds, walkAfter: 2 * settings.breaks.sitLimit, history: history)
            remember(history.recordingOffer(of: current?.ids ?? []))
        }
        return CoachOffer(
            line: current?.line, seated: current?.isChairOnly ?? false,
            advice: settings.coach.injured ? SafetyRules.injuredAdvice : nil,
            figure: current.flatMap { InstalledDataFile.moveFigure(id: $0.main.id) }.map { "file://" + $0 })
    }

    /// A break that ends the run takes the offer with it: its moves count as done (the user got
    /// up as the reminder asked); a skip just ends it.
    func noticed(_ happening: Happening, on day: LocalDay) {
        switch happening {
        case .breakTaken, .naturalBreak:
            guard let offered = current else { return }
            current = nil
            remember(history.recordingDone(offered.moves, on: day).endingOffer())
        case .skipped:
            guard current != nil else { return }
            current = nil
            remember(history.endingOffer())
        default:
            return
        }
    }

    /// The words a reminder adds about the longer routine, on the days it is due.
    func routineOffer(settings: Settings, day: LocalDay, breaksToday: Int, localHour: Int) -> String? {
        // Asked late in the day, when the number of breaks says how the day went.
        guard localHour >= 15, Coach.routineDue(day: day, history: history, breaksToday: breaksToday) else { return nil }
        let routine = Coach.buildRoutine(library, settings: settings.coach, history: history)
        guard !routine.isEmpty else { return nil }
        let minutes = Int((routine.map(\.estimatedDuration).reduce(0, +) / 60).rounded())
        return "Today is a routine day: `sitbreakctl routine` guides \(routine.count) moves in about \(minutes) min."
    }

    func recordRoutine(moves: [String], on day: LocalDay) {
        remember(history.recordingRoutine(on: day, moves: moves.filter { library[$0] != nil }))
    }

    /// Moves the user finished in a guided break or routine, and the answers given after them.
    func recordDone(moves ids: [String], ratings: [String: MoveRating], on day: LocalDay) {
        let moves = ids.compactMap { library[$0] }
        var next = history.recordingDone(moves, on: day)
        for move in moves {
            if let rating = ratings[move.id] { next = next.recordingRating(rating, of: move) }
        }
        remember(next)
    }

    /// The run's offer from the saved history (after a restart or a reload), at the user's
    /// steps; nil when a move of it is no longer in the library.
    private func restoredOffer() -> Suggestion? {
        let moves = history.offer.map { id in library[id].map { $0.prescribed(level: history.level(of: id)) } }
        guard moves.allSatisfy({ $0 != nil }) else { return nil }
        return Suggestion(moves.compactMap { $0 })
    }

    private func remember(_ next: CoachHistory) {
        history = next
        do {
            try historyFile.save(Array(ControlCodec.encodeLine(history).utf8))
        } catch {
            logger.warning("cannot save the coach's history: \(error)")
        }
    }

    private static func loadHistory(_ file: StateFile, logger: Logger) -> CoachHistory {
        do {
            guard let bytes = try file.load() else { return CoachHistory() }
            return try ControlCodec.decode(CoachHistory.self, from: String(decoding: bytes, as: UTF8.self))
        } catch {
            logger.warning("\(file.path): \(error); the coach starts with a fresh history")
            return CoachHistory()
        }
    }
}
