import SitBreakCoach
import SitBreakModel
import Testing

@Suite("Guided breaks and reminder text")
struct GuidedBreakTests {
    @Test("a per-side hold: the steps, a lead-in, then each set on both sides with a lead-in to switch and rests between sets")
    func perSideHoldPlan() throws {
        let lunge = try #require(try ExerciseLibrary.load()["kneeling-lunge"]).prescribed(level: 0)
        let plan = GuidedBreak.plan(for: lunge)
        let instructions = lunge.steps.enumerated().map { GuidedStep.instruction("\($0.offset + 1). \($0.element)") }
        func hold(_ set: Int, _ side: String) -> GuidedStep {
            .hold(seconds: 30, label: "Kneeling lunge: set \(set) of 3, \(side) side", breathing: true)
        }
        let switchSides = GuidedStep.getReady(seconds: 3, label: "Switch sides")
        let work: [GuidedStep] = [
            .getReady(seconds: 3, label: "Get ready"),
            hold(1, "first"), switchSides, hold(1, "second"), .rest(seconds: 15),
            hold(2, "first"), switchSides, hold(2, "second"), .rest(seconds: 15),
            hold(3, "first"), switchSides, hold(3, "second"),
        ]
        #expect(plan == instructions + work)
        #expect(plan.filter(\.isWork).map(\.duration).reduce(0, +) == lunge.estimatedDuration)
        #expect(lunge.estimatedDuration == 210)
    }

    @Test("reps carry their tempo, a walk is one timed step without a breathing cue")
    func repsAndWalks() throws {
        let library = try ExerciseLibrary.load()
        let march = try #require(library["psoas-march-band"])
        let marchWork = GuidedBreak.plan(for: march).filter(\.isWork)
        let tempo = Tempo(up: 3, hold: 1, down: 3)
        #expect(marchWork == [
            .reps(count: 20, tempo: tempo, label: "Psoas march with a band: set 1 of 3"), .rest(seconds: 45),
            .reps(count: 20, tempo: tempo, label: "Psoas march with a band: set 2 of 3"), .rest(seconds: 45),
            .reps(count: 20, tempo: tempo, label: "Psoas march with a band: set 3 of 3"),
        ])
        #expect(march.estimatedDuration == 3 * 20 * 7 + 2 * 45)

        let walk = try #require(library["short-walk"])
        #expect(GuidedBreak.plan(for: walk).last == .hold(seconds: 120, label: "Short walk", breathing: false))
        #expect(walk.estimatedDuration == 120)
    }

    @Test("the dose in words and the one-line reminder")
    func doseAndReminderText() throws {
        let library = try ExerciseLibrary.load()
        let lunge = try #require(library["kneeling-lunge"])
        #expect(lunge.reminderLine == "Kneeling lunge (3 × 30–60 s per side): Hips forward, pelvis tucked, chest tall.")
        #expect(lunge.prescribed(level: 1).reminderLine == "Kneeling lunge (3 × 45 s per side): Hips forward, pelvis tucked, chest tall.")
        let untimedReps = Dose(sets: 1, amount: .reps(CountRange(exactly: 8), tempo: nil), perSide: true, rest: 0)
        #expect(untimedReps.text == "8 per side")
        #expect(untimedReps.estimatedDuration == 8 * 2 * 2)
        let holdWithoutPause = Tempo(up: 2, hold: 0, down: 2)
        #expect(holdWithoutPause.text == "2 s up, 2 s down")
    }

    @Test("a warm-up and a deep stretch read as one suggestion")
    func warmUpThenDeepStretch() throws {
        let library = try ExerciseLibrary.load()
        let walk = try #require(library["short-walk"])
        let pigeon = try #require(library["pigeon-pose"])
        let suggestion = try #require(Suggestion([walk, pigeon]))
        #expect(suggestion.line == "Short walk (2 min), then Pigeon pose (2 × 45–60 s per side): Sink the hips, fold forward, breathe.")
        #expect(suggestion.main.id == "pigeon-pose")
        #expect(Suggestion([]) == nil)
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
