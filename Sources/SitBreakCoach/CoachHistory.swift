import SitBreakModel

/// What the coach remembers between suggestions, and the daemon keeps across restarts.
public struct CoachHistory: Equatable, Sendable, Codable {
    /// Ids of suggested moves, oldest first, routine moves included.
    public var recentMoves: [String]
    /// Days a routine was done, oldest first.
    public var routineDays: [LocalDay]
    /// Moves the user did (finished in a guided break or routine, or offered with a break the
    /// user then took), oldest first: the day's focus follows them.
    public var done: [DoneMove]
    /// Where each move's dose stands in its range, by move id.
    public var progress: [String: MoveProgress]
    /// The ids of the moves offered to the overdue run in progress; empty between runs.
    public var offer: [String]

    /// Enough moves to rotate through a whole library before one comes round again.
    public static let rememberedMoves = 40
    /// Enough days to see the current week and the day before it.
    public static let rememberedRoutineDays = 8
    /// Two weeks of moves at a dozen a day: the latest day with any work is always in it.
    public static let rememberedDone = 168

    public init(
        recentMoves: [String] = [], routineDays: [LocalDay] = [], done: [DoneMove] = [],
        progress: [String: MoveProgress] = [:], offer: [String] = []
    ) {
        self.recentMoves = recentMoves
        self.routineDays = routineDays
        self.done = done
        self.progress = progress
        self.offer = offer
    }

    /// A file from before the done moves, progress and offer reads with none of them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        recentMoves = try container.decode([String].self, forKey: .recentMoves)
        routineDays = try container.decode([LocalDay].self, forKey: .routineDays)
        done = try container.decodeIfPresent([DoneMove].self, forKey: .done) ?? []
        progress = try container.decodeIfPresent([String: MoveProgress].self, forKey: .progress) ?? [:]
        offer = try container.decodeIfPresent([String].self, forKey: .offer) ?? []
    }

    /// This history after `ids` were offered with a reminder, for the run now in progress.
    public func recordingOffer(of ids: [String]) -> CoachHistory {
        var next = self
        next.remember(moves: ids)
        next.offer = ids
        return next
    }

    /// This history once the run's offer no longer applies (a break, a skip).
    public func endingOffer() -> CoachHistory {
        var next = self
        next.offer = []
        return next
    }

    /// This history after a routine of the moves `ids` was done on `day`.
    public func recordingRoutine(on day: LocalDay, moves ids: [String]) -> CoachHistory {
        var next = self
        next.remember(moves: ids)
        if !routineDays.contains(day) {
            next.routineDays = Array((routineDays + [day]).sorted().suffix(Self.rememberedRoutineDays))
        }
        return next
    }

    /// This history after the user did `moves` on `day`.
    public func recordingDone(_ moves: [Exercise], on day: LocalDay) -> CoachHistory {
        var next = self
        let entries = moves.map { DoneMove(day: day, id: $0.id, kind: $0.kind) }
        next.done = Array((done + entries).suffix(Self.rememberedDone))
        return next
    }

    /// This history after the user rated `exercise` at the end of a guided move.
    public func recordingRating(_ rating: MoveRating, of exercise: Exercise) -> CoachHistory {
        var next = self
        let now = progress[exercise.id] ?? MoveProgress()
        next.progress[exercise.id] = Coach.progress(now, after: rating, levels: exercise.dose.levelSteps.count)
        return next
    }

    /// The user's step in `id`'s range: 0 is its low end.
    public func level(of id: String) -> Int { progress[id]?.level ?? 0 }

    private mutating func remember(moves ids: [String]) {
        recentMoves = Array((recentMoves + ids).suffix(Self.rememberedMoves))
    }
}

/// One move the user did, and on which day.
public struct DoneMove: Equatable, Sendable, Codable {
    public var day: LocalDay
    public var id: String
    public var kind: ExerciseKind

    public init(day: LocalDay, id: String, kind: ExerciseKind) {
        self.day = day
        self.id = id
        self.kind = kind
    }
}

/// Where a move's dose stands in its range.
public struct MoveProgress: Equatable, Sendable, Codable {
    /// The step of the range: 0 is the low end.
    public var level: Int
    /// "Too easy" answers in a row at this level.
    public var tooEasyInARow: Int

    public init(level: Int = 0, tooEasyInARow: Int = 0) {
        self.level = level
        self.tooEasyInARow = tooEasyInARow
    }
}
