import SitBreakModel

/// Chooses moves. Pure and free of randomness: the same library, settings, day and history
/// always give the same answer.
public enum Coach {
    /// A move other than a walk is not suggested again until this many others have been.
    public static let noRepeatWindow = 3

    /// Whether the move fits the user's place, kit, limits and health: at the office only desk
    /// and standing moves; only equipment the user has; nothing `[coach] avoid` describes (by
    /// id, kind, place, position or `deep`); chair moves only for users who avoid standing
    /// (a reminder to get up should not offer one to anyone else); when injured, only what
    /// `SafetyRules.allowsWhenInjured`.
    public static func suits(_ exercise: Exercise, settings: CoachSettings) -> Bool {
        let placeFits = settings.place == .home || exercise.place != .floor
        let kitFits = exercise.equipment == .none || settings.equipment.contains(exercise.equipment.rawValue)
        let avoided = settings.avoid.contains(where: exercise.isDescribed(by:))
        let chairFits = !exercise.isChairMove || settings.avoid.contains(ExercisePosition.standing.rawValue)
        let safe = !settings.injured || SafetyRules.allowsWhenInjured(exercise)
        return placeFits && kitFits && !avoided && chairFits && safe
    }

    /// The moves of `library` that suit the user, each at the user's step of its range.
    static func suitable(_ library: ExerciseLibrary, settings: CoachSettings, history: CoachHistory) -> [Exercise] {
        library.exercises.filter { suits($0, settings: settings) }.map { prescribed($0, history: history) }
    }

    /// Moves never suggested (in library order), then the longest ago first. Walks do not
    /// count: they may come round as often as they like.
    static func leastRecentFirst(_ exercises: [Exercise], in history: CoachHistory, library: ExerciseLibrary) -> [Exercise] {
        let recency = Recency(history, library: library)
        return exercises.enumerated()
            .map { (exercise: $0.element, order: $0.offset, since: recency.movesSince($0.element.id) ?? .max) }
            .sorted { ($0.since, -$0.order) > ($1.since, -$1.order) }
            .map(\.exercise)
    }
}

/// How long ago each move was suggested, counting only moves other than walks.
struct Recency {
    private let others: [String]

    init(_ history: CoachHistory, library: ExerciseLibrary) {
        others = history.recentMoves.filter { library[$0]?.kind != .walk }
    }

    /// 0 for the latest move other than a walk, nil if not remembered.
    func movesSince(_ id: String) -> Int? {
        others.lastIndex(of: id).map { others.count - 1 - $0 }
    }

    func isRecent(_ id: String) -> Bool { (movesSince(id) ?? .max) < Coach.noRepeatWindow }
}
