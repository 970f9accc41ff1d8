/// The keys an `[[exercise]]` table may hold, with an example of each for error messages.
enum ExerciseKey: String, CaseIterable {
    case id, name, kind, place, equipment, positions, deep
    case warmUp = "warm_up"
    case sets, reps, seconds, minutes
    case perSide = "per_side"
    case tempo, rest, steps, cue, cautions, why, feel

    var example: String {
        switch self {
        case .id: #"id = "kneeling-lunge""#
        case .name: #"name = "Kneeling lunge""#
        case .kind: #"kind = "stretch""#
        case .place: #"place = "floor""#
        case .equipment: #"equipment = "mat""#
        case .positions: #"positions = ["kneeling"]"#
        case .deep: "deep = true"
        case .warmUp: "warm_up = true"
        case .sets: "sets = 3"
        case .reps: "reps = 12 or reps = [10, 15]"
        case .seconds: "seconds = 30 or seconds = [30, 60]"
        case .minutes: "minutes = 2"
        case .perSide: "per_side = true"
        case .tempo: "tempo = [3, 1, 3] (seconds up, hold, down)"
        case .rest: "rest = 20"
        case .steps: #"steps = ["First do this.", "Then that."]"#
        case .cue: #"cue = "Hips forward, ribs down.""#
        case .cautions: #"cautions = ["Stop if it pinches."]"#
        case .why: #"why = "Lengthens the front of the hip that sitting keeps short.""#
        case .feel: #"feel = "The front of the back hip.""#
        }
    }
}
