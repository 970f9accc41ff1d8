import SitBreakModel

extension Coach {
    /// "Too easy" answers in a row that move a dose up one step: one easy day is not a trend.
    public static let tooEasyAnswersToStepUp = 2

    /// A move's progress after the user's answer, for a range of `levels` steps: up a step
    /// after `tooEasyAnswersToStepUp` "too easy" answers in a row, down a step at once after
    /// "too hard" (pain and strain are not worth waiting for), unchanged after "right".
    public static func progress(_ now: MoveProgress, after rating: MoveRating, levels: Int) -> MoveProgress {
        let top = max(levels - 1, 0)
        let level = min(now.level, top)
        switch rating {
        case .tooHard:
            return MoveProgress(level: max(level - 1, 0), tooEasyInARow: 0)
        case .right:
            return MoveProgress(level: level, tooEasyInARow: 0)
        case .tooEasy:
            guard now.tooEasyInARow + 1 >= tooEasyAnswersToStepUp, level < top else {
                return MoveProgress(level: level, tooEasyInARow: now.tooEasyInARow + 1)
            }
            return MoveProgress(level: level + 1, tooEasyInARow: 0)
        }
    }

    /// `exercise` at the user's step of its range, or at the highest step below it whose
    /// whole dose fits in `time`.
    static func prescribed(_ exercise: Exercise, history: CoachHistory, within time: Seconds = .infinity) -> Exercise {
        var level = history.level(of: exercise.id)
        var move = exercise.prescribed(level: level)
        while level > 0, move.estimatedDuration > time {
            level -= 1
            move = exercise.prescribed(level: level)
        }
        return move
    }
}
