import SitBreakModel

/// One step of a guided break, for the terminal to show and time.
public enum GuidedStep: Equatable, Sendable {
    case instruction(String)
    /// A short count before timed work starts: "Get ready", "Switch sides".
    case getReady(seconds: Seconds, label: String)
    /// A hold, a timed set or a walk, counted down; `breathing` for a still hold, which gets a
    /// breathing cue.
    case hold(seconds: Seconds, label: String, breathing: Bool)
    case reps(count: Int, tempo: Tempo, label: String)
    case rest(seconds: Seconds)

    /// Time on the clock; instructions go at the user's pace.
    public var duration: Seconds {
        switch self {
        case .instruction: 0
        case .getReady(let seconds, _), .hold(let seconds, _, _), .rest(let seconds): seconds
        case .reps(let count, let tempo, _): Seconds(count) * tempo.secondsPerRep
        }
    }

    /// Part of the dose, as opposed to instructions and the counts before the work.
    public var isWork: Bool {
        switch self {
        case .hold, .reps, .rest: true
        case .instruction, .getReady: false
        }
    }
}

/// Turns a move into the steps of a guided break.
public enum GuidedBreak {
    /// Seconds to get into position before the first set of a move and before each new side.
    public static let leadIn: Seconds = 3

    /// The numbered instructions, a lead-in, then every set (on each side, with a lead-in to
    /// switch sides) of the move's dose, with the rest between sets. The work steps add up to
    /// `exercise.estimatedDuration`.
    public static func plan(for exercise: Exercise) -> [GuidedStep] {
        let dose = exercise.dose
        var plan = exercise.steps.enumerated().map { GuidedStep.instruction("\($0.offset + 1). \($0.element)") }
        plan.append(.getReady(seconds: leadIn, label: "Get ready"))
        for set in 1...dose.sets {
            if set > 1 && dose.rest > 0 { plan.append(.rest(seconds: dose.rest)) }
            for side in 1...dose.sides {
                if side > 1 { plan.append(.getReady(seconds: leadIn, label: "Switch sides")) }
                plan.append(work(exercise, label: label(exercise, set: set, side: side)))
            }
        }
        return plan
    }

    private static func work(_ exercise: Exercise, label: String) -> GuidedStep {
        switch exercise.dose.amount {
        case .reps(let count, let tempo): .reps(count: count.low, tempo: tempo ?? .unspecified, label: label)
        case .timed, .walk:
            .hold(seconds: exercise.dose.secondsPerSet, label: label,
                  breathing: [.stretch, .release].contains(exercise.kind))
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
