import SitBreakModel

/// What a reminder offers: one move, or a warm-up and the deep stretch it prepares, each at
/// the user's step of its range.
public struct Suggestion: Equatable, Sendable {
    /// Never empty: the main move is the last.
    public let moves: [Exercise]

    /// nil for no moves: a suggestion always offers something.
    public init?(_ moves: [Exercise]) {
        guard !moves.isEmpty else { return nil }
        self.moves = moves
    }

    public var main: Exercise { moves[moves.count - 1] }
    public var ids: [String] { moves.map(\.id) }
    public var estimatedDuration: Seconds { moves.map(\.estimatedDuration).reduce(0, +) }

    /// Every move is done on the office chair: the reminder must not say "stand up".
    public var isChairOnly: Bool { moves.allSatisfy(\.isChairMove) }

    /// For the reminder, e.g. "Short walk (2 min), then Pigeon pose (2 × 45 s per side): Sink
    /// the hips, fold forward, breathe."
    public var line: String {
        let before = moves.dropLast().map { "\($0.name) (\($0.doseText)), then " }.joined()
        return before + main.reminderLine
    }
}

extension Coach {
    /// The suggestion for a reminder. It suits the user, fits in `breakLength` and is not one of
    /// the last `noRepeatWindow` moves other than walks.
    ///
    /// Walking comes first, as the seeds advise: every other suggestion is the longest walk the
    /// break holds (a brisk walk when it allows one), and so is every one once `sittingSeconds`
    /// reaches `walkAfter` (say twice the sit limit). In between comes a move of the day's
    /// focus (`focus(on:history:)`), else easy mobility, else the other focus, else a walk. A
    /// deep stretch comes only with a warm-up before it that fits in the same break. Nil when
    /// nothing fits.
    public static func suggestQuickMove(
        _ library: ExerciseLibrary, settings: CoachSettings, breakLength: Seconds, day: LocalDay,
        sittingSeconds: Seconds, walkAfter: Seconds, history: CoachHistory
    ) -> Suggestion? {
        let fitting = library.exercises.filter { suits($0, settings: settings) }
            .map { prescribed($0, history: history, within: breakLength) }
            .filter { $0.estimatedDuration <= breakLength }
        let walks = fitting.filter { $0.kind == .walk }
        let lastWasWalk = history.recentMoves.last.flatMap { library[$0] }?.kind == .walk
        if sittingSeconds >= walkAfter || !lastWasWalk,
            let walk = walks.max(by: { $0.estimatedDuration < $1.estimatedDuration })
        {
            return Suggestion([walk])
        }
        let recency = Recency(history, library: library)
        let candidates = fitting.filter { $0.kind == .walk || !recency.isRecent($0.id) }
        let focus = focus(on: day, history: history)
        let order: [Set<ExerciseKind>] = [focus.kinds, [.mobility], focus.other.kinds, [.walk]]
        for kinds in order {
            let matching = leastRecentFirst(candidates.filter { kinds.contains($0.kind) }, in: history, library: library)
            for move in matching {
                guard move.isDeep else { return Suggestion([move]) }
                let room = breakLength - move.estimatedDuration
                if let warmUp = SafetyRules.warmUp(among: fitting.filter { $0.estimatedDuration <= room }) {
                    return Suggestion([warmUp, move])
                }
            }
        }
        return nil
    }
}
