import SitBreakModel
import Testing

@testable import SitBreakPresentation

@Suite("What a reminder notification says")
struct NotificationContentTests {
    let text = ReminderText(
        Reminder(sittingSeconds: 2_820, level: 1, breakLength: 180), offer: CoachOffer(line: "Standing hip flexor stretch — 30 s per side"))
    let fullServer = NotificationServerFeatures(capabilities: ["actions", "body", "body-markup"])

    @Test func aReminderOffersStartSnoozeAndSkipWithTheConfiguredSnooze() {
        let content = NotificationContent(
            text, breakInProgress: false, snooze: 600, sound: "", server: fullServer)
        #expect(content.summary == "Time to stand up — 47m sitting")
        #expect(content.body == "Get up and move for 3m. Try: Standing hip flexor stretch — 30 s per side")
        #expect(content.buttons == [
            NotificationButton(.startBreak, "Start break"), NotificationButton(.snooze, "Snooze 10 min"),
            NotificationButton(.skip, "Skip"),
        ])
        #expect(content.buttons.map(\.action.rawValue) == ["default", "snooze", "skip"])
        #expect(content.soundName == nil)
        #expect(!content.resident)
    }

    @Test func aBreakInProgressOffersDone() {
        let content = NotificationContent(
            text, breakInProgress: true, snooze: 600, sound: "bell", server: fullServer)
        #expect(content.buttons == [NotificationButton(.done, "Done")])
        #expect(content.soundName == "bell")
    }

    @Test func aServerThatKeepsNotificationsIsAskedToKeepTheReminderAfterAButton() {
        let content = NotificationContent(
            text, breakInProgress: false, snooze: 600, sound: "",
            server: NotificationServerFeatures(capabilities: ["actions", "body", "persistence"]))
        #expect(content.resident)
    }

    @Test func snoozeLabelsSayMinutesWhenWholeAndTheConfigUnitsOtherwise() {
        #expect(NotificationContent.snoozeLength(300) == "5 min")
        #expect(NotificationContent.snoozeLength(3_600) == "60 min")
        #expect(NotificationContent.snoozeLength(90) == "1m 30s")
        #expect(NotificationContent.snoozeLength(30) == "30s")
    }

    @Test func aMarkupServerGetsEveryMarkupCharacterEscapedAndThePlainTextIsUntouched() {
        let risky = ReminderText(Reminder(sittingSeconds: 3_000, level: 2, breakLength: 120), offer: CoachOffer(line: "<b>Lunge</b> & hold > 20 s"))
        let markup = NotificationContent(
            risky, breakInProgress: false, snooze: 300, sound: "", server: fullServer)
        #expect(markup.body == "Get up and move for 2m. Try: &lt;b&gt;Lunge&lt;/b&gt; &amp; hold &gt; 20 s")
        let plain = NotificationContent(
            risky, breakInProgress: false, snooze: 300, sound: "",
            server: NotificationServerFeatures(capabilities: ["actions", "body"]))
        #expect(plain.body == "Get up and move for 2m. Try: <b>Lunge</b> & hold > 20 s")
        #expect(plain.summary == markup.summary)
    }

    @Test func aServerWithoutButtonsGetsTheCommandsInTheBody() {
        let reminder = NotificationContent(
            text, breakInProgress: false, snooze: 600, sound: "",
            server: NotificationServerFeatures(capabilities: ["body"]))
        #expect(reminder.buttons.isEmpty)
        #expect(reminder.body.hasSuffix(
            "\nFrom a terminal: sitbreakctl break · sitbreakctl snooze · sitbreakctl skip"))
        let inBreak = NotificationContent(
            text, breakInProgress: true, snooze: 600, sound: "",
            server: NotificationServerFeatures(capabilities: ["body", "body-markup"]))
        #expect(inBreak.buttons.isEmpty)
        #expect(inBreak.body.hasSuffix("\nFrom a terminal: sitbreakctl done"))
    }

    @Test func closeReasonsFollowTheSpecCodes() {
        #expect([1, 2, 3, 4, 0, 99].map { NotificationCloseReason(code: $0) }
            == [.expired, .dismissedByUser, .closedByCall, .undefined, .undefined, .undefined])
    }
}
