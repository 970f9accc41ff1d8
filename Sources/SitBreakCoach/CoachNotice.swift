/// "This is not medical advice; who should ask first": the section of `docs/exercises.md`
/// that `sitbreakctl` shows once, before the first list of moves or the first guided break.
public enum CoachNotice {
    /// The heading that starts the section on the page.
    public static let heading = "## Before you start: not medical advice"

    /// The section's title and its paragraphs and list items, each joined into one line for
    /// the terminal to wrap; empty if the page lost the section (a test guards against it).
    public static var paragraphs: [String] { paragraphs(of: embeddedExercisePage) }

    static func paragraphs(of page: String) -> [String] {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: heading) else { return [] }
        let body = lines[(start + 1)...].prefix { !$0.hasPrefix("## ") }
        var paragraphs = [String(heading.dropFirst(3))]
        var current = ""
        for line in body {
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty || trimmed.hasPrefix("- ") {
                if !current.isEmpty { paragraphs.append(current) }
                current = String(trimmed)
            } else {
                current += (current.isEmpty ? "" : " ") + trimmed
            }
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }
}
