import SitBreakCoach
import Testing

@Suite("Progression from the user's answers")
struct ProgressionTests {
    @Test("a range climbs in steps: low, middle, high; holds by fives")
    func steps() {
        #expect(CountRange(30, 60).steps(roundingTo: 5) == [30, 45, 60])
        #expect(CountRange(30, 45).steps(roundingTo: 5) == [30, 35, 45])
        #expect(CountRange(10, 15).steps(roundingTo: 1) == [10, 12, 15])
        #expect(CountRange(10, 11).steps(roundingTo: 1) == [10, 11])
        #expect(CountRange(exactly: 20).steps(roundingTo: 1) == [20])
    }

    @Test("two \"too easy\" in a row move the dose up a step, \"too hard\" brings it down at once")
    func answersMoveTheDose() throws {
        let library = try ExerciseLibrary.load()
        let lunge = try #require(library["kneeling-lunge"])
        var history = CoachHistory()
        history = history.recordingRating(.tooEasy, of: lunge)
        #expect(history.level(of: lunge.id) == 0, "one easy day is not a trend")
        history = history.recordingRating(.tooEasy, of: lunge)
        #expect(history.level(of: lunge.id) == 1)
        #expect(lunge.prescribed(level: history.level(of: lunge.id)).doseText == "3 × 45 s per side")
        history = history.recordingRating(.tooEasy, of: lunge).recordingRating(.right, of: lunge)
        history = history.recordingRating(.tooEasy, of: lunge)
        #expect(history.level(of: lunge.id) == 1, "\"right\" in between starts the count again")
        history = history.recordingRating(.tooEasy, of: lunge)
        #expect(history.level(of: lunge.id) == 2)
        history = history.recordingRating(.tooEasy, of: lunge).recordingRating(.tooEasy, of: lunge)
        #expect(history.level(of: lunge.id) == 2, "never past the top of the seed's range")
        #expect(lunge.prescribed(level: 2).doseText == "3 × 60 s per side")
        history = history.recordingRating(.tooHard, of: lunge)
        #expect(history.level(of: lunge.id) == 1)
        history = history.recordingRating(.tooHard, of: lunge).recordingRating(.tooHard, of: lunge)
        #expect(history.level(of: lunge.id) == 0, "never below the low end")
    }

    @Test("a fixed dose stays as the seed gives it")
    func fixedDoses() throws {
        let march = try #require(try ExerciseLibrary.load()["psoas-march-band"])
        let history = CoachHistory().recordingRating(.tooEasy, of: march).recordingRating(.tooEasy, of: march)
        #expect(history.level(of: march.id) == 0)
        #expect(march.prescribed(level: 5).doseText == "3 × 20 (3 s up, 1 s hold, 3 s down)")
    }

    @Test("reminders offer the user's step, or the highest one that fits the break")
    func remindersUseTheStep() throws {
        let library = try ExerciseLibrary.load()
        let stretch = try #require(library["standing-hip-flexor-stretch"])
        var history = CoachHistory().recordingRating(.tooEasy, of: stretch).recordingRating(.tooEasy, of: stretch)
            .recordingRating(.tooEasy, of: stretch).recordingRating(.tooEasy, of: stretch)
        #expect(history.level(of: stretch.id) == 2)
        history = history.recordingOffer(of: ["short-walk"])
        let settings = coachSettings(.office, avoid: ["standing-quad-stretch", "mobility", "strength"])
        let roomy = Coach.suggestQuickMove(
            library, settings: settings, breakLength: 600, day: aMonday, sittingSeconds: 0, walkAfter: 3600, history: history)
        #expect(roomy?.main.doseText == "2 × 45 s per side")
        let tight = Coach.suggestQuickMove(
            library, settings: settings, breakLength: 150, day: aMonday, sittingSeconds: 0, walkAfter: 3600, history: history)
        #expect(tight?.main.doseText == "2 × 35 s per side")
        let tighter = Coach.suggestQuickMove(
            library, settings: settings, breakLength: 140, day: aMonday, sittingSeconds: 0, walkAfter: 3600, history: history)
        #expect(tighter?.main.doseText == "2 × 30 s per side")
    }
}
