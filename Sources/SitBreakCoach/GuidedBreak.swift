import SitBreakCore

/// One step of a guided break, for the terminal to show and time.
public enum GuidedStep: Equatable, Sendable {
    case instruction(String)
    /// A hold, a timed set or a walk, counted down.
    case hold(seconds: Seconds, label: String)
    case reps(count: Int, tempo: Tempo, label: String)
    case switchSides
    case rest(seconds: Seconds)

    /// Time on the clock; instructions and side switches go at the user's pace.
    public var duration: Seconds {
        switch self {
        case .instruction, .switchSides: 0
        case .hold(let seconds, _), .rest(let seconds): seconds
        case .reps(let count, let tempo, _): Seconds(count) * tempo.secondsPerRep
        }
    }
}

/// Turns a move into the steps of a guided break.
public enum GuidedBreak {
    /// The numbered instructions, then every set (on each side, with a switch between sides)
    /// at the low end of the dose, with the rest between sets. The timed steps add up to
    /// `exercise.estimatedDuration`.
    public static func plan(for exercise: Exercise) -> [GuidedStep] {
        let dose = exercise.dose
        var plan = exercise.steps.enumerated().map { GuidedStep.instruction("\($0.offset + 1). \($0.element)") }
        for set in 1...dose.sets {
            if set > 1 && dose.rest > 0 { plan.append(.rest(seconds: dose.rest)) }
            for side in 1...dose.sides {
                if side > 1 { plan.append(.switchSides) }
                plan.append(work(exercise, label: label(exercise, set: set, side: side)))
            }
        }
        return plan
    }

    private static func work(_ exercise: Exercise, label: String) -> GuidedStep {
        switch exercise.dose.amount {
        case .reps(let count, let tempo): .reps(count: count.low, tempo: tempo ?? .unspecified, label: label)
        case .timed, .walk: .hold(seconds: exercise.dose.secondsPerSet, label: label)
        }
    }

    /// E.g. "Kneeling lunge: set 2 of 3, second side".
    private static func label(_ exercise: Exercise, set: Int, side: Int) -> String {
        let dose = exercise.dose
        let parts = [
            dose.sets > 1 ? "set \(set) of \(dose.sets)" : nil,
            dose.perSide ? (side == 1 ? "first side" : "second side") : nil,
        ].compactMap { $0 }
        return parts.isEmpty ? exercise.name : "\(exercise.name): " + parts.joined(separator: ", ")
    }
}
