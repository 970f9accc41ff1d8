import Foundation
import SitBreakCoach
import SitBreakModel
import Testing

/// How many breaks a simulated user takes on the `n`th day of the simulation.
struct BreakPattern: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var breaks: @Sendable (Int) -> Int
}

private let patterns = [
    BreakPattern(testDescription: "always many breaks") { _ in 8 },
    BreakPattern(testDescription: "always few breaks") { _ in 1 },
    BreakPattern(testDescription: "few breaks on weekends only") { $0 % 7 >= 5 ? 0 : 9 },
    BreakPattern(testDescription: "few breaks on Sundays only") { $0 % 7 == 6 ? 2 : 7 },
    BreakPattern(testDescription: "an irregular mix") { ($0 * 5 + $0 / 3) % 7 },
]

@Suite("Routines")
struct RoutineTests {
    @Test("over simulated weeks a routine lands 2 or 3 times a week and never on consecutive days", arguments: patterns)
    func routineRhythm(_ pattern: BreakPattern) {
        let weeks = 12
        var history = CoachHistory()
        var routineDays: [LocalDay] = []
        for offset in 0..<(weeks * 7) {
            let day = aMonday.adding(days: offset)
            if Coach.routineDue(day: day, history: history, breaksToday: pattern.breaks(offset)) {
                history = history.recordingRoutine(on: day, moves: ["bridge", "kneeling-lunge"])
                routineDays.append(day)
            }
        }
        for week in 0..<weeks {
            let monday = aMonday.adding(days: week * 7)
            let count = routineDays.filter { $0 >= monday && $0 < monday.adding(days: 7) }.count
            #expect(Coach.routinesPerWeek.contains(count), "week of \(monday): \(count)")
        }
        for (earlier, later) in zip(routineDays, routineDays.dropFirst()) {
            #expect(later.daysSinceEpoch - earlier.daysSinceEpoch >= 2, "\(earlier) and \(later)")
        }
    }

    @Test("a routine is offered on a day with few breaks, not on one with many, when the week has time")
    func fewBreaksDecide() {
        #expect(Coach.routineDue(day: aMonday, history: CoachHistory(), breaksToday: 2))
        #expect(!Coach.routineDue(day: aMonday, history: CoachHistory(), breaksToday: 6))
    }

    @Test("a home routine takes 10 to 15 minutes, warms up first and mixes strength with stretching")
    func homeRoutine() throws {
        let library = try ExerciseLibrary.load()
        let routine = Coach.buildRoutine(
            library, settings: coachSettings(.home, equipment: allEquipment), history: CoachHistory())
        let total = routine.map(\.estimatedDuration).reduce(0, +)
        #expect(Coach.routineLength.contains(total))
        #expect(routine.first?.kind == .walk)
        #expect(routine.contains { $0.kind == .strength })
        #expect(routine.contains { $0.kind == .stretch || $0.kind == .release })
        #expect(Set(routine.map(\.id)).count == routine.count)
        if let firstDeep = routine.firstIndex(where: \.isDeep) {
            #expect(routine[..<firstDeep].contains { $0.kind == .walk || $0.kind == .strength })
        }
    }

    @Test("routines rotate through the library")
    func routinesVary() throws {
        let library = try ExerciseLibrary.load()
        let settings = coachSettings(.home, equipment: allEquipment)
        let first = Coach.buildRoutine(library, settings: settings, history: CoachHistory())
        let history = CoachHistory().recordingRoutine(on: aMonday, moves: first.map(\.id))
        let second = Coach.buildRoutine(library, settings: settings, history: history)
        let repeated = Set(first.filter { $0.kind != .walk }.map(\.id))
            .intersection(second.map(\.id))
        #expect(repeated.isEmpty)
        #expect(Coach.routineLength.contains(second.map(\.estimatedDuration).reduce(0, +)))
    }

    @Test("a routine counts as done only when more than half of its time was")
    func mostOfItCounts() throws {
        let library = try ExerciseLibrary.load()
        let routine = Coach.buildRoutine(library, settings: coachSettings(.home, equipment: allEquipment), history: CoachHistory())
        #expect(!Coach.routineCounts(planned: routine, done: []))
        #expect(!Coach.routineCounts(planned: routine, done: Array(routine.prefix(1))), "Ctrl-C at the first move")
        #expect(Coach.routineCounts(planned: routine, done: routine))
        var done: [Exercise] = []
        for move in routine where !Coach.routineCounts(planned: routine, done: done) { done.append(move) }
        let total = routine.map(\.estimatedDuration).reduce(0, +)
        #expect(done.map(\.estimatedDuration).reduce(0, +) * 2 > total)
        #expect(done.dropLast().map(\.estimatedDuration).reduce(0, +) * 2 <= total)
    }

    @Test("an injured user's routine is walking and easy movement only")
    func injuredRoutine() throws {
        let routine = Coach.buildRoutine(
            try ExerciseLibrary.load(), settings: coachSettings(.home, equipment: allEquipment, injured: true),
            history: CoachHistory())
        #expect(!routine.isEmpty)
        #expect(routine.allSatisfy { [.walk, .mobility].contains($0.kind) })
        #expect(routine.first?.kind == .walk)
    }

    @Test("an office routine keeps to desk and standing moves the user can do")
    func officeRoutine() throws {
        let routine = Coach.buildRoutine(
            try ExerciseLibrary.load(), settings: coachSettings(.office), history: CoachHistory())
        #expect(!routine.isEmpty)
        #expect(routine.allSatisfy { $0.place != .floor && $0.equipment == .none })
    }

    @Test("the history survives a round trip through JSON and forgets old entries")
    func historyPersists() throws {
        var history = CoachHistory()
        for number in 0..<50 {
            history = history.recordingOffer(of: ["move-\(number)"])
        }
        for offset in stride(from: 0, to: 30, by: 2) {
            history = history.recordingRoutine(on: aMonday.adding(days: offset), moves: [])
        }
        #expect(history.recentMoves.count == CoachHistory.rememberedMoves)
        #expect(history.recentMoves.last == "move-49")
        #expect(history.recentMoves.suffix(3) == ["move-47", "move-48", "move-49"])
        #expect(history.routineDays.count == CoachHistory.rememberedRoutineDays)
        #expect(history.routineDays.last == aMonday.adding(days: 28))
        let decoded = try JSONDecoder().decode(CoachHistory.self, from: JSONEncoder().encode(history))
        #expect(decoded == history)
    }
}
