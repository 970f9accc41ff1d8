import SitBreakModel

/// The rules no choice of move may break, whatever the settings, the day or the break.
public enum SafetyRules {
    /// Warm-up before a deep stretch: "a few minutes" of walking or marching.
    public static let warmUpLength: Seconds = 120

    /// Said with every reminder to an injured user.
    public static let injuredAdvice = "Go gently: if it hurts or does not improve, see a physiotherapist."

    /// What a strained muscle or a sore tendon may still do: walking, and easy movement within
    /// a range that does not hurt. No held stretch (it pulls on the injury), no deep move, no
    /// release (pressure on it) and no strength work.
    public static func allowsWhenInjured(_ exercise: Exercise) -> Bool {
        [.walk, .mobility].contains(exercise.kind) && !exercise.isDeep && exercise.equipment == .none
    }

    /// Why `exercise` is not for an injured user, in words for them; nil when it is.
    public static func reasonAgainstWhenInjured(_ exercise: Exercise) -> String? {
        if allowsWhenInjured(exercise) { return nil }
        return switch exercise.kind {
        case .stretch: "a held stretch pulls on a strained muscle or a sore tendon"
        case .release: "a roller presses on the muscle"
        case .strength: "strength work loads the muscle"
        case .mobility, .walk:
            exercise.isDeep ? "it goes deep into the hip's range" : "it works against a band or a weight"
        }
    }

    /// The moves that guide `asked`, chosen by the user by name: a deep stretch comes after a
    /// warm-up from `library`, as the coach's own offers do.
    public static func guidedMoves(for asked: Exercise, library: [Exercise]) -> [Exercise] {
        guard asked.isDeep, let warmUp = warmUp(among: library) else { return [asked] }
        return [warmUp, asked]
    }

    /// Every deep stretch in `moves` comes after at least `warmUpLength` of warm-up moves.
    public static func isWarmedUp(_ moves: [Exercise]) -> Bool {
        var warmedFor: Seconds = 0
        for move in moves {
            if move.isDeep, warmedFor < warmUpLength { return false }
            if move.isWarmUp, !move.isDeep { warmedFor += move.estimatedDuration }
        }
        return true
    }

    /// The shortest warm-up in `candidates` that is long enough on its own, for a deep stretch.
    static func warmUp(among candidates: [Exercise]) -> Exercise? {
        candidates.filter { $0.isWarmUp && !$0.isDeep && $0.estimatedDuration >= warmUpLength }
            .min { $0.estimatedDuration < $1.estimatedDuration }
    }
}
