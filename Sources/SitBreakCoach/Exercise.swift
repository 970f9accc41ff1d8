import SitBreakCore

/// One move of the library, as described by an `[[exercise]]` table of `exercises.toml`.
public struct Exercise: Equatable, Sendable, Codable, Identifiable {
    /// Lowercase words joined by hyphens, e.g. `kneeling-lunge`; a user file reuses it to override.
    public var id: String
    public var name: String
    public var kind: ExerciseKind
    public var place: ExercisePlace
    public var equipment: Equipment
    /// A deep stretch wants warm muscles and is left out for an injured user.
    public var isDeep: Bool
    public var dose: Dose
    public var steps: [String]
    /// One short line for a notification.
    public var cue: String
    public var cautions: [String]

    public init(
        id: String, name: String, kind: ExerciseKind, place: ExercisePlace, equipment: Equipment,
        isDeep: Bool, dose: Dose, steps: [String], cue: String, cautions: [String]
    ) {
        self.id = id
        self.name = name
        self.kind = kind
        self.place = place
        self.equipment = equipment
        self.isDeep = isDeep
        self.dose = dose
        self.steps = steps
        self.cue = cue
        self.cautions = cautions
    }

    public var estimatedDuration: Seconds { dose.estimatedDuration }

    /// The dose as people write it, e.g. "3 × 30–60 s per side".
    public var doseText: String { dose.text }

    /// Name, dose and cue in one line, for the reminder text.
    public var reminderLine: String { "\(name) (\(doseText)): \(cue)" }
}
