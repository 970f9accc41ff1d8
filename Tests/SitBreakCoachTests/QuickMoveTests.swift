import SitBreakCoach
import SitBreakModel
import SitBreakPresentation
import Testing

@Suite("Quick moves for reminders")
struct QuickMoveTests {
    @Test("a suggestion always fits the break", arguments: [60.0, 90, 120, 150, 180, 300, 600])
    func fitsTheBreak(breakLength: Seconds) throws {
        let library = try ExerciseLibrary.load()
        let reminders = remindersOnAVirtualCalendar(
            library, settings: coachSettings(.home, equipment: allEquipment), breakLength: breakLength)
        let suggestions = reminders.compactMap(\.suggestion)
        #expect(suggestions.count == reminders.count)
        #expect(suggestions.allSatisfy { $0.estimatedDuration <= breakLength })
    }

    @Test("a break shorter than two minutes at the office still gets a move", arguments: [60.0, 90, 110])
    func microMovesAtTheOffice(breakLength: Seconds) throws {
        let reminders = remindersOnAVirtualCalendar(
            try ExerciseLibrary.load(), settings: coachSettings(.office), breakLength: breakLength)
        for reminder in reminders {
            let suggestion = try #require(reminder.suggestion, "\(reminder.day)")
            #expect(suggestion.estimatedDuration <= breakLength)
        }
        #expect(Set(reminders.compactMap(\.suggestion?.main.id)).count >= 3, "micro-moves vary")
    }

    @Test("an office worker with no kit gets desk or standing moves at every reminder of a 3-minute break")
    func officeWithoutKit() throws {
        let reminders = remindersOnAVirtualCalendar(
            try ExerciseLibrary.load(), settings: coachSettings(.office), breakLength: 180)
        for reminder in reminders {
            let moves = try #require(reminder.suggestion).moves
            #expect(moves.allSatisfy { $0.place != .floor && $0.equipment == .none }, "\(moves.map(\.id))")
        }
    }

    @Test("only moves whose equipment the user has")
    func onlyOwnedEquipment() throws {
        let library = try ExerciseLibrary.load()
        let owned: Set<Equipment> = [.none, .band, .mat]
        let reminders = remindersOnAVirtualCalendar(
            library, settings: coachSettings(.home, equipment: ["band", "mat"]), breakLength: 600)
        let used = Set(reminders.flatMap { $0.suggestion?.moves ?? [] }.map(\.equipment))
        #expect(used.isSubset(of: owned))
        #expect(used.contains(.band) && used.contains(.mat))
    }

    @Test("walking comes every other reminder, the brisk walk when the break holds it")
    func walksHaveTheirPlace() throws {
        let library = try ExerciseLibrary.load()
        for (breakLength, walk) in [(180.0, "short-walk"), (300.0, "brisk-walk"), (600.0, "brisk-walk")] {
            let reminders = remindersOnAVirtualCalendar(library, settings: coachSettings(.office), breakLength: breakLength)
            let ids = reminders.map { $0.suggestion?.ids ?? [] }
            #expect(ids.first == [walk], "the first advice is to walk")
            for (index, offered) in ids.enumerated() {
                #expect((offered == [walk]) == index.isMultiple(of: 2), "\(breakLength) s, reminder \(index): \(offered)")
            }
        }
    }

    @Test("moves other than walks do not come back within three")
    func noRepeatWithinThree() throws {
        let library = try ExerciseLibrary.load()
        let reminders = remindersOnAVirtualCalendar(library, settings: coachSettings(.office), breakLength: 300, perDay: 10)
        let ids = reminders.flatMap { $0.suggestion?.ids ?? [] }.filter { library[$0]?.kind != .walk }
        for (index, id) in ids.enumerated() {
            #expect(!ids[max(0, index - Coach.noRepeatWindow)..<index].contains(id), "\(id) at \(index)")
        }
    }

    @Test("the day's focus is the other of what the user did last, whatever the calendar says")
    func focusFollowsWhatWasDone() throws {
        let library = try ExerciseLibrary.load()
        let lunge = try #require(library["kneeling-lunge"])
        let bridge = try #require(library["bridge"])
        let walk = try #require(library["short-walk"])
        let fresh = CoachHistory()
        #expect(Coach.focus(on: aMonday, history: fresh) == .stretch)
        let stretched = fresh.recordingDone([lunge, walk], on: aMonday)
        // The day after stretching, and a week after it when nothing was done between: strength.
        #expect(Coach.focus(on: aMonday.adding(days: 1), history: stretched) == .strength)
        #expect(Coach.focus(on: aMonday.adding(days: 8), history: stretched) == .strength)
        // The same day does not count: the focus holds all day.
        #expect(Coach.focus(on: aMonday, history: stretched) == .stretch)
        let strengthened = stretched.recordingDone([bridge, bridge], on: aMonday.adding(days: 3))
        #expect(Coach.focus(on: aMonday.adding(days: 4), history: strengthened) == .stretch)
        // A day of walking only says nothing: the day before it decides.
        let walked = strengthened.recordingDone([walk], on: aMonday.adding(days: 4))
        #expect(Coach.focus(on: aMonday.adding(days: 5), history: walked) == .stretch)
    }

    @Test("stretch days and strength days take turns when the user does what is offered")
    func daysTakeTurns() throws {
        let library = try ExerciseLibrary.load()
        let reminders = remindersOnAVirtualCalendar(
            library, settings: coachSettings(.home, equipment: allEquipment), breakLength: 300)
        var focusByDay: [LocalDay: Set<ExerciseKind>] = [:]
        for reminder in reminders {
            let main = try #require(reminder.suggestion).main
            if main.kind != .walk { focusByDay[reminder.day, default: []].insert(main.kind) }
        }
        let days = focusByDay.keys.sorted()
        for (earlier, later) in zip(days, days.dropFirst()) {
            let first = focusByDay[earlier] ?? [], second = focusByDay[later] ?? []
            #expect(first.isDisjoint(with: second), "\(earlier) \(first) then \(later) \(second)")
        }
    }

    @Test("when the day's kind has nothing that fits, easy mobility comes before the other kind")
    func fallsBackToMobility() throws {
        let library = try ExerciseLibrary.load()
        let strengthDay = CoachHistory().recordingDone([try #require(library["kneeling-lunge"])], on: aMonday)
            .recordingOffer(of: ["short-walk"])
        let move = Coach.suggestQuickMove(
            library, settings: coachSettings(.office, avoid: ["strength"]), breakLength: 180,
            day: aMonday.adding(days: 1), sittingSeconds: 0, walkAfter: 3600, history: strengthDay)
        #expect(move?.main.kind == .mobility)
        let noMobility = Coach.suggestQuickMove(
            library, settings: coachSettings(.office, avoid: ["strength", "mobility"]), breakLength: 180,
            day: aMonday.adding(days: 1), sittingSeconds: 0, walkAfter: 3600, history: strengthDay)
        #expect(noMobility?.main.kind == .stretch)
    }

    @Test("a walk once sitting has run long, even right after one")
    func walkAfterLongSitting() throws {
        let library = try ExerciseLibrary.load()
        let justWalked = CoachHistory().recordingOffer(of: ["short-walk"])
        let move = Coach.suggestQuickMove(
            library, settings: coachSettings(.office), breakLength: 300, day: aMonday,
            sittingSeconds: 2 * 45 * 60, walkAfter: 2 * 45 * 60, history: justWalked)
        #expect(move?.ids == ["brisk-walk"])
    }

    @Test("avoided ids, kinds, places and positions never come up")
    func avoidedMovesNeverComeUp() throws {
        let library = try ExerciseLibrary.load()
        let avoid = ["floor", "strength", "kneeling", "wrist-loaded", "face-down", "standing-quad-stretch"]
        for place in CoachPlace.allCases {
            let reminders = remindersOnAVirtualCalendar(
                library, settings: coachSettings(place, equipment: allEquipment, avoid: avoid), breakLength: 600)
            let moves = reminders.flatMap { $0.suggestion?.moves ?? [] }
            #expect(!moves.isEmpty)
            for move in moves {
                #expect(!avoid.contains(where: move.isDescribed(by:)), "\(move.id)")
            }
        }
        let homeOnly = remindersOnAVirtualCalendar(
            library, settings: coachSettings(.home, equipment: allEquipment, avoid: ["kneeling", "wrist-loaded"]),
            breakLength: 900, perDay: 12)
        let ids = Set(homeOnly.flatMap { $0.suggestion?.ids ?? [] })
        #expect(!ids.contains("kneeling-lunge") && !ids.contains("pigeon-pose") && !ids.contains("mountain-climbers"))
        #expect(ids.contains("bridge"), "floor moves that need no knee or wrist still come")
    }

    @Test("chair moves only for users who avoid standing, and then the reminder is worded for them")
    func chairMovesAreChosen() throws {
        let library = try ExerciseLibrary.load()
        let standing = remindersOnAVirtualCalendar(library, settings: coachSettings(.office), breakLength: 180)
        #expect(!standing.contains { $0.suggestion?.moves.contains(where: \.isChairMove) ?? false })
        let seated = remindersOnAVirtualCalendar(
            library, settings: coachSettings(.office, avoid: ["standing"]), breakLength: 180)
        let suggestions = seated.compactMap(\.suggestion)
        #expect(!suggestions.isEmpty)
        #expect(suggestions.allSatisfy { $0.isChairOnly })
        let text = ReminderText(
            Reminder(sittingSeconds: 2_700, level: 1, breakLength: 180),
            offer: CoachOffer(line: suggestions[0].line, seated: suggestions[0].isChairOnly))
        #expect(text.summary == "Time to move — 45m sitting")
        #expect(!text.summary.contains("stand") && !text.body.contains("Get up"), "\(text.summary) \(text.body)")
    }

    @Test("nothing is offered when nothing fits the break")
    func nothingFits() throws {
        let move = Coach.suggestQuickMove(
            try ExerciseLibrary.load(), settings: coachSettings(.home, equipment: allEquipment), breakLength: 20,
            day: aMonday, sittingSeconds: 0, walkAfter: 3600, history: CoachHistory().recordingOffer(of: ["short-walk"]))
        #expect(move == nil)
    }
}
