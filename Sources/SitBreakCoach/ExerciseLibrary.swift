import SitBreakModel

/// All the moves the coach can suggest, and the safety notes that go with them.
public struct ExerciseLibrary: Equatable, Sendable, Encodable {
    public var exercises: [Exercise]
    public var safetyNotes: [SafetyNote]

    public init(exercises: [Exercise], safetyNotes: [SafetyNote]) {
        self.exercises = exercises
        self.safetyNotes = safetyNotes
    }

    public subscript(id: String) -> Exercise? { exercises.first { $0.id == id } }

    /// The ids of the built-in moves, for `[coach] avoid` (the tests keep the built-in library valid).
    public static let builtInIDs: [String] = (try? load().exercises.map(\.id)) ?? []

    /// The names `[coach] avoid` takes besides the built-in ids: kinds, places, positions and `deep`.
    public static let avoidableTraits: [String] = Exercise.traitNames.filter { name in
        !Equipment.allCases.contains { $0 != .none && $0.rawValue == name }
    }

    /// The safety notes that go with `exercise`, in the library's order.
    public func safetyNotes(for exercise: Exercise) -> [String] {
        safetyNotes.filter { $0.applies(to: exercise) }.map(\.text)
    }

    /// The built-in library with the user's file (`~/.config/sitbreak/exercises.toml`, read by
    /// the caller) laid over it: a move with a built-in id replaces that move in place, other
    /// moves are added at the end, and the user's safety notes follow the built-in ones.
    public static func load(
        builtIn: ExerciseSource = .builtIn, userFile: ExerciseSource? = nil
    ) throws(ExerciseFileError) -> ExerciseLibrary {
        let base = try ExerciseFile(parsing: builtIn)
        var library = ExerciseLibrary(exercises: base.exercises, safetyNotes: base.safetyNotes)
        guard let userFile else { return library }
        let additions = try ExerciseFile(parsing: userFile)
        for exercise in additions.exercises {
            if let index = library.exercises.firstIndex(where: { $0.id == exercise.id }) {
                library.exercises[index] = exercise
            } else {
                library.exercises.append(exercise)
            }
        }
        library.safetyNotes += additions.safetyNotes
        return library
    }
}
