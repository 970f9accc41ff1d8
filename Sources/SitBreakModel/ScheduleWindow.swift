
/// When reminders may fire: `schedule.active_hours` on `schedule.days`, in local time.
extension Schedule {
    /// Every day, all day.
    public var isAlwaysActive: Bool {
        days.count == 7 && activeFrom == 0 && activeUntil >= 86_400
    }

    /// Whether a reminder may fire at this local time.
    public func isActive(atLocalSeconds local: Seconds) -> Bool {
        if isAlwaysActive { return true }
        let day = LocalDay(localSeconds: local)
        let intoDay = local - day.startLocalSeconds
        if activeFrom < activeUntil {
            return days.contains(day.weekday) && intoDay >= activeFrom && intoDay < activeUntil
        }
        // A window over midnight belongs to the day it starts on.
        if intoDay >= activeFrom { return days.contains(day.weekday) }
        return intoDay < activeUntil && days.contains(day.adding(days: -1).weekday)
    }

    /// The first local time at or after `local` when reminders may fire; nil if never.
    public func nextActiveLocalSeconds(from local: Seconds) -> Seconds? {
        if isActive(atLocalSeconds: local) { return local }
        let today = LocalDay(localSeconds: local)
        for offset in 0...7 {
            let day = today.adding(days: offset)
            let start = day.startLocalSeconds + activeFrom
            if start >= local, days.contains(day.weekday) { return start }
        }
        return nil
    }
}
