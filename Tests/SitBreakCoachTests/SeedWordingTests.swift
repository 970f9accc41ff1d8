import Foundation
import Testing

/// The library takes facts from the seed articles but none of their sentences.
@Suite("Wording of our own")
struct SeedWordingTests {
    static let runLength = 8
    static let seedsPresent = FileManager.default.fileExists(atPath: RepositoryFiles.seeds.path)

    /// Lowercase words; apostrophes vanish ("don’t" → "dont"), other punctuation separates.
    static func words(_ text: String) -> [String] {
        let joined = text.lowercased().replacingOccurrences(of: "’", with: "").replacingOccurrences(of: "'", with: "")
        return joined.split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    static func runs(_ text: String) -> Set<String> {
        let words = words(text)
        guard words.count >= runLength else { return [] }
        return Set((0...(words.count - runLength)).map { words[$0..<($0 + runLength)].joined(separator: " ") })
    }

    @Test("words and runs are normalised")
    func normalisation() {
        #expect(Self.words("Don’t push—into PAIN: 30-60 s!") == ["dont", "push", "into", "pain", "30", "60", "s"])
        #expect(Self.runs("one two three four five six seven eight nine").count == 2)
    }

    @Test(
        "no run of 8 consecutive words matches the seed articles",
        .enabled(if: seedsPresent, "seed articles not found at ../shared/seeds; nothing to compare against"),
        arguments: ["config/exercises.toml", "docs/exercises.md"])
    func noCopiedRuns(file: String) throws {
        let articles = try FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.seeds.path)
            .filter { $0.hasSuffix(".txt") }
        #expect(!articles.isEmpty)
        var seedRuns = Set<String>()
        for article in articles {
            let url = RepositoryFiles.seeds.appendingPathComponent(article)
            seedRuns.formUnion(Self.runs(try String(contentsOf: url, encoding: .utf8)))
        }
        let copied = Self.runs(try RepositoryFiles.text(file)).intersection(seedRuns)
        #expect(copied.isEmpty, "copied from the articles: \(copied.sorted())")
    }
}
