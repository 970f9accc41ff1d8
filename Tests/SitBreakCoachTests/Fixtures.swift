import SitBreakCoach
import SitBreakCore

func coachSettings(
    _ place: CoachPlace, equipment: [String] = [], avoid: [String] = [], injured: Bool = false
) -> CoachSettings {
    CoachSettings(place: place, equipment: equipment, avoid: avoid, injured: injured)
}

let allEquipment = Equipment.allCases.map(\.rawValue)

/// Monday 2026-11-23.
let aMonday = LocalDay(year: 2026, month: 11, day: 23)
