import SitBreakCoach
import SitBreakModel

/// Guides moves in the terminal: for each, what it is for and where to feel it, the safety
/// notes that go with it, the steps, then a lead-in and a countdown for every set, the beat of
/// every rep and the breath of every hold. `n` skips to the next move, `q` or Ctrl-C ends the
/// session; after each move the user can say how it went.
struct GuidedSession {
    struct Result {
        /// The moves finished, in order.
        var done: [Exercise] = []
        /// The answers given after them, by move id.
        var ratings: [String: MoveRating] = [:]
        /// Moves skipped with `n`.
        var skipped: [Exercise] = []
        /// Ended with `q` or Ctrl-C before the last move.
        var stopped = false

        var finishedEverything: Bool { !stopped && skipped.isEmpty }
    }

    let terminal: GuidedTerminal
    /// The notes of the library that go with a move (`ExerciseLibrary.safetyNotes(for:)`).
    let safetyNotes: (Exercise) -> [String]

    /// How long the question after a move waits for an answer.
    static let answerWait: Seconds = 30

    private enum Interruption { case skip, stop }

    func run(_ moves: [Exercise]) -> Result {
        var result = Result()
        if terminal.interactive { terminal.text.say("Keys: n next move · q stop (Ctrl-C too)") }
        for (index, move) in moves.enumerated() {
            terminal.write("\n")
            introduce(move, number: moves.count > 1 ? "[\(index + 1)/\(moves.count)] " : "")
            switch guide(move) {
            case .stop?:
                result.stopped = true
                return result
            case .skip?:
                result.skipped.append(move)
                terminal.text.say(index + 1 < moves.count ? "Skipped; on to the next move." : "Skipped.")
            case nil:
                result.done.append(move)
                switch askRating() {
                case .rated(let rating): result.ratings[move.id] = rating
                case .unanswered: break
                case .stop:
                    result.stopped = index + 1 < moves.count
                    return result
                }
            }
        }
        return result
    }

    private func introduce(_ move: Exercise, number: String) {
        terminal.text.say("\(move.name) — \(move.doseText), about \(TimeSpan.format(move.estimatedDuration))", lead: number)
        if let why = move.why { terminal.text.say(why, lead: "  Why: ") }
        if let feel = move.feel { terminal.text.say(feel, lead: "  Feel it: ") }
        for note in safetyNotes(move) + move.cautions { terminal.text.say(note, lead: "  ! ") }
        terminal.write("\n")
    }

    /// Nil when the move was done to the end.
    private func guide(_ move: Exercise) -> Interruption? {
        var previous: GuidedStep?
        for step in GuidedBreak.plan(for: move) {
            defer { previous = step }
            // A blank line between the instructions and the counting.
            if case .instruction? = previous, !step.isInstruction { terminal.write("\n") }
            switch step {
            case .instruction(let text):
                let number = String(text.prefix { $0 != " " }) + " "
                terminal.text.say(String(text.dropFirst(number.count)), lead: number)
            case .hold(_, let label, _), .reps(_, _, let label):
                terminal.text.say(label)
                if let interruption = countdown(step) { return interruption }
            case .getReady, .rest:
                if let interruption = countdown(step) { return interruption }
            }
        }
        return nil
    }

    /// Counts `step` down, redrawing its line each second; a pipe gets the line once.
    private func countdown(_ step: GuidedStep) -> Interruption? {
        let start = GuidedTerminal.now()
        var elapsed: Seconds = 0
        terminal.redraw(GuidedDisplay.countdownLine(for: step, at: 0, width: terminal.text.width))
        while elapsed < step.duration {
            let next = min(elapsed + 1, step.duration)
            switch terminal.wait(until: start + next) {
            case .timeout:
                elapsed = next
                if terminal.interactive {
                    terminal.redraw(GuidedDisplay.countdownLine(for: step, at: elapsed, width: terminal.text.width))
                }
            case .key("n"), .key("N"):
                terminal.clearLine()
                return .skip
            case .key("q"), .key("Q"), .interrupt:
                terminal.clearLine()
                return .stop
            case .key:
                continue
            }
        }
        terminal.clearLine()
        return nil
    }

    private enum Answer { case rated(MoveRating), unanswered, stop }

    /// "Too easy / right / too hard": the coach moves the dose along its range from the answers.
    /// `q` or Ctrl-C here still stops the session.
    private func askRating() -> Answer {
        guard terminal.interactive else { return .unanswered }
        terminal.text.say("How was it? 1 too easy · 2 about right · 3 too hard (another key: no answer)")
        let answers: [Character: MoveRating] = ["1": .tooEasy, "2": .right, "3": .tooHard]
        switch terminal.wait(until: GuidedTerminal.now() + Self.answerWait) {
        case .interrupt, .key("q"), .key("Q"):
            return .stop
        case .key(let key):
            guard let rating = answers[key] else { return .unanswered }
            terminal.text.say("Noted: \(rating.words). The coach moves the dose along its range from your answers.")
            return .rated(rating)
        case .timeout:
            return .unanswered
        }
    }
}

extension GuidedStep {
    fileprivate var isInstruction: Bool {
        if case .instruction = self { true } else { false }
    }
}

extension MoveRating {
    var words: String {
        switch self {
        case .tooEasy: "too easy"
        case .right: "about right"
        case .tooHard: "too hard"
        }
    }
}
