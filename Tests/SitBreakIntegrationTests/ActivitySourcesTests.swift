import CSystemd
import SitBreakDesktop
import SitBreakEventLoop
import SitBreakModel
import Testing

@testable import sitbreakd

/// The choice among activity sources kept current: fallback when one leaves, return when it
/// comes back, only the sources in use heard, logind added to `auto` for locks and sleep.
struct ActivitySourcesTests {
    /// A source whose availability the test sets, recording what it was told.
    final class FakeSource: ActivitySource {
        let kind: ActivitySourceKind
        let outlet = ActivityOutlet()
        var unavailableReason: String?
        var nextLook: Seconds?
        var pending: [SittingEvent] = []
        /// What the source answers when asked for its last input; nil: it cannot say.
        var lastInputSeen: Seconds?
        private(set) var calls: [String] = []

        init(_ kind: ActivitySourceKind, unavailable: String? = nil) {
            self.kind = kind
            unavailableReason = unavailable
        }

        func look(at now: Moment) -> [SittingEvent] {
            calls.append("look")
            defer { pending = [] }
            return pending
        }

        func start(at now: Moment) { calls.append("start") }
        func stop() { calls.append("stop") }
        func reportNextInput() { calls.append("reportNextInput") }
        func lastInput(at now: Moment, reply: @escaping (Seconds?) -> Void) { reply(lastInputSeen) }

        func setAvailable(_ available: Bool) {
            unavailableReason = available ? nil : "\(kind.rawValue) left"
            outlet.availabilityChanged()
        }
    }

    final class Recorder {
        var delivered: [SittingEvent] = []
        var changes: [[ActivitySourceKind]] = []
    }

    private let now = Moment(boot: 100, wall: 1_000_000)

    private func sources(
        _ fakes: [FakeSource], requested: [ActivitySourceKind] = [.auto], loop: EventLoop, recorder: Recorder
    ) -> ActivitySources {
        let hooks = ActivityHooks(
            deliver: { recorder.delivered.append($0) },
            sourcesChanged: { recorder.changes.append($0) },
            beforeSleep: {})
        return ActivitySources(
            requested: requested, environment: DesktopEnvironment(["DISPLAY": ":0"]), desktopPresence: { "DISPLAY=:0" },
            candidates: fakes, outlets: fakes.map(\.outlet),
            screenLocks: nil, loop: loop, hooks: hooks, at: now)
    }

    /// Runs the loop until the deferred reconsideration has announced a change (its timer is
    /// due at once: a few iterations at most).
    private func settle(_ loop: EventLoop, _ recorder: Recorder) {
        let before = recorder.changes.count
        for _ in 0..<20 where recorder.changes.count == before {
            #expect(sd_event_run(loop.rawPointer, 50_000) >= 0)
        }
        #expect(recorder.changes.count == before + 1)
    }

    @Test func autoTakesTheBestInputSourceAndLogind() throws {
        let loop = try EventLoop()
        let recorder = Recorder()
        let gnome = FakeSource(.gnome), x11 = FakeSource(.x11), logind = FakeSource(.logind)
        let set = sources([gnome, x11, logind], loop: loop, recorder: recorder)
        #expect(set.inUse == [.gnome, .logind])
        #expect(gnome.calls == ["start"])
        #expect(x11.calls.isEmpty)
        #expect(set.problems.isEmpty)
    }

    @Test func fallsBackWhenTheSourceLeavesAndReturnsWhenItComesBack() throws {
        let loop = try EventLoop()
        let recorder = Recorder()
        let gnome = FakeSource(.gnome), x11 = FakeSource(.x11), logind = FakeSource(.logind)
        let set = sources([gnome, x11, logind], loop: loop, recorder: recorder)

        gnome.setAvailable(false)
        #expect(set.inUse == [.gnome, .logind], "the choice is made from the loop, not inside the source's call")
        settle(loop, recorder)
        #expect(set.inUse == [.x11, .logind])
        #expect(recorder.changes == [[.gnome, .logind]])
        #expect(gnome.calls == ["start", "stop"])
        #expect(x11.calls == ["start"])
        #expect(set.problems == ["gnome: gnome left; using x11, logind until it returns"])

        gnome.setAvailable(true)
        settle(loop, recorder)
        #expect(set.inUse == [.gnome, .logind])
        #expect(x11.calls == ["start", "stop"])
        #expect(set.problems.isEmpty)
    }

    @Test func onlyTheSourcesInUseAreHeard() throws {
        let loop = try EventLoop()
        let recorder = Recorder()
        let gnome = FakeSource(.gnome), x11 = FakeSource(.x11), logind = FakeSource(.logind)
        let set = sources([gnome, x11, logind], loop: loop, recorder: recorder)
        x11.outlet.report(.input(at: 90), .input(.x11))
        gnome.outlet.report(.input(at: 95), .input(.gnome))
        // logind's idle hint is not heard beside an input source.
        logind.outlet.report(.idle(since: 50), .input(.logind))
        logind.outlet.report(.locked(since: 96), .lock("org.freedesktop.login1"))
        gnome.outlet.report(.input(at: 97), .input(.gnome))
        #expect(recorder.delivered == [.input(at: 95), .locked(since: 96)])
        // A lock asks the sources in use for the next input, which would end a lock request.
        #expect(gnome.calls == ["start", "reportNextInput"])
        #expect(logind.calls == ["start", "reportNextInput"])
        #expect(x11.calls.isEmpty)

        x11.nextLook = 100
        x11.pending = [.idle(since: 10)]
        #expect(set.look(at: now, within: 1).isEmpty)
        #expect(x11.calls == ["look"])
    }

    @Test func pollingSourcesInUseAreLookedAtWhenDue() throws {
        let loop = try EventLoop()
        let recorder = Recorder()
        let x11 = FakeSource(.x11)
        let set = sources([x11], requested: [.x11], loop: loop, recorder: recorder)
        x11.nextLook = 100.5
        x11.pending = [.idle(since: 40)]
        #expect(set.nextLook == 100.5)
        #expect(set.look(at: now, within: 0.1).isEmpty)
        #expect(set.look(at: now, within: 1) == [.idle(since: 40)])
    }

    @Test func logindAloneIsTheInputSource() throws {
        let loop = try EventLoop()
        let recorder = Recorder()
        let logind = FakeSource(.logind)
        let set = sources([logind], requested: [.logind], loop: loop, recorder: recorder)
        logind.outlet.report(.idle(since: 50), .input(.logind))
        #expect(set.inUse == [.logind])
        #expect(recorder.delivered == [.idle(since: 50)])
    }

    @Test func requestedSourcesThatCannotWorkAreProblemsAndManualStandsIn() throws {
        let loop = try EventLoop()
        let recorder = Recorder()
        let x11 = FakeSource(.x11, unavailable: "no DISPLAY")
        let wayland = FakeSource(.wayland, unavailable: "no WAYLAND_DISPLAY")
        let set = sources([x11, wayland], requested: [.x11, .wayland], loop: loop, recorder: recorder)
        #expect(set.inUse == [.manual])
        #expect(set.problems == [
            "x11: no DISPLAY", "wayland: no WAYLAND_DISPLAY",
            "none of the configured sources works here; using manual until one does",
        ])
    }

    private func reading(of set: ActivitySources) -> QuietReading? {
        var answer: QuietReading?
        set.readQuiet(at: now) { answer = $0 }
        return answer
    }

    /// A break is judged on the input sources' own last input: the most recent of them wins,
    /// logind beside an input source is not asked, and one that cannot say leaves it unknown.
    @Test func aBreakIsJudgedOnTheLatestInputOfTheSourcesInUse() throws {
        let loop = try EventLoop()
        let recorder = Recorder()
        let x11 = FakeSource(.x11), tty = FakeSource(.tty), logind = FakeSource(.logind)
        let set = sources([x11, tty, logind], requested: [.x11, .tty, .logind], loop: loop, recorder: recorder)
        x11.lastInputSeen = 80
        tty.lastInputSeen = 95
        logind.lastInputSeen = 99
        #expect(reading(of: set) == .lastInput(at: 95, source: "tty"))
        #expect(set.inputNames == "x11,tty")
        tty.lastInputSeen = nil
        #expect(reading(of: set) == .unknown)
    }

    @Test func withoutAnInputSourceTheClockDecides() throws {
        let loop = try EventLoop()
        let recorder = Recorder()
        let set = sources([FakeSource(.manual)], requested: [.manual], loop: loop, recorder: recorder)
        #expect(reading(of: set) == .noInputSource)
        #expect(set.inputNames == "")
    }
}
