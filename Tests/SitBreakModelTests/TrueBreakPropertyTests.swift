import SitBreakTestSupport
import Testing

@testable import SitBreakModel

/// Random working days on the virtual clock, with a source that behaves like X11's or
/// Mutter's: it reports an edge when idleness reaches the break length and at the first input
/// after that, and answers `checkQuiet` with the user's true last input. Whatever the user
/// does, no break is counted over a stretch of real input.
@Suite("Breaks that are true, over random days")
struct TrueBreakPropertyTests {
    static let sequences = 10_000

    /// The user's real input: spans of continuous typing, in order.
    struct Timeline {
        var activeSpans: [ClosedRange<Seconds>] = []

        /// Input strictly inside (start, end): a key at the very instant a break ends is the return.
        func hasInput(after start: Seconds, upTo end: Seconds) -> Bool {
            activeSpans.contains { $0.upperBound > start && $0.lowerBound < end }
        }
    }

    /// One random day, driven the way the daemon drives the model.
    struct Day {
        var desk: VirtualDesk
        var timeline = Timeline()
        var reportedIdle = false
        var recorded: [(at: Seconds, happening: Happening)] = []
        var doneTwiceCounted: [Int] = []
        let start: Seconds
        var length: Seconds { desk.settings.breaks.length }

        init() {
            desk = VirtualDesk(
                settings: .testing(sitLimit: 20 * minute, length: 3 * minute, snooze: 4 * minute, repeatEvery: 5 * minute),
                inputSource: "x11")
            start = desk.now.boot
            desk.lastInput = start
        }

        mutating func send(_ event: SittingEvent) {
            let before = desk.effects.count
            desk.send(event)
            note(desk.effects[before...])
        }

        mutating func note(_ effects: ArraySlice<Effect>) {
            for case .record(let happening) in effects { recorded.append((desk.now.boot, happening)) }
        }

        /// Time passes with the user doing nothing new: the model's deadlines and the source's
        /// idle edge fire on the way, in order.
        mutating func wait(until end: Seconds) {
            while true {
                let idleEdge = reportedIdle ? Seconds.infinity : desk.lastInput + length
                let deadline = SittingModel.nextDeadline(desk.state, at: desk.now, settings: desk.settings) ?? .infinity
                let next = min(idleEdge, deadline)
                guard next <= end else { break }
                desk.now = desk.now.advanced(by: max(0, next - desk.now.boot))
                if next == idleEdge {
                    reportedIdle = true
                    send(.idle(since: desk.lastInput))
                } else {
                    send(.timer)
                }
            }
            desk.now = desk.now.advanced(by: end - desk.now.boot)
        }

        /// The user types without a pause for `seconds`; the source reports the first key only
        /// if it had reported them idle.
        mutating func type(for seconds: Seconds) {
            let from = desk.now.boot
            timeline.activeSpans.append(from...(from + seconds))
            desk.lastInput = from
            if reportedIdle {
                reportedIdle = false
                send(.input(at: from))
            }
            // While typing, the last input is always now: each look the model takes sees a key.
            let end = from + seconds
            while let deadline = SittingModel.nextDeadline(desk.state, at: desk.now, settings: desk.settings),
                deadline <= end
            {
                let t = max(deadline, desk.now.boot)
                desk.now = desk.now.advanced(by: t - desk.now.boot)
                desk.lastInput = t
                send(.timer)
            }
            desk.now = desk.now.advanced(by: end - desk.now.boot)
            desk.lastInput = from + seconds
        }

        mutating func command(_ command: UserCommand) { send(.command(command)) }
    }

    @Test func noBreakIsCountedOverInputAndTimeAddsUp() {
        var generator = SplitMix64(seed: 0x5eed_b4ea)
        var breaksSeen = 0, naturalSeen = 0, abandonedSeen = 0
        for _ in 0..<Self.sequences {
            var day = Day()
            for _ in 0..<14 {
                switch Int.random(in: 0..<10, using: &generator) {
                case 0: day.command(.startBreak)
                case 1:
                    let breaks = day.desk.status.today.breaks
                    day.command(.done)
                    day.command(.done)
                    day.doneTwiceCounted.append(day.desk.status.today.breaks - breaks)
                case 2: day.command(.snooze(nil))
                case 3: day.command(.skip)
                default: break
                }
                if Bool.random(using: &generator) {
                    day.type(for: Seconds(Int.random(in: 1...900, using: &generator)))
                } else {
                    day.wait(until: day.desk.now.boot + Seconds(Int.random(in: 1...900, using: &generator)))
                }
            }
            let rules = day.desk.settings.breaks
            for (at, happening) in day.recorded {
                switch happening {
                case .breakTaken(_, _, let evidence) where !evidence.confirmed:
                    breaksSeen += 1
                    #expect(evidence.quietSeconds >= rules.length)
                    #expect(!day.timeline.hasInput(after: at - evidence.quietSeconds, upTo: at), "break at \(at)")
                case .naturalBreak(let away, _, let sitting, _):
                    naturalSeen += 1
                    #expect(sitting >= rules.minSit && sitting > 0)
                    #expect(!day.timeline.hasInput(after: at - away, upTo: at), "natural break at \(at)")
                case .breakAbandoned:
                    abandonedSeen += 1
                default: break
                }
            }
            // `done` twice in a row counts at most one break.
            #expect(day.doneTwiceCounted.allSatisfy { $0 <= 1 })
            // No second is counted twice: sitting, breaks and absences fit in the time that passed.
            let elapsed = day.desk.now.boot - day.start
            let status = day.desk.status
            let breakTime = day.recorded.reduce(0.0) { sum, entry in
                switch entry.happening {
                case .breakTaken(let lasted, _, _): sum + lasted
                case .naturalBreak(let away, _, _, _): sum + away
                default: sum
                }
            }
            #expect(status.today.sittingSeconds >= 0)
            #expect(status.today.sittingSeconds + breakTime <= elapsed + 1e-6)
        }
        // The days were varied enough to mean something.
        #expect(breaksSeen > 500 && naturalSeen > 500 && abandonedSeen > 100, "\(breaksSeen) \(naturalSeen) \(abandonedSeen)")
    }
}
