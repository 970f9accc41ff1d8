/// A man page section beyond what the command specs give: EXIT STATUS, ENVIRONMENT, FILES,
/// EXAMPLES. Each entry is a term (a path, a variable, a command line) and what it means;
/// an entry without a term is a plain paragraph.
public struct ManualSection: Sendable, Equatable {
    public var title: String
    public var entries: [Entry]

    public struct Entry: Sendable, Equatable {
        public var term: String?
        public var text: String

        public init(_ term: String?, _ text: String) {
            self.term = term
            self.text = text
        }
    }

    public init(_ title: String, _ entries: [Entry]) {
        self.title = title
        self.entries = entries
    }
}
