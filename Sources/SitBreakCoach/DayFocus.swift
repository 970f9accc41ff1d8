import SitBreakModel

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

extension Coach {
    /// The turn after the user's latest day of work: the latest day before `day` on which the
    /// user did more stretching than strengthening makes this a strength day, and the other
    /// way round. Days of walks and mobility only, or of as much of each, say nothing; with
    /// nothing said, the user starts with stretching.
    public static func focus(on day: LocalDay, history: CoachHistory) -> DayFocus {
        let earlier = history.done.filter { $0.day < day }
        for workDay in Set(earlier.map(\.day)).sorted(by: >) {
            let kinds = earlier.filter { $0.day == workDay }.map(\.kind)
            let stretching = kinds.filter(DayFocus.stretch.kinds.contains).count
            let strengthening = kinds.filter(DayFocus.strength.kinds.contains).count
            if stretching != strengthening { return stretching > strengthening ? .strength : .stretch }
        }
        return .stretch
    }
}
