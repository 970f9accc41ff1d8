/// A problem in an exercise file, pointing at the line and column to change.
///
/// Reads `PATH:LINE:COL: SUBJECT: PROBLEM; FIX` (no `; FIX` where the problem says it), e.g.
/// `exercises.toml:12:8: exercise[bridge].kind: "strech" is not a kind; use one of stretch, release, strength, walk`.
public struct ExerciseFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int
    /// What is wrong, e.g. `exercise[bridge].kind`, `exercise[bridge]` or `safety`; empty for TOML syntax.
    public var subject: String
    public var problem: String
    public var fix: String?

    public init(path: String, line: Int, column: Int, subject: String, problem: String, fix: String?) {
        self.path = path
        self.line = line
        self.column = column
        self.subject = subject
        self.problem = problem
        self.fix = fix
    }

    public var description: String {
        let about = subject.isEmpty ? "" : "\(subject): "
        return "\(path):\(line):\(column): \(about)\(problem)" + (fix.map { "; \($0)" } ?? "")
    }
}
