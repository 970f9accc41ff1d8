import SitBreakCore

/// What the coach remembers between suggestions, and the daemon keeps across restarts.
public struct CoachHistory: Equatable, Sendable, Codable {
    /// Ids of suggested moves, oldest first, routine moves included.
    public var recentMoves: [String]
    /// Days a routine was done, oldest first.
    public var routineDays: [LocalDay]

    /// Enough moves to rotate through a whole library before one comes round again.
    public static let rememberedMoves = 40
    /// Enough days to see the current week and the day before it.
    public static let rememberedRoutineDays = 8

    public init(recentMoves: [String] = [], routineDays: [LocalDay] = []) {
        self.recentMoves = recentMoves
        self.routineDays = routineDays
    }

    /// This history after `id` was suggested as a quick move.
    public func recordingSuggestion(of id: String) -> CoachHistory {
        var next = self
        next.remember(moves: [id])
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

    /// How many suggestions ago `id` was last made: 0 for the latest, nil if not remembered.
    public func movesSince(_ id: String) -> Int? {
        recentMoves.lastIndex(of: id).map { recentMoves.count - 1 - $0 }
    }

    private mutating func remember(moves ids: [String]) {
        recentMoves = Array((recentMoves + ids).suffix(Self.rememberedMoves))
    }
}
