/// Key spelling between Swift (`sittingSeconds`) and the protocol (`sitting_seconds`), word
/// for word as Foundation's `convertToSnakeCase` and `convertFromSnakeCase` do it, quirks
/// included (`bootID` is written `boot_id` but `boot_id` reads back as `bootId`), so that
/// every key we wrote or read before reads and writes the same now.
enum KeySpelling {
    /// Words split where a lowercase letter meets an uppercase one, and before the last
    /// capital of a run followed by lowercase (`myURLProperty` -> `my_url_property`).
    static func snakeCase(fromCamelCase key: String) -> String {
        let scalars = Array(key.unicodeScalars)
        guard !scalars.isEmpty else { return key }
        var words: [Range<Int>] = []
        var wordStart = 0
        var searchStart = 1
        while let upper = scalars[searchStart...].firstIndex(where: isUppercase) {
            words.append(wordStart..<upper)
            guard let lower = scalars[upper...].firstIndex(where: isLowercase) else {
                wordStart = upper
                break
            }
            if lower == upper + 1 {
                wordStart = upper
            } else {
                // A run of capitals is a word of its own, up to the one that starts the next word.
                words.append(upper..<(lower - 1))
                wordStart = lower - 1
            }
            searchStart = lower + 1
        }
        words.append(wordStart..<scalars.count)
        return words.map { String(String.UnicodeScalarView(scalars[$0])).lowercased() }.joined(separator: "_")
    }

    /// Words between underscores joined, each after the first capitalized; leading and
    /// trailing underscores kept, and a key without inner underscores left as it is.
    static func camelCase(fromSnakeCase key: String) -> String {
        guard let first = key.firstIndex(where: { $0 != "_" }), let last = key.lastIndex(where: { $0 != "_" })
        else { return key }
        let core = key[first...last]
        let words = core.split(separator: "_")
        let joined = words.count == 1
            ? String(core) : words[0].lowercased() + words.dropFirst().map(capitalized).joined()
        return key[..<first] + joined + key[key.index(after: last)...]
    }

    /// Foundation's categories: `CharacterSet.uppercaseLetters` is Lu and Lt, `lowercaseLetters` Ll.
    private static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .titlecaseLetter: true
        default: false
        }
    }

    private static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .lowercaseLetter
    }

    /// The word in lowercase but for its first letter (`1b` -> `1B`, as Foundation has it).
    private static func capitalized(_ word: Substring) -> String {
        let lower = word.lowercased()
        guard let letter = lower.firstIndex(where: \.isCased) else { return lower }
        return lower[..<letter] + lower[letter].uppercased() + lower[lower.index(after: letter)...]
    }
}
