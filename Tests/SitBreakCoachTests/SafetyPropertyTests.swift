import SitBreakCoach
import SitBreakModel
import SitBreakPresentation
import Testing

/// One user the coach may meet: where, with what kit, on which kind of day, how long a break.
struct CoachCase: Sendable, CustomTestStringConvertible {
    var settings: CoachSettings
    var focus: DayFocus
    var breakLength: Seconds

    var testDescription: String {
        "\(settings.place.rawValue), kit [\(settings.equipment.joined(separator: ","))], "
            + "\(focus.rawValue) day, \(Int(breakLength)) s break\(settings.injured ? ", injured" : "")"
    }

    /// A history whose latest day of work makes the next day a `focus` day.
    static func history(for focus: DayFocus, library: ExerciseLibrary) -> CoachHistory {
        let lastDone = focus == .stretch ? "bridge" : "kneeling-lunge"
        return CoachHistory().recordingDone(library[lastDone].map { [$0] } ?? [], on: aMonday.adding(days: -1))
    }

    /// Every place × every set of equipment × both day kinds × these break lengths.
    static func all(injured: Bool, breakLengths: [Seconds]) -> [CoachCase] {
        CoachPlace.allCases.flatMap { place in
            everyKit.flatMap { kit in
                [DayFocus.stretch, .strength].flatMap { focus in
                    breakLengths.map { length in
                        CoachCase(
                            settings: coachSettings(place, equipment: kit, injured: injured), focus: focus,
                            breakLength: length)
                    }
                }
            }
        }
    }
}

private let breakLengths: [Seconds] = [60, 90, 120, 180, 300, 480, 900]
/// An empty library would pass every rule; `deepStretchesAreReachable` and the library tests fail on it.
private let library = (try? ExerciseLibrary.load()) ?? ExerciseLibrary(exercises: [], safetyNotes: [])

/// Suggestions for `reminders` overdue runs of the day, the user doing each, then the routine.
private func offers(_ coachCase: CoachCase, reminders: Int = 12) -> (quick: [Suggestion], routine: [Exercise]) {
    var history = CoachCase.history(for: coachCase.focus, library: library)
    var quick: [Suggestion] = []
    for _ in 0..<reminders {
        guard let suggestion = Coach.suggestQuickMove(
            library, settings: coachCase.settings, breakLength: coachCase.breakLength, day: aMonday,
            sittingSeconds: 45 * 60, walkAfter: 90 * 60, history: history)
        else { continue }
        quick.append(suggestion)
        history = history.recordingOffer(of: suggestion.ids).recordingDone(suggestion.moves, on: aMonday).endingOffer()
    }
    return (quick, Coach.buildRoutine(library, settings: coachCase.settings, history: history))
}

/// The safety rules of the coach, checked over the real move library for every place, every
/// set of equipment, both kinds of day and breaks from one to fifteen minutes: 896 users,
/// twice (well and injured), each through twelve reminders and a routine.
@Suite("Safe by construction")
struct SafetyPropertyTests {
    @Test("injured: only walking and easy movement in range, never a stretch, a deep move, a release or strength work",
          arguments: CoachCase.all(injured: true, breakLengths: breakLengths))
    func injuredUsersOnlyWalkAndMove(_ coachCase: CoachCase) {
        let (quick, routine) = offers(coachCase)
        for move in quick.flatMap(\.moves) + routine {
            #expect([.walk, .mobility].contains(move.kind), "\(move.id)")
            #expect(!move.isDeep && move.equipment == .none, "\(move.id)")
        }
        if coachCase.breakLength >= 60 { #expect(!quick.isEmpty, "something to do in every break of a minute or more") }
        #expect(routine.allSatisfy { SafetyRules.allowsWhenInjured($0) })
    }

    @Test("no deep stretch without a warm-up of two minutes or more before it, in a break or a routine",
          arguments: CoachCase.all(injured: false, breakLengths: breakLengths))
    func deepStretchesComeWarm(_ coachCase: CoachCase) {
        let (quick, routine) = offers(coachCase)
        for suggestion in quick {
            #expect(SafetyRules.isWarmedUp(suggestion.moves), "\(suggestion.ids)")
            #expect(suggestion.estimatedDuration <= coachCase.breakLength, "\(suggestion.ids)")
        }
        #expect(SafetyRules.isWarmedUp(routine), "\(routine.map(\.id))")
    }

    @Test("every suggestion suits the user: the place, the kit, never a chair move after \"stand up\"",
          arguments: CoachCase.all(injured: false, breakLengths: breakLengths))
    func suggestionsSuitTheUser(_ coachCase: CoachCase) {
        let (quick, routine) = offers(coachCase)
        let owned = Set(coachCase.settings.equipment + [Equipment.none.rawValue])
        for move in quick.flatMap(\.moves) + routine {
            #expect(coachCase.settings.place == .home || move.place != .floor, "\(move.id)")
            #expect(owned.contains(move.equipment.rawValue), "\(move.id)")
            #expect(!move.isChairMove, "\(move.id)")
        }
        #expect(Set(routine.map(\.id)).count == routine.count)
    }

    @Test("deep stretches do come up, with their warm-up, where the kit and the break allow")
    func deepStretchesAreReachable() {
        let home = CoachCase(
            settings: coachSettings(.home, equipment: allEquipment), focus: .stretch, breakLength: 900)
        let (quick, _) = offers(home, reminders: 30)
        let withDeep = quick.filter { $0.main.isDeep }
        #expect(!withDeep.isEmpty)
        let warmedFirst = withDeep.allSatisfy { $0.moves.count == 2 && $0.moves[0].isWarmUp }
        #expect(warmedFirst)
        // Routines rotate through the library: within a few weeks they reach the deep stretches.
        var history = CoachHistory()
        var routines: [[Exercise]] = []
        for week in 0..<6 {
            let routine = Coach.buildRoutine(library, settings: home.settings, history: history)
            routines.append(routine)
            history = history.recordingRoutine(on: aMonday.adding(days: 2 * week), moves: routine.map(\.id))
        }
        #expect(routines.contains { routine in routine.contains { $0.isDeep } })
        #expect(routines.allSatisfy { SafetyRules.isWarmedUp($0) })
    }

    @Test("a routine keeps stretching in it whatever the kit, and strength work too")
    func routinesKeepStretching() {
        for kit in everyKit {
            for place in CoachPlace.allCases {
                let settings = coachSettings(place, equipment: kit)
                let routine = Coach.buildRoutine(library, settings: settings, history: CoachHistory())
                #expect(routine.contains { DayFocus.stretch.kinds.contains($0.kind) }, "\(place) \(kit)")
                #expect(routine.contains { $0.kind == .strength }, "\(place) \(kit)")
                #expect(Coach.routineLength.contains(routine.map(\.estimatedDuration).reduce(0, +)), "\(place) \(kit)")
            }
        }
    }

    @Test("each move shows only the safety notes that go with it")
    func notesFitTheMove() throws {
        let stretchNote = "Ease into a mild, even pull and stay there: a stretch should never hurt."
        let warmUpNote = "Warm up for a few minutes first, walking or marching."
        for move in library.exercises {
            let notes = library.safetyNotes(for: move)
            #expect(notes.contains("Sharp, stabbing or pinching pain means stop at once."), "\(move.id)")
            #expect(notes.contains(stretchNote) == (move.kind == .stretch), "\(move.id)")
            #expect(notes.contains(warmUpNote) == move.isDeep, "\(move.id)")
        }
        let walk = try #require(library["short-walk"])
        #expect(library.safetyNotes(for: walk) == ["Sharp, stabbing or pinching pain means stop at once."])
    }

    @Test("every deep stretch carries its warm-up caution on itself")
    func deepMovesSayWarmUp() {
        let deep = library.exercises.filter(\.isDeep)
        #expect(!deep.isEmpty)
        for move in deep {
            #expect(move.cautions.contains { $0.lowercased().contains("walk or march") }, "\(move.id)")
        }
    }

    @Test("the foam roller stays off the groin crease, with light pressure, and says who should skip it")
    func foamRollerIsGentle() throws {
        let roller = try #require(library["foam-roller-psoas-release"])
        let text = (roller.steps + roller.cautions + [roller.cue]).joined(separator: " ").lowercased()
        #expect(text.contains("never let it sink into the crease of the groin"))
        #expect(text.contains("upper thigh") && text.contains("light"))
        #expect(!text.contains("inside the hip bone"), "the old placement steered towards the crease")
        #expect(roller.cautions.contains { $0.hasPrefix("Skip it if") })
        #expect(roller.cautions.contains { $0.contains("tingling, numbness or a pulse") })
    }

    @Test("a move asked for by name is guided after a warm-up when it is deep, for every move")
    func movesAskedForAreWarmedUp() {
        for move in library.exercises {
            let guided = SafetyRules.guidedMoves(for: move, library: library.exercises)
            #expect(SafetyRules.isWarmedUp(guided), "\(move.id): \(guided.map(\.id))")
            #expect(guided.last?.id == move.id)
            #expect(guided.count == (move.isDeep ? 2 : 1), "\(move.id)")
        }
        #expect(library.exercises.contains { $0.isDeep }, "no deep move: the rule above was never tried")
    }

    @Test("every move an injured user may not do says why, in words for them; the others say nothing")
    func injuredRefusalsSayWhy() throws {
        for move in library.exercises {
            let reason = SafetyRules.reasonAgainstWhenInjured(move)
            #expect((reason == nil) == SafetyRules.allowsWhenInjured(move), "\(move.id)")
        }
        let lunge = try #require(library["kneeling-lunge"])
        #expect(SafetyRules.reasonAgainstWhenInjured(lunge) == "a held stretch pulls on a strained muscle or a sore tendon")
    }

    @Test("the reminder of an injured user says when to see a physiotherapist")
    func injuredReminderAdvises() {
        let text = ReminderText(
            Reminder(sittingSeconds: 2_700, level: 1, breakLength: 180),
            offer: CoachOffer(line: "March on the spot (60 s): Knees up.", advice: SafetyRules.injuredAdvice))
        #expect(text.body.hasSuffix("if it hurts or does not improve, see a physiotherapist."))
    }
}
