import SitBreakCore

extension Coach {
    /// How many routines a week (Monday to Sunday) should hold.
    public static let routinesPerWeek = 2...3
    /// How long a routine should take.
    public static let routineLength: ClosedRange<Seconds> = 600...900

    /// Whether to offer the longer routine today. Never on a day after a routine, nor once the
    /// week holds three; otherwise yes when the user has had at most `fewBreaks` breaks, or when
    /// waiting any longer would leave the week with fewer than two. Meant to be asked late in
    /// the active day, when `breaksToday` says how the day went.
    public static func routineDue(
        day: LocalDay, history: CoachHistory, breaksToday: Int, fewBreaks: Int = 3
    ) -> Bool {
        let done = Set(history.routineDays)
        guard !done.contains(day), !done.contains(day.adding(days: -1)) else { return false }
        let daysIntoWeek = Weekday.allCases.firstIndex(of: day.weekday) ?? 0
        let monday = day.adding(days: -daysIntoWeek)
        let doneThisWeek = done.filter { $0 >= monday && $0 < day }.count
        guard doneThisWeek < routinesPerWeek.upperBound else { return false }
        // With a rest day after each routine, the days left (today included) hold this many.
        let chancesLeft = (7 - daysIntoWeek + 1) / 2
        let stillNeeded = routinesPerWeek.lowerBound - doneThisWeek
        return stillNeeded >= chancesLeft || breaksToday <= fewBreaks
    }

    /// A routine of about `routineLength`: the shortest suitable walk to warm up, then strength
    /// moves and stretches taken in turn, least recently done first, until the time is filled.
    /// Strength comes before stretching and deep stretches come last, once the body is warm.
    public static func buildRoutine(
        _ library: ExerciseLibrary, settings: CoachSettings, history: CoachHistory
    ) -> [Exercise] {
        let pool = leastRecentFirst(library.exercises.filter { suits($0, settings: settings) }, in: history)
        var chosen: [Exercise] = []
        var total: Seconds = 0
        func add(_ exercise: Exercise) {
            guard total + exercise.estimatedDuration <= routineLength.upperBound else { return }
            chosen.append(exercise)
            total += exercise.estimatedDuration
        }
        if let warmUp = pool.filter({ $0.kind == .walk }).min(by: { $0.estimatedDuration < $1.estimatedDuration }) {
            add(warmUp)
        }
        var queues = [
            pool.filter { DayFocus.strength.kinds.contains($0.kind) },
            pool.filter { DayFocus.stretch.kinds.contains($0.kind) },
        ]
        var turn = 0
        while total < routineLength.lowerBound, queues.contains(where: { !$0.isEmpty }) {
            if !queues[turn].isEmpty { add(queues[turn].removeFirst()) }
            turn = 1 - turn
        }
        let phases: [(Exercise) -> Bool] = [
            { $0.kind == .walk }, { $0.kind == .strength }, { $0.kind == .release },
            { $0.kind == .stretch && !$0.isDeep }, { $0.kind == .stretch && $0.isDeep },
        ]
        return phases.flatMap { phase in chosen.filter(phase) }
    }
}
