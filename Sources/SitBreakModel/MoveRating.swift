
/// The user's answer at the end of a guided move: it moves the move's dose up or down its range.
public enum MoveRating: String, CaseIterable, Sendable, Codable {
    case tooEasy = "too_easy"
    case right
    case tooHard = "too_hard"
}
