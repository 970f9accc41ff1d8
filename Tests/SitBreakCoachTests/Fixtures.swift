import SitBreakCoach
import SitBreakModel

func coachSettings(
    _ place: CoachPlace, equipment: [String] = [], avoid: [String] = [], injured: Bool = false
) -> CoachSettings {
    CoachSettings(place: place, equipment: equipment, avoid: avoid, injured: injured)
}

let allEquipment = Equipment.allCases.filter { $0 != .none }.map(\.rawValue)

/// Every set of equipment a user can own: 32 of them.
let everyKit: [[String]] = (0..<(1 << allEquipment.count)).map { mask in
    allEquipment.enumerated().filter { mask & (1 << $0.offset) != 0 }.map(\.element)
}

/// Monday 2026-11-23.
let aMonday = LocalDay(year: 2026, month: 11, day: 23)

/// One reminder on the virtual calendar and what it offered.
struct OfferedMoves {
    var day: LocalDay
    var suggestion: Suggestion?
}

/// `perDay` reminders on each of `days` days from `aMonday`, each a new overdue run whose
/// offer the user then does, as the daemon records it. Sitting has run `sitting` seconds at
/// every reminder.
func remindersOnAVirtualCalendar(
    _ library: ExerciseLibrary, settings: CoachSettings, breakLength: Seconds,
    days: Int = 14, perDay: Int = 6, sitting: Seconds = 45 * 60, walkAfter: Seconds = 90 * 60,
    startingWith history: CoachHistory = CoachHistory()
) -> [OfferedMoves] {
    var history = history
    var reminders: [OfferedMoves] = []
    for offset in 0..<days {
        let day = aMonday.adding(days: offset)
        for _ in 0..<perDay {
            let suggestion = Coach.suggestQuickMove(
                library, settings: settings, breakLength: breakLength, day: day,
                sittingSeconds: sitting, walkAfter: walkAfter, history: history)
            history = history.recordingOffer(of: suggestion?.ids ?? [])
                .recordingDone(suggestion?.moves ?? [], on: day).endingOffer()
            reminders.append(OfferedMoves(day: day, suggestion: suggestion))
        }
    }
    return reminders
}
