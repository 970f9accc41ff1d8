import SitBreakModel

/// How much of a move to do: sets of reps, timed sets or holds, or a walk of some minutes.
public struct Dose: Equatable, Sendable, Encodable {
    public var sets: Int
    public var amount: DoseAmount
    /// Each set is done once on each side.
    public var perSide: Bool
    /// Between sets (not after the last one).
    public var rest: Seconds

    /// The rest's unit in its name, as in the rest of sitbreak's JSON.
    private enum CodingKeys: String, CodingKey {
        case sets, amount, perSide, rest = "restSeconds"
    }

    public init(sets: Int, amount: DoseAmount, perSide: Bool, rest: Seconds) {
        self.sets = sets
        self.amount = amount
        self.perSide = perSide
        self.rest = rest
    }

    public var sides: Int { perSide ? 2 : 1 }

    /// One set on one side, at the low end of any range: the dose a short break can hold.
    public var secondsPerSet: Seconds {
        switch amount {
        case .reps(let count, let tempo): Seconds(count.low) * (tempo ?? .unspecified).secondsPerRep
        case .timed(let seconds): Seconds(seconds.low)
        case .walk(let minutes): Seconds(minutes) * 60
        }
    }

    /// sets × one set × sides, plus the rests between sets.
    public var estimatedDuration: Seconds {
        Seconds(sets * sides) * secondsPerSet + Seconds(sets - 1) * rest
    }

    /// The steps of its range a user climbs (see `CountRange.steps`); one for a fixed dose or a walk.
    public var levelSteps: [Int] {
        switch amount {
        case .reps(let count, _): count.steps(roundingTo: 1)
        case .timed(let seconds): seconds.steps(roundingTo: 5)
        case .walk(let minutes): [minutes]
        }
    }

    /// This dose with its range narrowed to the step at `level`, clamped to the steps there are.
    public func atLevel(_ level: Int) -> Dose {
        let steps = levelSteps
        let count = CountRange(exactly: steps[min(max(level, 0), steps.count - 1)])
        var fixed = self
        switch amount {
        case .reps(_, let tempo): fixed.amount = .reps(count, tempo: tempo)
        case .timed: fixed.amount = .timed(count)
        case .walk: break
        }
        return fixed
    }

    /// E.g. "3 × 30–60 s per side", "3 × 20 (3 s up, 1 s hold, 3 s down)", "2 min".
    public var text: String {
        let setsPrefix = sets > 1 ? "\(sets) × " : ""
        let sideSuffix = perSide ? " per side" : ""
        switch amount {
        case .reps(let count, let tempo):
            let tempoSuffix = tempo.map { " (\($0.text))" } ?? ""
            return setsPrefix + count.text + sideSuffix + tempoSuffix
        case .timed(let seconds):
            return setsPrefix + seconds.text + " s" + sideSuffix
        case .walk(let minutes):
            return "\(minutes) min"
        }
    }
}

public enum DoseAmount: Equatable, Sendable {
    /// Repetitions, optionally at a set tempo.
    case reps(CountRange, tempo: Tempo?)
    /// A hold or a timed set, in seconds.
    case timed(CountRange)
    case walk(minutes: Int)
}

/// One flat object per kind, its unit in each name, as `exercises --json` documents it:
/// `{"kind": "timed", "low_seconds": 30, "high_seconds": 45}`, not Swift's `{"timed": {"_0": …}}`.
extension DoseAmount: Encodable {
    private enum CodingKeys: String, CodingKey {
        case kind, lowReps, highReps, tempo, lowSeconds, highSeconds, minutes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .reps(let count, let tempo):
            try container.encode("reps", forKey: .kind)
            try container.encode(count.low, forKey: .lowReps)
            try container.encode(count.high, forKey: .highReps)
            try container.encodeIfPresent(tempo, forKey: .tempo)
        case .timed(let seconds):
            try container.encode("timed", forKey: .kind)
            try container.encode(seconds.low, forKey: .lowSeconds)
            try container.encode(seconds.high, forKey: .highSeconds)
        case .walk(let minutes):
            try container.encode("walk", forKey: .kind)
            try container.encode(minutes, forKey: .minutes)
        }
    }
}

/// A whole number or a range of them, e.g. 20 or 10–15.
public struct CountRange: Equatable, Sendable, Codable {
    public var low: Int
    public var high: Int

    public init(_ low: Int, _ high: Int) {
        self.low = low
        self.high = high
    }

    public init(exactly count: Int) { self.init(count, count) }

    public var text: String { low == high ? "\(low)" : "\(low)–\(high)" }

    /// The low end, a middle step where the range leaves room for one (a multiple of `unit`
    /// where one fits: holds climb to 45 s, not 47), and the high end.
    public func steps(roundingTo unit: Int) -> [Int] {
        guard high > low else { return [low] }
        let middle = (low + high) / 2
        let rounded = (middle + unit / 2) / unit * unit
        let step = rounded > low && rounded < high ? rounded : middle
        return step > low && step < high ? [low, step, high] : [low, high]
    }
}

/// Seconds to lift, to pause at the top, and to lower, for one rep.
public struct Tempo: Equatable, Sendable, Codable {
    public var up: Int
    public var hold: Int
    public var down: Int

    public init(up: Int, hold: Int, down: Int) {
        self.up = up
        self.hold = hold
        self.down = down
    }

    /// What a rep takes when the library gives no tempo: a steady second each way.
    public static let unspecified = Tempo(up: 1, hold: 0, down: 1)

    public var secondsPerRep: Seconds { Seconds(up + hold + down) }

    public var text: String {
        hold > 0 ? "\(up) s up, \(hold) s hold, \(down) s down" : "\(up) s up, \(down) s down"
    }
}
