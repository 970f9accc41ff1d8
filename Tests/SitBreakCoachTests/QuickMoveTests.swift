import SitBreakCoach
import SitBreakCore
import Testing

/// One reminder on the virtual calendar and the move it offered.
struct Reminder {
    var day: LocalDay
    var move: Exercise?
}

/// `perDay` reminders on each of `days` days from `aMonday`, each suggestion recorded in the
/// history as the daemon would. Sitting has run `sitting` seconds at every reminder.
func remindersOnAVirtualCalendar(
    _ library: ExerciseLibrary, settings: CoachSettings, breakLength: Seconds,
    days: Int = 14, perDay: Int = 6, sitting: Seconds = 45 * 60, walkAfter: Seconds = 90 * 60
) -> [Reminder] {
    var history = CoachHistory()
    var reminders: [Reminder] = []
    for offset in 0..<days {
        let day = aMonday.adding(days: offset)
        for _ in 0..<perDay {
            let move = Coach.suggestQuickMove(
                library, settings: settings, breakLength: breakLength, day: day,
                sittingSeconds: sitting, walkAfter: walkAfter, history: history)
            if let move { history = history.recordingSuggestion(of: move.id) }
            reminders.append(Reminder(day: day, move: move))
        }
    }
    return reminders
}

@Suite("Quick moves for reminders")
struct QuickMoveTests {
    @Test("a move always fits the break", arguments: [120.0, 150, 180, 300, 600])
    func fitsTheBreak(breakLength: Seconds) throws {
        let library = try ExerciseLibrary.load()
        let reminders = remindersOnAVirtualCalendar(
            library, settings: coachSettings(.home, equipment: allEquipment), breakLength: breakLength)
        let moves = reminders.compactMap(\.move)
        #expect(!moves.isEmpty)
        #expect(moves.allSatisfy { $0.estimatedDuration <= breakLength })
    }

    @Test("an office worker with no kit gets a desk or standing move at every reminder of a 3-minute break")
    func officeWithoutKit() throws {
        let reminders = remindersOnAVirtualCalendar(
            try ExerciseLibrary.load(), settings: coachSettings(.office), breakLength: 180)
        for reminder in reminders {
            let move = try #require(reminder.move)
            #expect(move.place != .floor, "\(move.id)")
            #expect(move.equipment == .none, "\(move.id)")
        }
    }

    @Test("only moves whose equipment the user has")
    func onlyOwnedEquipment() throws {
        let library = try ExerciseLibrary.load()
        let owned: Set<Equipment> = [.none, .band, .mat]
        let reminders = remindersOnAVirtualCalendar(
            library, settings: coachSettings(.home, equipment: ["band", "mat"]), breakLength: 600)
        let used = Set(reminders.compactMap(\.move?.equipment))
        #expect(used.isSubset(of: owned))
        #expect(used.contains(.band) && used.contains(.mat))
    }

    @Test("never one of the last three suggestions")
    func noRepeatWithinThree() throws {
        let reminders = remindersOnAVirtualCalendar(
            try ExerciseLibrary.load(), settings: coachSettings(.office), breakLength: 300, perDay: 10)
        let ids = reminders.compactMap(\.move?.id)
        for (index, id) in ids.enumerated() {
            #expect(!ids[max(0, index - 3)..<index].contains(id), "\(id) at \(index)")
        }
    }

    @Test("stretch days and strength days alternate")
    func stretchAndStrengthAlternate() throws {
        let reminders = remindersOnAVirtualCalendar(
            try ExerciseLibrary.load(), settings: coachSettings(.home, equipment: allEquipment), breakLength: 300)
        for reminder in reminders {
            let kind = try #require(reminder.move?.kind)
            let isStretchDay = Coach.focus(of: reminder.day) == .stretch
            #expect(isStretchDay ? [.stretch, .release].contains(kind) : kind == .strength, "\(reminder.day)")
        }
        #expect(Coach.focus(of: aMonday) != Coach.focus(of: aMonday.adding(days: 1)))
        #expect(Coach.focus(of: aMonday) == Coach.focus(of: aMonday.adding(days: 2)))
    }

    @Test("when the day's kind has nothing that fits, the other kind is offered")
    func fallsBackToTheOtherKind() throws {
        let library = try ExerciseLibrary.load()
        let strengthDay = Coach.focus(of: aMonday) == .strength ? aMonday : aMonday.adding(days: 1)
        let move = Coach.suggestQuickMove(
            library, settings: coachSettings(.office, avoid: ["strength"]), breakLength: 180, day: strengthDay,
            sittingSeconds: 0, walkAfter: 3600, history: CoachHistory())
        #expect(move?.kind == .stretch)
    }

    @Test("a walk once sitting has run long")
    func walkAfterLongSitting() throws {
        let library = try ExerciseLibrary.load()
        for offset in 0..<2 {
            let move = Coach.suggestQuickMove(
                library, settings: coachSettings(.office), breakLength: 300, day: aMonday.adding(days: offset),
                sittingSeconds: 2 * 45 * 60, walkAfter: 2 * 45 * 60, history: CoachHistory())
            #expect(move?.kind == .walk)
        }
    }

    @Test("avoided kinds and places never come up")
    func avoidedKindsAndPlaces() throws {
        let reminders = remindersOnAVirtualCalendar(
            try ExerciseLibrary.load(),
            settings: coachSettings(.home, equipment: allEquipment, avoid: ["floor", "strength"]), breakLength: 600)
        let moves = reminders.compactMap(\.move)
        #expect(!moves.isEmpty)
        #expect(moves.allSatisfy { $0.place != .floor && $0.kind != .strength })
    }

    @Test("an injured user gets gentle stretches and walks only, off the floor")
    func injuredUser() throws {
        let reminders = remindersOnAVirtualCalendar(
            try ExerciseLibrary.load(), settings: coachSettings(.home, equipment: allEquipment, injured: true),
            breakLength: 600)
        let moves = reminders.compactMap(\.move)
        #expect(moves.count == reminders.count)
        #expect(moves.allSatisfy { [.stretch, .walk].contains($0.kind) && $0.place != .floor && !$0.isDeep })
    }

    @Test("nothing is offered when nothing fits the break")
    func nothingFits() throws {
        let move = Coach.suggestQuickMove(
            try ExerciseLibrary.load(), settings: coachSettings(.home, equipment: allEquipment), breakLength: 30,
            day: aMonday, sittingSeconds: 0, walkAfter: 3600, history: CoachHistory())
        #expect(move == nil)
    }
}
