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
}
