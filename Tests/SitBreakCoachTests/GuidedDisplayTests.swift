import SitBreakCoach
import SitBreakModel
import Testing

@Suite("What the guided break shows while it counts")
struct GuidedDisplayTests {
    let reps = GuidedStep.reps(count: 12, tempo: Tempo(up: 2, hold: 1, down: 2), label: "Seated march: set 1 of 2")

    @Test(
        "reps are shown as reps with the beat, the current phase in brackets",
        arguments: [
            (0.0, "rep 1 of 12 · [up 2] · hold 1 · down 2"),
            (15.5, "rep 4 of 12 · [up 2] · hold 1 · down 2"),
            (17.0, "rep 4 of 12 · up 2 · [hold 1] · down 2"),
            (18.0, "rep 4 of 12 · up 2 · hold 1 · [down 2]"),
            (59.0, "rep 12 of 12 · up 2 · hold 1 · [down 2]"),
            (60.0, "rep 12 of 12 · up 2 · hold 1 · [down 2]"),
        ] as [(Seconds, String)])
    func repBeat(elapsed: Seconds, expected: String) {
        #expect(GuidedDisplay.cue(for: reps, at: elapsed) == expected)
    }

    @Test("a tempo without a hold shows no hold")
    func noHold() {
        let swings = GuidedStep.reps(count: 8, tempo: Tempo(up: 1, hold: 0, down: 1), label: "Leg swing")
        #expect(GuidedDisplay.cue(for: swings, at: 2.5) == "rep 2 of 8 · [up 1] · down 1")
    }

    @Test("a still hold breathes in for four seconds and out for six; a walk just goes on")
    func breathing() {
        let hold = GuidedStep.hold(seconds: 30, label: "Kneeling lunge: set 1 of 3, first side", breathing: true)
        #expect(GuidedDisplay.cue(for: hold, at: 0) == "breathe in")
        #expect(GuidedDisplay.cue(for: hold, at: 5) == "breathe out slowly")
        #expect(GuidedDisplay.cue(for: hold, at: 10) == "breathe in")
        let walk = GuidedStep.hold(seconds: 120, label: "Short walk", breathing: false)
        #expect(GuidedDisplay.cue(for: walk, at: 30) == "Short walk")
        #expect(GuidedDisplay.cue(for: .getReady(seconds: 3, label: "Get ready"), at: 1) == "Get ready")
    }

    @Test("the countdown line always fits in fewer columns than the terminal has", arguments: [12, 20, 40, 60, 80, 120, 200])
    func countdownFits(width: Int) {
        for step in [reps, .hold(seconds: 90, label: "Pigeon pose: set 2 of 2, second side", breathing: true), .rest(seconds: 45)] {
            for elapsed in stride(from: 0.0, through: step.duration, by: 7) {
                let line = GuidedDisplay.countdownLine(for: step, at: elapsed, width: width)
                #expect(line.count < width, "\(width): \(line)")
            }
        }
    }

    @Test("at 80 columns the line holds the bar, the time left and the whole beat")
    func eightyColumns() {
        let line = GuidedDisplay.countdownLine(for: reps, at: 15.5, width: 80)
        #expect(line.contains("0:45"))
        #expect(line.contains("rep 4 of 12 · [up 2] · hold 1 · down 2"))
        #expect(line.contains("█") || line.contains("░"))
        let narrow = GuidedDisplay.countdownLine(for: reps, at: 15.5, width: 30)
        #expect(narrow.hasSuffix("…"))
        #expect(narrow.contains("0:45"))
    }
}
