/// Every key of config.toml with its default and what it means, read from the built-in
/// config.toml and the comment above each key: the source of sitbreak.toml(5). The validator
/// needs every key it knows in that file and rejects any other, so this reference and the
/// validator cannot drift apart (DefaultConfigTests loads the file through the validator).
public enum ConfigReference {
    public struct Key: Sendable, Equatable {
        /// The table, e.g. `break`.
        public var table: String
        public var name: String
        /// The default as config.toml writes it, e.g. `"45m"`.
        public var defaultValue: String
        public var meaning: String
    }

    /// The opening comment of config.toml, one paragraph per blank comment line.
    public static var introduction: [String] { read(embeddedDefaultConfig).introduction }

    /// Every key, in the file's order.
    public static var keys: [Key] { read(embeddedDefaultConfig).keys }

    static func read(_ text: String) -> (introduction: [String], keys: [Key]) {
        var introduction: [String] = []
        var keys: [Key] = []
        var table: String?
        var comment: [String] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmed
            if line.hasPrefix("#") {
                comment.append(String(line.dropFirst()).trimmed)
            } else if line.hasPrefix("["), line.hasSuffix("]") {
                table = String(line.dropFirst().dropLast())
                comment = []
            } else if let table, let equals = line.firstIndex(of: "=") {
                keys.append(Key(
                    table: table, name: String(line[..<equals]).trimmed,
                    defaultValue: String(line[line.index(after: equals)...]).trimmed,
                    meaning: comment.joined(separator: " ")))
                comment = []
            } else if line.isEmpty {
                if table == nil && introduction.isEmpty {
                    // The file's opening comment: paragraphs split at its empty comment lines.
                    introduction = comment.split(separator: "").map { $0.joined(separator: " ") }
                }
                comment = []
            }
        }
        return (introduction, keys)
    }
}
