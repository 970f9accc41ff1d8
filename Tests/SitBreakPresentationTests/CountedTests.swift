import Testing
@testable import SitBreakPresentation

@Suite struct CountedTests {
    @Test func oneIsSingularAndEveryOtherCountPlural() {
        #expect(counted(1, "break") == "1 break")
        #expect(counted(0, "break") == "0 breaks")
        #expect(counted(2, "natural break") == "2 natural breaks")
    }
}
