
/// The words that describe a move. They live in the core because the config (`[coach]`)
/// and the exercise library must agree on them.
public enum ExerciseKind: String, CaseIterable, Sendable, Codable {
    /// A held stretch.
    case stretch
    /// Pressure on the muscle (a foam roller).
    case release
    /// Work against the body's weight or a band.
    case strength
    /// Easy movement through a range that does not hurt: what an injured hip may still do.
    case mobility
    case walk
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

/// How the body is held during a move: what people with a sore knee, weak wrists, a pregnancy
/// or no chance to stand leave out with `[coach] avoid`.
public enum ExercisePosition: String, CaseIterable, Sendable, Codable {
    case standing
    /// On a chair or on the floor.
    case seated
    /// A knee on the floor.
    case kneeling
    /// On the back.
    case lying
    /// On the stomach, or facing the floor in a plank.
    case faceDown = "face-down"
    /// Weight on the hands.
    case wristLoaded = "wrist-loaded"
    /// From a bar.
    case hanging
}
