import SitBreakCore

/// What a day leans towards: stretch days and strength days take turns.
public enum DayFocus: String, Sendable, Codable {
    case stretch, strength

    /// Releases count as stretching: both lengthen the hip flexors.
    public var kinds: Set<ExerciseKind> {
        switch self {
        case .stretch: [.stretch, .release]
        case .strength: [.strength]
        }
    }

    public var other: DayFocus { self == .stretch ? .strength : .stretch }
}

/// Chooses moves. Pure and free of randomness: the same library, settings, day and history
/// always give the same answer.
public enum Coach {
    /// A move is not suggested again until this many others have been.
    public static let noRepeatWindow = 3

    /// Even days (counted from 1970-01-01) are stretch days, odd days strength days.
    public static func focus(of day: LocalDay) -> DayFocus {
        day.daysSinceEpoch.isMultiple(of: 2) ? .stretch : .strength
    }

    /// Whether the move fits the user's place, kit and limits: at the office only desk and
    /// standing moves; only equipment the user has; nothing whose kind or place is avoided;
    /// when injured only gentle stretches and walks, off the floor.
    public static func suits(_ exercise: Exercise, settings: CoachSettings) -> Bool {
        let placeFits = settings.place == .home || exercise.place != .floor
        let kitFits = exercise.equipment == .none || settings.equipment.contains(exercise.equipment.rawValue)
        let avoided =
            settings.avoid.contains(exercise.kind.rawValue) || settings.avoid.contains(exercise.place.rawValue)
        let gentle =
            [.stretch, .walk].contains(exercise.kind) && exercise.place != .floor && !exercise.isDeep
        return placeFits && kitFits && !avoided && (gentle || !settings.injured)
    }

    /// The move for a reminder: it suits the user, takes no longer than `breakLength`, is not
    /// one of the last `noRepeatWindow` suggestions, and follows the day's focus, falling back
    /// to the other focus and then to a walk. Once `sittingSeconds` reaches `walkAfter`
    /// (say twice the sit limit) a walk comes first. Nil when nothing fits.
    public static func suggestQuickMove(
        _ library: ExerciseLibrary, settings: CoachSettings, breakLength: Seconds, day: LocalDay,
        sittingSeconds: Seconds, walkAfter: Seconds, history: CoachHistory
    ) -> Exercise? {
        let candidates = library.exercises.filter { exercise in
            suits(exercise, settings: settings) && exercise.estimatedDuration <= breakLength
                && (history.movesSince(exercise.id) ?? noRepeatWindow) >= noRepeatWindow
        }
        let focus = focus(of: day)
        let dayOrder = [focus.kinds, focus.other.kinds, [.walk]]
        let order = sittingSeconds >= walkAfter ? [[.walk]] + dayOrder : dayOrder
        for kinds in order {
            let matching = candidates.filter { kinds.contains($0.kind) }
            if let pick = leastRecentFirst(matching, in: history).first { return pick }
        }
        return nil
    }

    /// Moves never suggested (in library order), then the longest ago first.
    static func leastRecentFirst(_ exercises: [Exercise], in history: CoachHistory) -> [Exercise] {
        exercises.enumerated()
            .map { (exercise: $0.element, order: $0.offset, since: history.movesSince($0.element.id) ?? .max) }
            .sorted { ($0.since, -$0.order) > ($1.since, -$1.order) }
            .map(\.exercise)
    }
}
