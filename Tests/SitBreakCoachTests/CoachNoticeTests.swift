@testable import SitBreakCoach
import Testing

@Suite("The notice shown before the first moves")
struct CoachNoticeTests {
    @Test("it is docs/exercises.md's section, as paragraphs and list items")
    func fromThePage() throws {
        let page = try RepositoryFiles.text("docs/exercises.md")
        let paragraphs = CoachNotice.paragraphs(of: page)
        #expect(paragraphs == CoachNotice.paragraphs, "the built-in copy is the page in the repository")
        #expect(paragraphs.first == "Before you start: not medical advice")
        #expect(paragraphs.contains { $0.contains("medical advice") && $0.contains("physiotherapist") })
        let items = paragraphs.filter { $0.hasPrefix("- ") }
        #expect(items.count == 4)
        #expect(items.allSatisfy { !$0.contains("\n") && !$0.contains("  ") })
    }

    @Test("a page without the section gives nothing to show")
    func missingSection() {
        #expect(CoachNotice.paragraphs(of: "# The exercise coach\n\n## Safety first\n") == [])
    }
}
