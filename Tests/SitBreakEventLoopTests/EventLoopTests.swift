import Glibc
import Testing

@testable import SitBreakEventLoop

/// Real sd-event loops on real clocks and fds: adapter tests, each well under a second.
@Suite struct EventLoopTests {
    @Test func monotonicTimerFiresAndItsCallbackEndsTheLoop() throws {
        let loop = try EventLoop()
        let start = loop.now(.monotonic)
        let timer = try loop.addTimer(clock: .monotonic, at: start + 0.05, accuracy: 0.001) {
            loop.exit(code: 7)
        }
        let code = try loop.run()
        #expect(code == 7)
        #expect(loop.now(.monotonic) - start >= 0.05)
        #expect(loop.wakeUps >= 1)
        withExtendedLifetime(timer) {}
    }

    @Test func cancelledTimerStaysQuietAndRescheduledTimerFiresAgain() throws {
        let loop = try EventLoop()
        let start = loop.now(.monotonic)
        var fired: [String] = []
        let cancelled = try loop.addTimer(clock: .boottime, at: start + 0.01, accuracy: 0.001) {
            fired.append("cancelled")
        }
        cancelled.cancel()
        var rounds = 0
        var repeating: TimerHandle?
        repeating = try loop.addTimer(clock: .monotonic, at: start + 0.01, accuracy: 0.001) {
            rounds += 1
            fired.append("round \(rounds)")
            if rounds == 3 {
                loop.exit(code: 0)
            } else {
                repeating?.reschedule(at: loop.now(.monotonic) + 0.01)
            }
        }
        let stop = try loop.addTimer(clock: .monotonic, at: start + 0.5, accuracy: 0.001) {
            loop.exit(code: 1)
        }
        #expect(try loop.run() == 0)
        #expect(fired == ["round 1", "round 2", "round 3"])
        #expect(loop.wakeUps >= 3)
        withExtendedLifetime((cancelled, stop)) {}
    }

    @Test func releasingAHandleRemovesItsSource() throws {
        let loop = try EventLoop()
        let start = loop.now(.monotonic)
        _ = try loop.addTimer(clock: .monotonic, at: start, accuracy: 0.001) { loop.exit(code: 1) }
        let later = try loop.addTimer(clock: .monotonic, at: start + 0.02, accuracy: 0.001) {
            loop.exit(code: 0)
        }
        #expect(try loop.run() == 0)
        withExtendedLifetime(later) {}
    }

    @Test func readablePipeDispatchesAndEventsCanChange() throws {
        let loop = try EventLoop()
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { for fd in ends { close(fd) } }
        var seen: Set<String> = []
        let reader = try loop.addIO(fd: ends[0]) { events in
            var byte: UInt8 = 0
            _ = read(ends[0], &byte, 1)
            seen.insert("read \(Character(UnicodeScalar(byte))) \(events.contains(.readable))")
            if seen.count == 2 { loop.exit(code: 0) }
        }
        var writer: IOHandle?
        writer = try loop.addIO(fd: ends[1], events: []) { events in
            seen.insert("writable \(events.contains(.writable))")
            // A pipe stays writable: stop asking, or this would fire on every iteration.
            #expect(throws: Never.self) { try writer?.setEvents([]) }
            if seen.count == 2 { loop.exit(code: 0) }
        }
        try writer?.setEvents(.writable)
        let watchdog = try loop.addTimer(clock: .monotonic, at: loop.now(.monotonic) + 0.5, accuracy: 0.001) {
            loop.exit(code: 1)
        }
        _ = "x".withCString { write(ends[1], $0, 1) }
        #expect(try loop.run() == 0)
        #expect(seen == ["read x true", "writable true"])
        withExtendedLifetime((reader, writer, watchdog)) {}
    }

    @Test func blockedSignalRaisedOnThisThreadIsDelivered() throws {
        EventLoop.blockSignals([SIGHUP])
        defer {
            var set = sigset_t()
            sigemptyset(&set)
            sigaddset(&set, SIGHUP)
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
        }
        let loop = try EventLoop()
        var hangUps = 0
        let handle = try loop.onSignal(SIGHUP) {
            hangUps += 1
            loop.exit(code: 0)
        }
        let watchdog = try loop.addTimer(clock: .monotonic, at: loop.now(.monotonic) + 0.5, accuracy: 0.001) {
            loop.exit(code: 1)
        }
        raise(SIGHUP)
        #expect(try loop.run() == 0)
        #expect(hangUps == 1)
        withExtendedLifetime((handle, watchdog)) {}
    }

    @Test(.enabled(if: getenv("WATCHDOG_USEC") == nil, "runs under a service watchdog"))
    func watchdogStaysOffWithoutAServiceManagerAskingForIt() throws {
        let loop = try EventLoop()
        #expect(try loop.enableWatchdog() == false)
    }
}
