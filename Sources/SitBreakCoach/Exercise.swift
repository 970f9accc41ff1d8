import SitBreakModel

/// One move of the library, as described by an `[[exercise]]` table of `exercises.toml`.
public struct Exercise: Equatable, Sendable, Encodable, Identifiable {
    /// Lowercase words joined by hyphens, e.g. `kneeling-lunge`; a user file reuses it to override.
    public var id: String
    public var name: String
    public var kind: ExerciseKind
    public var place: ExercisePlace
    public var equipment: Equipment
    /// How the body is held; empty when the file does not say.
    public var positions: [ExercisePosition]
    /// A deep stretch wants warm muscles and is left out for an injured user.
    public var isDeep: Bool
    /// Warms the body for a deep stretch, as walks do.
    public var warmsUp: Bool
    public var dose: Dose
    public var steps: [String]
    /// One short line for a notification.
    public var cue: String
    public var cautions: [String]
    /// What the move is for, in one line.
    public var why: String?
    /// Where the user should feel it.
    public var feel: String?

    public init(
        id: String, name: String, kind: ExerciseKind, place: ExercisePlace, equipment: Equipment,
        positions: [ExercisePosition] = [], isDeep: Bool, warmsUp: Bool = false, dose: Dose, steps: [String],
        cue: String, cautions: [String], why: String? = nil, feel: String? = nil
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.place = place
        self.equipment = equipment
        self.positions = positions
        self.isDeep = isDeep
        self.warmsUp = warmsUp
        self.dose = dose
        self.steps = steps
        self.cue = cue
        self.cautions = cautions
        self.why = why
        self.feel = feel
    }

    public var estimatedDuration: Seconds { dose.estimatedDuration }

    /// The dose as people write it, e.g. "3 × 30–60 s per side".
    public var doseText: String { dose.text }

    /// Name, dose and cue in one line, for the reminder text.
    public var reminderLine: String { "\(name) (\(doseText)): \(cue)" }

    /// A walk, or a move that warms the hips as well as one (a march).
    public var isWarmUp: Bool { kind == .walk || warmsUp }

    /// Done sitting on the office chair: a reminder to stand up must not offer it.
    public var isChairMove: Bool { place == .desk && positions.contains(.seated) }

    /// Whether `name` describes this move: its id, kind, place, one of its positions, its
    /// equipment, or `deep`. `[coach] avoid` and the safety notes' `applies_to` use these names.
    public func isDescribed(by name: String) -> Bool {
        name == id || name == kind.rawValue || name == place.rawValue
            || positions.contains { $0.rawValue == name }
            || (equipment != .none && name == equipment.rawValue)
            || (isDeep && name == Self.deepTrait)
    }

    /// The name of the trait of deep stretches.
    public static let deepTrait = "deep"

    /// The names `isDescribed(by:)` can match besides ids.
    public static let traitNames: [String] = {
        let names = ExerciseKind.allCases.map(\.rawValue) + ExercisePlace.allCases.map(\.rawValue)
            + ExercisePosition.allCases.map(\.rawValue)
            + Equipment.allCases.filter { $0 != .none }.map(\.rawValue) + [deepTrait]
        return names.reduce(into: []) { unique, name in if !unique.contains(name) { unique.append(name) } }
    }()

    /// This move with its dose fixed at `level` of its range (see `Dose.levels`).
    public func prescribed(level: Int) -> Exercise {
        var fixed = self
        fixed.dose = dose.atLevel(level)
        return fixed
    }
}
