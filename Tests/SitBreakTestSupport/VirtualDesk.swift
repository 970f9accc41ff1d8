import SitBreakModel

/// A user at a desk on a virtual clock: drives the sitting model the way the daemon does
/// (step on every event, sleep until `nextDeadline`), without any real time passing.
public struct VirtualDesk: Sendable {
    public var settings: Settings
    public var now: Moment
    public var state: SittingState
    public var effects: [Effect] = []
    /// The input source the desk answers `checkQuiet` for, as the daemon's sources do; nil for
    /// `manual`, where the clock decides.
    public var inputSource: String?
    /// The last keyboard or mouse input, as that source would report it when asked.
    public var lastInput: Seconds
    /// A call on the desk's microphone, seen only when the model is about to decide something
    /// (`SittingModel.decides`), as the daemon reads `/proc`; nil: the desk reports calls
    /// itself with `.engaged`.
    public var callInProc: Bool?

    /// 2026-11-23 (a Monday) 09:00 local time in UTC+1; the machine booted an hour earlier.
    public static let mondayNineAM = Moment(
        boot: 3_600, wall: Seconds(LocalDay(year: 2026, month: 11, day: 23).startLocalSeconds) + 9 * 3_600 - 3_600,
        utcOffset: 3_600)

    public init(settings: Settings = .testing(), start: Moment = VirtualDesk.mondayNineAM, inputSource: String? = nil) {
        self.settings = settings
        self.now = start
        self.state = SittingState.fresh(at: start)
        self.inputSource = inputSource
        self.lastInput = start.boot
    }

    public var status: SittingStatus { SittingModel.status(state, at: now, settings: settings) }
    public var sitting: Seconds { status.sittingSeconds }

    public var reminders: [Reminder] {
        effects.compactMap { if case .remind(let reminder) = $0 { return reminder } else { return nil } }
    }

    public var happenings: [Happening] {
        effects.compactMap { if case .record(let happening) = $0 { return happening } else { return nil } }
    }

    public var refusals: [String] {
        effects.compactMap { if case .refuse(let why) = $0 { return why } else { return nil } }
    }

    /// Lets time pass, firing every timer the model asks for on the way.
    public mutating func pass(_ seconds: Seconds) {
        let end = now.boot + seconds
        while let deadline = SittingModel.nextDeadline(state, at: now, settings: settings), deadline <= end {
            precondition(deadline >= now.boot, "the model asked for a wake-up in the past")
            now = now.advanced(by: deadline - now.boot)
            send(.timer)
        }
        now = now.advanced(by: end - now.boot)
    }

    public mutating func send(_ event: SittingEvent) {
        if case .input(let at) = event { lastInput = max(lastInput, at) }
        if let callInProc, SittingModel.decides(state, event, at: now, settings: settings),
            state.engaged.contains(.call) != callInProc
        {
            var engaged = state.engaged
            if callInProc { engaged.insert(.call) } else { engaged.remove(.call) }
            send(.engaged(engaged))
        }
        let result = SittingModel.step(state, event, at: now, settings: settings)
        state = result.state
        effects += result.effects
        // The sources answer at once, as a polling source or a quick bus reply does.
        if result.effects.contains(.checkQuiet) { send(.quiet(quietReading)) }
    }

    public var quietReading: QuietReading {
        guard let inputSource else { return .noInputSource }
        return .lastInput(at: lastInput, source: inputSource)
    }

    /// The user touches the keyboard now; the source reports it only when asked, as an edge
    /// source does while the user has not been idle for the break length.
    public mutating func typeUnreported() { lastInput = now.boot }

    public mutating func command(_ command: UserCommand) { send(.command(command)) }

    /// The user stops touching anything; the source notices once idle reaches `noticeAfter`.
    public mutating func goIdle(for seconds: Seconds, noticeAfter: Seconds = 5) {
        let since = now.boot
        pass(min(noticeAfter, seconds))
        send(.idle(since: since))
        pass(seconds - min(noticeAfter, seconds))
        send(.input(at: now.boot))
    }

    /// The machine sleeps: no timers fire; on wake the clocks show the jump.
    public mutating func suspend(for seconds: Seconds) {
        let from = now.boot
        now.boot += seconds
        now.wall += seconds
        send(.slept(from: from, until: now.boot))
    }

    /// Someone sets the wall clock; the boot clock does not move.
    public mutating func jumpWallClock(by seconds: Seconds) {
        now.wall += seconds
        send(.timer)
    }

    public mutating func clearEffects() { effects.removeAll() }
}

extension Settings {
    public static func testing(
        sitLimit: Seconds = 45 * 60, length: Seconds = 3 * 60, snooze: Seconds = 10 * 60,
        repeatEvery: Seconds = 5 * 60,
        schedule: Schedule = Schedule(activeFrom: 0, activeUntil: 86_400, days: Set(Weekday.allCases))
    ) -> Settings {
        Settings(
            breaks: BreakRules(sitLimit: sitLimit, length: length, snooze: snooze, repeatEvery: repeatEvery),
            activity: ActivitySettings(sources: [.manual]),
            notify: NotifySettings(via: .terminal, respectDoNotDisturb: true, sound: ""),
            schedule: schedule,
            coach: CoachSettings(place: .office, equipment: [], avoid: [], injured: false),
            history: HistorySettings(keep: 365 * 86_400))
    }
}

public let minute: Seconds = 60
public let hour: Seconds = 3_600
