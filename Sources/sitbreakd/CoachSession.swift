import Logging
import SitBreakCoach
import SitBreakCore
import SitBreakOS

/// The exercise library and what the coach remembers, on the daemon's side: it picks the
/// move for each reminder and keeps the history that makes the next pick differ.
final class CoachSession {
    private(set) var library: ExerciseLibrary
    private var history: CoachHistory
    private let historyFile: StateFile
    private let configDirectory: String
    private let logger: Logger
    /// The move handed out with the latest reminder (or asked for since).
    private(set) var current: Exercise?
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
    }

    /// Re-reads the user's exercise file; a broken one keeps the running library.
    func reload() throws(ExerciseFileError) {
        library = try ExerciseLibrary.loadForUser(configDirectory: configDirectory)
        problem = nil
    }

    private static var builtInLibrary: ExerciseLibrary {
        do {
            return try ExerciseLibrary.load()
        } catch {
            // The built-in file is part of the program, and its tests load it.
            preconditionFailure("the built-in exercise library does not load: \(error)")
        }
    }

    /// Picks the move for a reminder and remembers it, so the next reminders vary.
    func suggest(for reminder: Reminder, settings: Settings, day: LocalDay) -> Exercise? {
        let move = Coach.suggestQuickMove(
            library, settings: settings.coach, breakLength: settings.breaks.length, day: day,
            sittingSeconds: reminder.sittingSeconds, walkAfter: 2 * settings.breaks.sitLimit, history: history)
        current = move
        if let move { remember(history.recordingSuggestion(of: move.id)) }
        return move
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
