import SitBreakModel

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

    /// A routine of about `routineLength`, every move at the user's step of its range: a walk
    /// to warm up (or another warm-up move), then strength moves and stretches taken in turn,
    /// least recently done first, each kind keeping room for at least one of the other (a long
    /// band march must not crowd out every stretch), then mobility and walks while time is
    /// left. Deep stretches come only after a warm-up of `SafetyRules.warmUpLength` and last,
    /// once the body is warm.
    public static func buildRoutine(
        _ library: ExerciseLibrary, settings: CoachSettings, history: CoachHistory
    ) -> [Exercise] {
        var pool = leastRecentFirst(suitable(library, settings: settings, history: history), in: history, library: library)
        var chosen: [Exercise] = []
        var total: Seconds = 0
        func fits(_ exercise: Exercise, reserving reserve: Seconds = 0) -> Bool {
            total + exercise.estimatedDuration + reserve <= routineLength.upperBound
        }
        func take(_ exercise: Exercise) {
            chosen.append(exercise)
            total += exercise.estimatedDuration
            pool.removeAll { $0.id == exercise.id }
        }
        let shortest = { (moves: [Exercise]) in moves.min { $0.estimatedDuration < $1.estimatedDuration } }
        if let warmUp = shortest(pool.filter { $0.kind == .walk }) ?? shortest(pool.filter(\.isWarmUp)) {
            take(warmUp)
        }
        let warmedUp = SafetyRules.isWarmedUp(chosen + pool.filter(\.isDeep).prefix(1))
        var queues = [
            pool.filter { DayFocus.strength.kinds.contains($0.kind) },
            pool.filter { DayFocus.stretch.kinds.contains($0.kind) && (warmedUp || !$0.isDeep) },
        ]
        var served = [false, false]
        var turn = 0
        while total < routineLength.lowerBound, queues.contains(where: { !$0.isEmpty }) {
            if !queues[turn].isEmpty {
                let next = queues[turn].removeFirst()
                let other = 1 - turn
                let reserve = served[other] ? 0 : (shortest(queues[other])?.estimatedDuration ?? 0)
                if fits(next, reserving: reserve) {
                    take(next)
                    served[turn] = true
                }
            }
            turn = 1 - turn
        }
        // An injured user's routine, or a short one: easy movement and walking fill it.
        for move in pool.filter({ $0.kind == .mobility }) + pool.filter({ $0.kind == .walk })
        where total < routineLength.lowerBound && fits(move) {
            take(move)
        }
        let phases: [(Exercise) -> Bool] = [
            { $0.kind == .walk }, { $0.kind == .mobility }, { $0.kind == .strength }, { $0.kind == .release },
            { $0.kind == .stretch && !$0.isDeep }, { $0.kind == .stretch && $0.isDeep },
        ]
        return phases.flatMap { phase in chosen.filter(phase) }
    }

    /// A routine counts as done when more than half of its time was: stopping at the first
    /// move does not make a routine day.
    public static func routineCounts(planned: [Exercise], done: [Exercise]) -> Bool {
        let plannedTime = planned.map(\.estimatedDuration).reduce(0, +)
        let doneTime = done.map(\.estimatedDuration).reduce(0, +)
        return plannedTime > 0 && doneTime * 2 > plannedTime
    }
}
