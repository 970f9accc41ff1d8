import SitBreakModel

extension ExerciseLibrary {
    /// The move `text` names: its id, its name in any case, or a reminder's words that start
    /// with its name ("Kneeling lunge (3 × 30 s per side): Hips forward…").
    public func move(named text: String) -> Exercise? {
        let wanted = text.trimmingSpaces.lowercased()
        if let byID = self[wanted] { return byID }
        if let byName = exercises.first(where: { $0.name.lowercased() == wanted }) { return byName }
        return exercises.filter { wanted.hasPrefix($0.name.lowercased() + " (") || wanted.hasPrefix($0.name.lowercased() + ":") }
            .max { $0.name.count < $1.name.count }
    }

    /// The id of the move `text` most likely meant, for "did you mean …?".
    public func nearestID(to text: String) -> String? {
        let wanted = text.trimmingSpaces.lowercased()
        if let id = nearestName(to: wanted, among: exercises.map(\.id)) { return id }
        return nearestName(to: wanted, among: exercises.map { $0.name.lowercased() })
            .flatMap { name in exercises.first { $0.name.lowercased() == name }?.id }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
