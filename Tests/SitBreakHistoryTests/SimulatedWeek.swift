import SitBreakModel

@testable import SitBreakHistory

/// A week of sits as they really happened, and the rows sitbreakd writes for them.
/// The expected statistics come from the plan, never from the rows.
struct PlannedSit: Equatable {
    enum Ending: Equatable {
        /// `sitbreakctl break`, away for `minutes`, the break taken when they passed.
        case breakStarted(minutes: Seconds)
        /// `sitbreakctl done` with no break started first; the row carries the sit's length.
        case doneAfterward
        /// No input for `minutes`; after `breakLength` of it the model calls it a break.
        case natural(minutes: Seconds)
        /// Still sitting when the week was read.
        case stillSitting
    }

    var day: LocalDay
    /// Hours after local midnight.
    var startHour: Seconds
    var minutes: Seconds
    var ending: Ending
    /// Reminders fire every 5 minutes from 45 minutes on.
    var skipAtFirstReminder = false
    var snoozes = 0
    /// A break started halfway and abandoned after `partialMinutes`.
    var partialMinutes: Seconds = 0

    var start: Seconds { day.startLocalSeconds + startHour * 3_600 }
    var seconds: Seconds { minutes * 60 }
    /// When sitting stopped, on the local clock.
    var end: Seconds { start + seconds + partialMinutes * 60 }
    var reminderMarks: [Seconds] { Array(stride(from: 45 * 60, through: seconds, by: 5 * 60)) }
    /// The local clock time at which `sat` seconds of this sit had passed.
    func clock(_ sat: Seconds) -> Seconds { start + sat + (sat > seconds / 2 ? partialMinutes * 60 : 0) }
    var endsWithBreak: Bool { ending != .stillSitting }
}

struct SimulatedWeek {
    static let breakLength: Seconds = 5 * 60
    static let monday = LocalDay(year: 2026, month: 11, day: 23)
    static let sunday = monday.adding(days: 6)
    /// Central European Time; the plan never crosses a clock change.
    static let utcOffset: Seconds = 3_600

    var sits: [PlannedSit] = []
    var routineDays: [LocalDay] = []
    /// Days the daemon restarted in the middle of their first sit.
    var restartDays: [LocalDay] = []

    static let standard: SimulatedWeek = {
        var week = SimulatedWeek()
        let (mon, tue, thu, fri, sat, sun) = (
            monday, monday.adding(days: 1), monday.adding(days: 3), monday.adding(days: 4), monday.adding(days: 5),
            monday.adding(days: 6)
        )
        // The Sunday before the week: read for sits over midnight, never counted.
        week.sits.append(
            PlannedSit(day: mon.adding(days: -1), startHour: 20, minutes: 50, ending: .breakStarted(minutes: 5)))
        week.sits += [
            PlannedSit(day: mon, startHour: 9, minutes: 50, ending: .breakStarted(minutes: 5)),
            PlannedSit(day: mon, startHour: 10, minutes: 40, ending: .natural(minutes: 15)),
            PlannedSit(
                day: mon, startHour: 11, minutes: 95, ending: .breakStarted(minutes: 6), skipAtFirstReminder: true),
            PlannedSit(day: mon, startHour: 14.5, minutes: 30, ending: .natural(minutes: 30)),
            PlannedSit(day: tue, startHour: 8.25, minutes: 62, ending: .breakStarted(minutes: 5), snoozes: 1),
            PlannedSit(
                day: tue, startHour: 13, minutes: 70, ending: .natural(minutes: 9), snoozes: 2, partialMinutes: 3),
            PlannedSit(day: thu, startHour: 9, minutes: 55, ending: .natural(minutes: 20)),
            PlannedSit(day: thu, startHour: 10.5, minutes: 25, ending: .breakStarted(minutes: 5)),
            PlannedSit(day: fri, startHour: 7.75, minutes: 48, ending: .doneAfterward),
            PlannedSit(day: fri, startHour: 16, minutes: 120, ending: .natural(minutes: 60), skipAtFirstReminder: true),
            // Over midnight into Sunday: 40 minutes on each day.
            PlannedSit(day: sat, startHour: 23 + 20 / 60, minutes: 80, ending: .natural(minutes: 480)),
            PlannedSit(day: sun, startHour: 10, minutes: 45, ending: .breakStarted(minutes: 5)),
            PlannedSit(day: sun, startHour: 11.5, minutes: 52, ending: .stillSitting),
        ]
        week.routineDays = [tue, fri]
        week.restartDays = [thu]
        return week
    }()

    // MARK: The rows sitbreakd writes

    func moment(_ local: Seconds) -> Moment {
        // One boot a week; the boot clock starts at the first sit.
        Moment(
            boot: local - Self.monday.adding(days: -1).startLocalSeconds, wall: local - Self.utcOffset,
            utcOffset: Self.utcOffset)
    }

    func row(_ happening: Happening, _ local: Seconds) -> HistoryRecord {
        HistoryRecord(happening, at: moment(local), bootID: "boot")
    }

    var records: [HistoryRecord] {
        var rows: [HistoryRecord] = []
        for sit in sits {
            // Sitting begins when sitbreakd starts (a fresh state counts from then) or the user is back.
            rows.append(
                sit == sits.first
                    ? .daemonStarted(version: "0.3.0", at: moment(sit.start), bootID: "boot")
                    : row(.cameBack(awaySeconds: 600), sit.start))
            rows += sitting(sit)
            if restartDays.contains(sit.day) && sit == sits.first(where: { $0.day == sit.day }) {
                // A restart in the middle of this sit (sorted in by time below).
                rows.append(.daemonStopped(at: moment(sit.start + 600), bootID: "boot"))
                rows.append(.daemonStarted(version: "0.3.0", at: moment(sit.start + 601), bootID: "boot"))
            }
            if routineDays.contains(sit.day) && sit == sits.last(where: { $0.day == sit.day }) {
                rows.append(.routineDone(moves: ["lunge", "bridge"], at: moment(sit.end + 120), bootID: "boot"))
            }
        }
        // In time order, rows of the same instant in the order written.
        return rows.enumerated().sorted { ($0.element.moment.wall, $0.offset) < ($1.element.moment.wall, $1.offset) }
            .map(\.element)
    }

    /// A sit's rows: reminders, the user's answers, the break in the middle and the end.
    private func sitting(_ sit: PlannedSit) -> [HistoryRecord] {
        var rows: [HistoryRecord] = []
        let half = sit.seconds / 2
        if sit.partialMinutes > 0 {
            rows.append(row(.breakStarted(sittingSeconds: half), sit.start + half))
            rows.append(
                row(.breakPartial(lastedSeconds: sit.partialMinutes * 60), sit.start + half + sit.partialMinutes * 60))
        }
        for (index, mark) in sit.reminderMarks.enumerated() {
            rows.append(
                row(
                    .reminded(Reminder(sittingSeconds: mark, level: index + 1, breakLength: Self.breakLength)),
                    sit.clock(mark)))
            if index == 0 && sit.skipAtFirstReminder {
                rows.append(row(.skipped(sittingSeconds: mark), sit.clock(mark)))
            }
            if index < sit.snoozes { rows.append(row(.snoozed(until: 0, forSeconds: 300), sit.clock(mark))) }
        }
        switch sit.ending {
        case .breakStarted(let minutes):
            rows.append(row(.breakStarted(sittingSeconds: sit.seconds), sit.end))
            rows.append(row(.breakTaken(lastedSeconds: minutes * 60, sittingSeconds: sit.seconds, evidence: BreakEvidence(source: "clock", quietSeconds: minutes * 60, confirmed: false)),
                            sit.end + minutes * 60))
        case .doneAfterward:
            rows.append(row(.breakTaken(lastedSeconds: 0, sittingSeconds: sit.seconds, evidence: BreakEvidence(source: "user", quietSeconds: 0, confirmed: true)), sit.end))
        case .natural(let minutes):
            rows.append(row(.wentAway(reason: .locked), sit.end))
            rows.append(
                row(
                    .naturalBreak(awaySeconds: Self.breakLength, reason: .locked, sittingSeconds: sit.seconds, evidence: BreakEvidence(source: "locked", quietSeconds: Self.breakLength, confirmed: false)),
                    sit.end + Self.breakLength))
            rows.append(row(.cameBack(awaySeconds: minutes * 60), sit.end + minutes * 60))
        case .stillSitting:
            // The sit so far, as the last reminder told it.
            rows.append(
                row(.reminded(Reminder(sittingSeconds: sit.seconds, level: 1, breakLength: Self.breakLength)), sit.end))
        }
        return rows
    }

    // MARK: What the plan says the statistics are

    func expected(for day: LocalDay) -> SitStats {
        var stats = SitStats()
        let dayStart = day.startLocalSeconds
        for sit in sits {
            stats.sittingSeconds +=
                sit.partialMinutes > 0
                ? (sit.day == day ? sit.seconds : 0)
                : max(0, min(sit.end, dayStart + 86_400) - max(sit.start, dayStart))
            let endDay = LocalDay(localSeconds: sit.end)
            if endDay == day {
                stats.longestSitSeconds = max(stats.longestSitSeconds, sit.seconds)
                if sit.endsWithBreak {
                    stats.sitsEnded += 1
                    stats.endedSitSeconds += sit.seconds
                }
                switch sit.ending {
                case .breakStarted:
                    stats.breaksTaken += 1
                    stats.breaksByEvidence["clock", default: 0] += 1
                case .doneAfterward:
                    stats.breaksTaken += 1
                    stats.breaksByEvidence["user", default: 0] += 1
                case .natural:
                    stats.naturalBreaks += 1
                    stats.breaksByEvidence["locked", default: 0] += 1
                case .stillSitting: break
                }
            }
            for (index, mark) in sit.reminderMarks.enumerated() where LocalDay(localSeconds: sit.clock(mark)) == day {
                stats.reminders += 1
                stats.skipped += index == 0 && sit.skipAtFirstReminder ? 1 : 0
                stats.snoozed += index < sit.snoozes ? 1 : 0
            }
            stats.reminders += endDay == day && sit.ending == .stillSitting ? 1 : 0
            stats.partialBreaks += sit.day == day && sit.partialMinutes > 0 ? 1 : 0
        }
        stats.routinesDone = routineDays.filter { $0 == day }.count
        return stats
    }

    /// Sitting in each hour of `day`, from the sits that were not interrupted.
    func expectedByHour(on day: LocalDay) -> [Seconds] {
        (0..<24).map { hour in
            let from = day.startLocalSeconds + Seconds(hour) * 3_600
            return sits.filter { $0.partialMinutes == 0 }
                .reduce(0) { $0 + max(0, min($1.end, from + 3_600) - max($1.start, from)) }
        }
    }
}
