/// Greedy word wrapping for help text and the guided break. Widths count characters, as terminals show most of ours.
public enum TextWrapping {
    /// Each line of `text` wrapped on its own to at most `width` characters; a word longer than
    /// the width gets a line of its own.
    public static func wrap(_ text: String, width: Int) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            var lines: [String] = []
            var current = ""
            for word in line.split(separator: " ") {
                if current.isEmpty {
                    current = String(word)
                } else if current.count + 1 + word.count <= width {
                    current += " " + word
                } else {
                    lines.append(current)
                    current = String(word)
                }
            }
            return lines + [current]
        }
    }
}
