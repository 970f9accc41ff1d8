import SitBreakModel
import SitBreakProtocol
import SitBreakTestSupport
import Testing

@testable import SitBreakPresentation

@Suite("Status for bars, tmux and prompts")
struct StatusFormatTests {
    func report(_ configure: (inout VirtualDesk) -> Void) -> StatusReport {
        var desk = VirtualDesk()
        configure(&desk)
        return StatusReport(desk.status, activitySources: ["tty"], reminderChannels: ["terminal"], problems: [],
                            suggestion: .init(id: "standing-march", line: "Standing march (3 × 20): knees up", moves: ["standing-march"]))
    }

    @Test func waybarGetsOneJSONObjectWithClassAndPercentage() {
        let line = StatusFormat.waybar.render(report { $0.pass(42 * minute) })
        #expect(line == #"{"class":"due","percentage":93,"text":"🪑 42m","tooltip":"🪑 sitting 42m · break in 3m\nToday: 42m sitting, 0 breaks, 0 natural, 0 skipped, 0 snoozed\nTry: Standing march (3 × 20): knees up"}"#)
    }

    @Test func everyStateHasItsWaybarClass() {
        func cls(_ configure: (inout VirtualDesk) -> Void) -> String? {
            let status = report(configure)
            return StatusFormat.Urgency.allCases.first { StatusFormat.waybar.render(status).contains("\"class\":\"\($0.rawValue)\"") }?.rawValue
        }
        #expect(cls { $0.pass(10 * minute) } == "sitting")
        #expect(cls { $0.pass(50 * minute) } == "overdue")
        #expect(cls { $0.pass(50 * minute); $0.command(.snooze(nil)) } == "snoozed")
        #expect(cls { $0.command(.startBreak) } == "break")
        #expect(cls { $0.command(.away) } == "away")
        #expect(cls { $0.command(.stand) } == "away")
        #expect(cls { $0.command(.pause(nil)) } == "paused")
    }

    @Test func i3blocksGetsFullTextShortTextAndColourLines() {
        let lines = StatusFormat.i3blocks.render(report { $0.pass(50 * minute) }).split(separator: "\n")
        #expect(lines == ["🪑 sitting 50m · break overdue", "🪑 50m", "#e06c75"])
    }

    @Test func tmuxAndPolybarWrapTheShortTextInTheirColourCodes() {
        let status = report { $0.pass(10 * minute) }
        #expect(StatusFormat.tmux.render(status) == "#[fg=#8fbc8f]🪑 10m#[default]")
        #expect(StatusFormat.polybar.render(status) == "%{F#8fbc8f}🪑 10m%{F-}")
    }

    @Test func thePromptIsEmptyWhenAwayOrPaused() {
        #expect(StatusFormat.prompt.render(report { $0.pass(42 * minute) }) == "🪑 42m")
        #expect(StatusFormat.prompt.render(report { $0.command(.away) }) == "")
        #expect(StatusFormat.prompt.render(report { $0.command(.pause(nil)) }) == "")
    }

    @Test func templatesFillFieldsAndNameUnknownOnes() throws {
        let status = report { $0.pass(42 * minute); $0.command(.done) ; $0.pass(5 * minute) }
        #expect(try StatusFormat.render(template: "{state} {sitting_min}m, {breaks} breaks, next {next_min}m", status)
            == "sitting 5m, 1 breaks, next 40m")
        #expect(throws: TemplateError.self) { try StatusFormat.render(template: "{sitting}", status) }
        #expect(throws: TemplateError.self) { try StatusFormat.render(template: "{state", status) }
    }

    /// A reminder fell due at 45 min while `engagement` was on and is held, 5 min later.
    func held(by engagement: Engagement) -> StatusReport {
        report {
            $0.send(.engaged([engagement]))
            $0.pass(50 * minute)
        }
    }

    @Test(arguments: Engagement.holdable)
    func aHeldReminderIsReportedWithTheWordsOfWhatHoldsIt(_ engagement: Engagement) {
        // Every format below reads `reminder_held`: make sure the model's hold reaches it.
        let status = held(by: engagement)
        #expect(status.state == .sitting)
        #expect(status.reminderHeld == engagement.heldBecause)
        // No reminder was shown, so nothing is overdue: the hold is what the long text explains.
        #expect(status.overdueReminders == 0)
    }

    @Test func waybarSaysWhyTheReminderIsHeldInItsTextAndTooltip() throws {
        let line = StatusFormat.waybar.render(held(by: .call))
        #expect(line == #"{"class":"due","percentage":100,"text":"🪑 50m · held: in a call","tooltip":"🪑 sitting 50m · reminder held: in a call\nToday: 50m sitting, 0 breaks, 0 natural, 0 skipped, 0 snoozed\nTry: Standing march (3 × 20): knees up"}"#)
    }

    @Test func i3blocksSaysWhyTheReminderIsHeldInItsFullAndShortText() {
        let lines = StatusFormat.i3blocks.render(held(by: .fullscreen)).split(separator: "\n")
        // The reason takes the place of "break in …" or "break overdue", which would both mislead here.
        #expect(lines == [
            "🪑 sitting 50m · reminder held: a window is fullscreen", "🪑 50m · held: a window is fullscreen", "#e5c07b",
        ])
    }

    @Test func theOneLineFormatsSayWhyTooWhileAReminderIsHeld() {
        // polybar, tmux and the prompt show the short text: it names the hold, so a reminder
        // that did not come is explained where the user looks; the colour stays "due".
        let status = held(by: .presentation)
        #expect(StatusFormat.polybar.render(status) == "%{F#e5c07b}🪑 50m · held: the screen is shared%{F-}")
        #expect(StatusFormat.tmux.render(status) == "#[fg=#e5c07b]🪑 50m · held: the screen is shared#[default]")
        #expect(StatusFormat.prompt.render(status) == "🪑 50m · held: the screen is shared")
    }

    @Test func theHeldTemplateFieldSaysWhyAndIsEmptyWhenNothingIsHeld() throws {
        #expect(try StatusFormat.render(template: "[{held}]", held(by: .presentation)) == "[the screen is shared]")
        #expect(try StatusFormat.render(template: "[{held}]", held(by: .call)) == "[in a call]")
        // Not held: an empty field, so a template can test for it.
        #expect(try StatusFormat.render(template: "[{held}]", report { $0.pass(50 * minute) }) == "[]")
        #expect(StatusFormat.templateFieldNames.contains("held"))
    }

    @Test func aReminderHeldForDoNotDisturbIsShownLikeOneHeldByTheModel() {
        // The daemon passes do-not-disturb in as text: the model's own hold is not the only source.
        var desk = VirtualDesk()
        desk.pass(50 * minute)
        let status = StatusReport(desk.status, activitySources: ["tty"], reminderChannels: ["desktop"], problems: [],
                                  reminderHeld: "do not disturb is on")
        #expect(StatusFormat.i3blocks.render(status).split(separator: "\n").first
            == "🪑 sitting 50m · reminder held: do not disturb is on")
    }
}
