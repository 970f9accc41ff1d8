import SitBreakCoach
import Testing

@Suite("Finding a move by what the user typed")
struct MoveLookupTests {
    @Test("by id, by name in any case, or by the words a reminder printed")
    func namesAndReminderWords() throws {
        let library = try ExerciseLibrary.load()
        #expect(library.move(named: "kneeling-lunge")?.id == "kneeling-lunge")
        #expect(library.move(named: "Kneeling lunge")?.id == "kneeling-lunge")
        #expect(library.move(named: "kneeling LUNGE ")?.id == "kneeling-lunge")
        #expect(library.move(named: "Kneeling lunge (3 × 30–60 s per side): Hips forward, pelvis tucked, chest tall.")?.id
            == "kneeling-lunge")
        #expect(library.move(named: "Standing march (2 × 20 (1 s up, 1 s hold, 1 s down)): Knee to hip height")?.id
            == "standing-march")
        #expect(library.move(named: "lunge") == nil)
    }

    @Test("a typo gets the nearest id")
    func nearest() throws {
        let library = try ExerciseLibrary.load()
        #expect(library.nearestID(to: "kneeling-lunch") == "kneeling-lunge")
        #expect(library.nearestID(to: "Pigeon pos") == "pigeon-pose")
        #expect(library.nearestID(to: "handstand") == nil)
    }
}
