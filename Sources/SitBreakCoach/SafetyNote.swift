/// A safety note of the library and the moves it goes with.
public struct SafetyNote: Equatable, Sendable, Codable {
    public var text: String
    /// Kinds, places, positions, equipment or `deep` (see `Exercise.isDescribed(by:)`): the
    /// note goes with any move one of them describes. Empty: with every move.
    public var appliesTo: [String]

    public init(_ text: String, appliesTo: [String] = []) {
        self.text = text
        self.appliesTo = appliesTo
    }

    public func applies(to exercise: Exercise) -> Bool {
        appliesTo.isEmpty || appliesTo.contains(where: exercise.isDescribed(by:))
    }
}
