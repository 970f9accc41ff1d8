import SitBreakCoach
import SitBreakCore
import Testing

@Suite("Guided breaks and reminder text")
struct GuidedBreakTests {
    @Test("a per-side hold: the steps, then each set on both sides with a switch between and rests between sets")
    func perSideHoldPlan() throws {
        let lunge = try #require(try ExerciseLibrary.load()["kneeling-lunge"])
        let plan = GuidedBreak.plan(for: lunge)
        let instructions = lunge.steps.enumerated().map { GuidedStep.instruction("\($0.offset + 1). \($0.element)") }
        func hold(_ set: Int, _ side: String) -> GuidedStep {
            .hold(seconds: 30, label: "Kneeling lunge: set \(set) of 3, \(side) side")
        }
        let work: [GuidedStep] = [
            hold(1, "first"), .switchSides, hold(1, "second"), .rest(seconds: 15),
            hold(2, "first"), .switchSides, hold(2, "second"), .rest(seconds: 15),
            hold(3, "first"), .switchSides, hold(3, "second"),
        ]
        #expect(plan == instructions + work)
        #expect(plan.map(\.duration).reduce(0, +) == lunge.estimatedDuration)
        #expect(lunge.estimatedDuration == 210)
    }

    @Test("reps carry their tempo, and a walk is one timed step")
    func repsAndWalks() throws {
        let library = try ExerciseLibrary.load()
        let march = try #require(library["psoas-march-band"])
        let marchWork = GuidedBreak.plan(for: march).filter { if case .instruction = $0 { false } else { true } }
        let tempo = Tempo(up: 3, hold: 1, down: 3)
        #expect(marchWork == [
            .reps(count: 20, tempo: tempo, label: "Psoas march with a band: set 1 of 3"), .rest(seconds: 45),
            .reps(count: 20, tempo: tempo, label: "Psoas march with a band: set 2 of 3"), .rest(seconds: 45),
            .reps(count: 20, tempo: tempo, label: "Psoas march with a band: set 3 of 3"),
        ])
        #expect(march.estimatedDuration == 3 * 20 * 7 + 2 * 45)

        let walk = try #require(library["short-walk"])
        #expect(GuidedBreak.plan(for: walk).last == .hold(seconds: 120, label: "Short walk"))
        #expect(walk.estimatedDuration == 120)
    }

    @Test("the dose in words and the one-line reminder")
    func doseAndReminderText() throws {
        let library = try ExerciseLibrary.load()
        let lunge = try #require(library["kneeling-lunge"])
        #expect(lunge.reminderLine == "Kneeling lunge (3 × 30–60 s per side): Hips forward, pelvis tucked, chest tall.")
        let untimedReps = Dose(sets: 1, amount: .reps(CountRange(exactly: 8), tempo: nil), perSide: true, rest: 0)
        #expect(untimedReps.text == "8 per side")
        #expect(untimedReps.estimatedDuration == 8 * 2 * 2)
        let holdWithoutPause = Tempo(up: 2, hold: 0, down: 2)
        #expect(holdWithoutPause.text == "2 s up, 2 s down")
    }

    @Test(
        "the progress bar fills in eighths of a cell",
        arguments: [
            (0.0, 10.0, "░░░░░░░░"), (4.2, 10, "███▎░░░░"), (5, 10, "████░░░░"), (10, 10, "████████"),
            (12, 10, "████████"), (-3, 10, "░░░░░░░░"), (1, 0, "████████"),
        ] as [(Seconds, Seconds, String)])
    func progressBar(elapsed: Seconds, total: Seconds, expected: String) {
        #expect(ProgressBar.render(elapsed: elapsed, total: total, width: 8) == expected)
    }

    @Test("a bar with no room is empty")
    func zeroWidthBar() {
        #expect(ProgressBar.render(elapsed: 1, total: 2, width: 0) == "")
    }
}
