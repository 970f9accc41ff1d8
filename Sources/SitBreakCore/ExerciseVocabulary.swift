/// The words that describe a move. They live in the core because the config (`[coach]`)
/// and the exercise library must agree on them.
public enum ExerciseKind: String, CaseIterable, Sendable, Codable {
    case stretch, release, strength, walk
}

public enum ExercisePlace: String, CaseIterable, Sendable, Codable {
    /// Doable in office clothes beside the desk.
    case desk
    /// Needs room to stand and step, but no floor.
    case standing
    /// Kneeling or lying down.
    case floor
}

public enum Equipment: String, CaseIterable, Sendable, Codable {
    case none, band
    case foamRoller = "foam-roller"
    case bar
    case benchOrBed = "bench-or-bed"
    case mat
}
