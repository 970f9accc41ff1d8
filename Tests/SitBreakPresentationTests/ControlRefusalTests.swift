import Testing
@testable import SitBreakPresentation

@Suite struct ControlRefusalTests {
    @Test func anotherUserLearnsWhoseDaemonItReachedAndWhatToDo() {
        #expect(
            ControlRefusal.foreignUser(0, owner: 1000)
                == "this sitbreakd serves only uid 1000, not uid 0: each user runs their own; "
                + "ask as uid 1000, or start yours with `systemctl --user start sitbreak`")
    }
}
