import SitBreakModel

@testable import SitBreakHistory

/// The sitting model driven as the daemon drives it (a step per event, a timer at each
/// deadline), with every recorded fact appended to a history the way the daemon appends it.
struct ModelDesk {
    let settings: Settings
    var now: Moment
    var state: SittingState
    var records: [HistoryRecord] = []
    /// Each finished day's totals, as the model closed them (`day_ended`).
    var closedDays: [DayTotals] = []

    init(start: Moment, breakLength: Seconds) {
        settings = Settings(
            breaks: BreakRules(sitLimit: 45 * 60, length: breakLength, snooze: 10 * 60, repeatEvery: 5 * 60),
            activity: ActivitySettings(sources: [.manual]),
            notify: NotifySettings(via: .terminal, respectDoNotDisturb: true, sound: ""),
            schedule: Schedule(activeFrom: 0, activeUntil: 86_400, days: Set(Weekday.allCases)),
            coach: CoachSettings(place: .office, equipment: [], avoid: [], injured: false),
            history: HistorySettings(keep: 365 * 86_400))
        now = start
        state = SittingState.fresh(at: start)
        records.append(.daemonStarted(version: "test", at: start, bootID: "model"))
    }

    /// Today's totals as the model has them now.
    var today: DayTotals { SittingModel.settled(state, at: now, settings: settings).today }

    mutating func pass(minutes: Seconds) {
        let end = now.boot + minutes * 60
        while let deadline = SittingModel.nextDeadline(state, at: now, settings: settings), deadline <= end {
            now = now.advanced(by: deadline - now.boot)
            send(.timer)
        }
        now = now.advanced(by: end - now.boot)
    }

    mutating func send(_ event: SittingEvent) {
        let (next, effects) = SittingModel.step(state, event, at: now, settings: settings)
        state = next
        for case .record(let happening) in effects {
            if case .dayEnded(let totals) = happening { closedDays.append(totals) }
            records.append(HistoryRecord(happening, at: now, bootID: "model"))
        }
        // `manual`: no input source to ask, the clock decides.
        if effects.contains(.checkQuiet) { send(.quiet(.noInputSource)) }
    }

    mutating func command(_ command: UserCommand) { send(.command(command)) }

    /// No input for `minutes`; the source notices after 10 seconds, then input again.
    mutating func idle(minutes: Seconds) {
        let since = now.boot
        pass(minutes: 10.0 / 60)
        send(.idle(since: since))
        pass(minutes: minutes - 10.0 / 60)
        send(.input(at: now.boot))
    }
}
