import SitBreakModel
import SitBreakPresence
import Testing

@testable import SitBreakPresentation

@Suite("Reminder wording and source choice")
struct ReminderTextTests {
    @Test func theSummarySaysHowLongAndTheBodyWhatToDo() {
        let text = ReminderText(Reminder(sittingSeconds: 2_830, level: 1, breakLength: 180), offer: nil)
        #expect(text.summary == "Time to stand up — 47m 10s sitting")
        #expect(text.body == "Get up and move for 3m. Stand, walk a few steps and open your hips.")
        #expect(text.terminalMessage.hasPrefix("sitbreak: Time to stand up"))
        #expect(text.terminalMessage.hasSuffix("sitbreakctl break · sitbreakctl snooze · sitbreakctl skip"))
    }

    @Test func repeatedRemindersSayWhichOneTheyAreInStrongerWordsAndCarryTheMove() {
        let text = ReminderText(Reminder(sittingSeconds: 3_300, level: 3, breakLength: 180),
                                offer: CoachOffer(line: "Standing march — 3 × 20 per side: drive the knee up"))
        #expect(text.summary == "Please get up now — 55m sitting (reminder 3)")
        #expect(text.body == "Get up and move for 3m. Try: Standing march — 3 × 20 per side: drive the knee up")
        let second = ReminderText(Reminder(sittingSeconds: 3_000, level: 2, breakLength: 180), offer: nil)
        #expect(second.summary == "Time to stand up — 50m sitting (reminder 2)")
    }

    @Test func autoPicksTheTerminalOutsideADesktopAndManualWhenNothingWorks() {
        let noDesktop: [ActivitySourceKind: String] = [.gnome: "no Mutter", .wayland: "no WAYLAND_DISPLAY", .x11: "no DISPLAY"]
        let console = ActivitySourceChoice.choose(requested: [.auto], unavailable: noDesktop, desktopSession: false)
        #expect(console.using == [.tty])
        let desktop = ActivitySourceChoice.choose(
            requested: [.auto], unavailable: [.gnome: "no Mutter", .wayland: "no ext-idle-notify", .x11: "no DISPLAY"],
            desktopSession: true)
        #expect(desktop.using == [.manual])
        #expect(desktop.notes.count == 4)
        #expect(desktop.notes[0] == "gnome: no Mutter")
    }

    @Test func autoUsesGNOMEsIdleMonitorWhereverItIsEvenWithoutADisplayVariable() {
        let choice = ActivitySourceChoice.choose(
            requested: [.auto], unavailable: [.wayland: "no WAYLAND_DISPLAY", .x11: "no DISPLAY"], desktopSession: false)
        #expect(choice.using == [.gnome])
    }

    @Test func onADesktopAutoNeverTakesTheTerminalsForTheKeyboard() {
        let choice = ActivitySourceChoice.choose(
            requested: [.auto], unavailable: [.gnome: "no Mutter", .wayland: "no WAYLAND_DISPLAY", .x11: "cannot open :0"],
            desktopSession: true)
        #expect(choice.using == [.manual])
    }

    @Test func anExplicitListKeepsWhatWorksAndSaysWhyTheRestDoesNot() {
        let choice = ActivitySourceChoice.choose(
            requested: [.x11, .tty], unavailable: [.x11: "no DISPLAY in the service's environment"], desktopSession: false)
        #expect(choice.using == [.tty])
        #expect(choice.notes == ["x11: no DISPLAY in the service's environment"])
    }
}
