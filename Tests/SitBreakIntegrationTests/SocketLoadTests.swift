import Foundation
import Testing

/// The control socket while hundreds of clients crowd it and some abuse it: one well-behaved
/// client keeps timing `status` round trips, and the daemon's memory is read before and after.
@Suite("Control socket under load", .serialized, .timeLimit(.minutes(3)))
struct SocketLoadTests {
    /// How long each round of abuse lasts; `SITBREAK_LOAD_SECONDS` makes the long run longer.
    static let roundSeconds = Double(ProcessInfo.processInfo.environment["SITBREAK_LOAD_SECONDS"] ?? "") ?? 4

    /// Counts what the abusive clients got, from many threads.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func add(_ name: String, _ count: Int = 1) { lock.withLock { counts[name, default: 0] += count } }
        subscript(name: String) -> Int { lock.withLock { counts[name, default: 0] } }
        var summary: String { lock.withLock { counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") } }
    }

    struct Round {
        var latencies: [Double]
        var failures: Int
        var tally: Tally
        var peakKiB: Int
    }

    @Test func wellBehavedClientsStayFastAndMemoryStaysBoundedUnderAbuse() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let daemon = try FileLoggedDaemon(harness)
        let pid = daemon.pid
        let path = harness.socketPath
        let before = try #require(ProcessMemory.kibibytes(of: pid))

        let first = Self.abuse(path, daemon: pid)
        let afterFirst = try #require(ProcessMemory.kibibytes(of: pid))
        let second = Self.abuse(path, daemon: pid)
        let afterSecond = try #require(ProcessMemory.kibibytes(of: pid))

        let latencies = first.latencies + second.latencies
        let (p50, p95, worst) = (latencies.percentile(0.5), latencies.percentile(0.95), latencies.max() ?? .nan)
        print("""
            socket load: \(latencies.count) timed status round trips: p50 \(Self.ms(p50)), \
            p95 \(Self.ms(p95)), max \(Self.ms(worst)); unanswered \(first.failures + second.failures)
            socket load: abuse per round: \(first.tally.summary) | \(second.tally.summary)
            socket load: VmRSS \(before) KiB at start, \(afterFirst) after round 1 (peak \(first.peakKiB)), \
            \(afterSecond) after round 2 (peak \(second.peakKiB))
            """)

        #expect(first.failures + second.failures == 0, "well-behaved requests went unanswered")
        #expect(latencies.count > 100, "too few round trips to judge")
        // Here some 230 abusing clients share two cores with the daemon, the timing client and
        // whatever else the machine runs, so the median says how the scheduler shared them (it
        // read 50.7 ms beside `yes` and a second test run): it is printed, not judged. That the
        // daemon serves every client its turn is counted, not timed, in ControlServerTests
        // (aPipeliningClientWaitsItsTurnBesideALoneRequest); the test holds the lines where a
        // client would be starved (p95 read 50 to 180 ms).
        #expect(p95 < 0.25, "p95 round trip \(Self.ms(p95))")
        #expect(worst < 1, "a well-behaved client waited \(Self.ms(worst))")
        for outcome in [first, second] {
            #expect(outcome.tally["wave clients"] >= 200)
            #expect(outcome.tally["wave replies"] == outcome.tally["wave clients"], "clients of a wave of 200 got no reply")
            #expect(outcome.tally["oversized refused"] > 0, "no 10 MB line was refused: \(outcome.tally.summary)")
            #expect(outcome.tally["garbage answered"] > 0, "garbage got no error reply: \(outcome.tally.summary)")
            #expect(outcome.tally["non-reader dropped"] > 0 && outcome.tally["non-reader kept"] == 0, "a client that never reads was kept: \(outcome.tally.summary)")
        }
        // Buffers are bounded per client (64 KiB and a read in, 64 KiB and a reply out, 1 MiB
        // for a subscriber) and freed with it: a second round of the same abuse must not leave
        // the daemon bigger than the first did.
        #expect(afterSecond <= afterFirst + 2_048, "VmRSS grew from \(afterFirst) to \(afterSecond) KiB over a repeated round")
        #expect(afterSecond <= before + 16_384, "VmRSS grew from \(before) to \(afterSecond) KiB")
        let peak = max(first.peakKiB, second.peakKiB)
        #expect(peak <= before + 64 * 1_024, "peak VmRSS \(peak) KiB")
        #expect(harness.ctl("status").status == 0)
        daemon.stop()
        #expect(daemon.process.terminationStatus == 0, "\(daemon.log.suffix(500))")
    }

    /// A client may pipeline requests and never read: the daemon stops reading from it once
    /// 64 KiB of replies wait and closes it at the 30 s idle timeout. Its requests must not
    /// hold the loop while others wait.
    @Test func aClientThatPipelinesAndNeverReadsDoesNotStallOthers() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let daemon = try FileLoggedDaemon(harness)
        let path = harness.socketPath
        let tally = Tally()
        let done = StopFlag()
        Thread {
            Self.neverReads(path, tally)
            done.set()
        }.start()
        var latencies: [Double] = []
        while !done.isSet {
            latencies.append(SocketClient.timedStatus(at: path) ?? .infinity)
        }
        daemon.stop()
        print("pipelining non-reader: \(latencies.count) round trips beside it, max \(Self.ms(latencies.max() ?? .nan))")
        #expect(tally["non-reader dropped"] == 1, "\(tally.summary)")
        #expect((latencies.max() ?? 0) < 0.05, "a status round trip took \(Self.ms(latencies.max() ?? 0)) beside the non-reader")
    }

    /// 200 clients at once, wave after wave: each client has closed before the next wave
    /// connects, so the daemon never serves more than 200 and must answer every one.
    @Test func wavesOf200ClientsAreAllAnswered() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let daemon = try FileLoggedDaemon(harness)
        let tally = Tally()
        for _ in 0..<10 { Self.waveOf200(harness.socketPath, tally) }
        // A wave may connect before the daemon has read the previous one's hang-ups: then
        // those clients, answered and gone, make room.
        daemon.stop()
        let evictions = daemon.log.components(separatedBy: "silent longest").count - 1
        print("waves of 200: \(tally.summary); evictions \(evictions)")
        #expect(tally["wave clients"] == 2_000, "\(tally.summary)")
        #expect(tally["wave replies"] == 2_000, "\(tally.summary)")
    }

    /// Half a request and then silence, from as many clients as the daemon takes: the user's
    /// own `sitbreakctl` must still get through, not wait out the 30 s idle timeout.
    @Test func stalledClientsFillingTheLimitDoNotLockOutTheNextOne() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let daemon = try FileLoggedDaemon(harness)
        let stalled = (0..<256).compactMap { _ in SocketClient(path: harness.socketPath) }
        defer { stalled.forEach { $0.close() } }
        for client in stalled { client.send("{\"command\":") }
        #expect(stalled.count == 256)
        let took = SocketClient.timedStatus(at: harness.socketPath, timeout: 2)
        #expect(took != nil, "refused while 256 stalled clients hold every place: \(daemon.log.suffix(200))")
        daemon.stop()  // closes are logged a loop iteration later: the whole log is there now
        #expect(daemon.log.contains("silent longest"), "no stalled client was evicted: \(daemon.log.suffix(300))")
    }

    /// Processes of the user that connect and close again as fast as they can, never sending
    /// a byte (a broken status bar in a loop, a port scanner): the user's own request still
    /// gets its answer within 100 ms at the 95th percentile.
    @Test func aConnectAndCloseFloodLeavesRoomForTheUsersRequest() throws {
        let harness = try DaemonHarness(config: Self.quietConfig)
        let daemon = try FileLoggedDaemon(harness)
        let path = harness.socketPath
        let stop = StopFlag()
        let tally = Tally()
        let group = DispatchGroup()
        for _ in 0..<4 {
            group.enter()
            Thread {
                while !stop.isSet {
                    guard let client = SocketClient(path: path) else { continue }
                    client.close()
                    tally.add("flood connections")
                }
                group.leave()
            }.start()
        }
        var latencies: [Double] = []
        var failures = 0
        let end = Date().addingTimeInterval(Self.roundSeconds)
        while Date() < end {
            if let took = SocketClient.timedStatus(at: path) { latencies.append(took) } else { failures += 1 }
            usleep(5_000)
        }
        stop.set()
        group.wait()
        let (p50, p95, worst) = (latencies.percentile(0.5), latencies.percentile(0.95), latencies.max() ?? .nan)
        print(
            "connect-and-close flood: \(tally["flood connections"]) connections in \(Self.roundSeconds) s; "
                + "\(latencies.count) timed status round trips: p50 \(Self.ms(p50)), p95 \(Self.ms(p95)), "
                + "max \(Self.ms(worst)); unanswered \(failures)")
        #expect(failures == 0)
        #expect(latencies.count > 50, "too few round trips to judge")
        #expect(p95 < 0.1, "p95 round trip \(Self.ms(p95))")
        #expect(harness.ctl("status").status == 0)
        daemon.stop()
        #expect(daemon.process.terminationStatus == 0)
    }

    /// Sitting limit far away: nothing but the clients makes the daemon work.
    static let quietConfig = quickConfig.replacingOccurrences(of: "\"5s\"", with: "\"1h\"")

    static func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }

    /// One round: waves of 200 clients, garbage, 10 MB lines, stalled half lines, clients that
    /// never read and silent `watch` subscribers, while this thread times status round trips.
    static func abuse(_ path: String, daemon pid: Int32) -> Round {
        let stop = StopFlag()
        let tally = Tally()
        let group = DispatchGroup()
        func background(_ work: @escaping @Sendable () -> Void) {
            group.enter()
            // A thread each, and one pass at least: the global queue runs only as many blocks as
            // there are CPUs, so on a two-CPU runner the abusers queued behind the endless waves
            // started only once the round was over, and never abused anything.
            Thread {
                repeat { work() } while !stop.isSet
                group.leave()
            }.start()
        }

        let stalled = (0..<20).compactMap { _ in SocketClient(path: path) }
        for client in stalled { client.send("{\"command\":") }
        let watchers = (0..<2).compactMap { _ in SocketClient(path: path) }
        for watcher in watchers { watcher.send("{\"command\":\"watch\"}\n") }

        background { waveOf200(path, tally) }
        background { garbage(path, tally) }
        background { tenMegabyteLine(path, tally) }
        for _ in 0..<2 { background { neverReads(path, tally) } }

        var latencies: [Double] = []
        var failures = 0
        var peak = 0
        let end = Date().addingTimeInterval(roundSeconds)
        while Date() < end {
            if let took = SocketClient.timedStatus(at: path) { latencies.append(took) } else { failures += 1 }
            peak = max(peak, ProcessMemory.kibibytes(of: pid) ?? 0)
            usleep(5_000)
        }
        stop.set()
        group.wait()
        (stalled + watchers).forEach { $0.close() }
        // The daemon has taken every close once it answers again.
        _ = SocketClient.timedStatus(at: path)
        return Round(latencies: latencies, failures: failures, tally: tally, peakKiB: peak)
    }

    /// 200 clients connect, then each asks for the status, then each reads its reply.
    static func waveOf200(_ path: String, _ tally: Tally) {
        let clients = (0..<200).compactMap { _ in SocketClient(path: path) }
        defer { clients.forEach { $0.close() } }
        tally.add("wave clients", clients.count)
        for client in clients { client.send("{\"command\":\"status\"}\n") }
        for client in clients where client.readLine(timeout: 5)?.hasPrefix("{\"ok\":true") == true {
            tally.add("wave replies")
        }
    }

    static func garbage(_ path: String, _ tally: Tally) {
        guard let client = SocketClient(path: path) else { return }
        defer { client.close() }
        var bytes = (0..<Int.random(in: 1...4_096)).map { _ in UInt8.random(in: 0...255) }
        bytes.removeAll { $0 == UInt8(ascii: "\n") }
        bytes.append(UInt8(ascii: "\n"))
        client.send(bytes)
        if client.readLine(timeout: 2)?.contains("\"ok\":false") == true { tally.add("garbage answered") }
    }

    static func tenMegabyteLine(_ path: String, _ tally: Tally) {
        guard let client = SocketClient(path: path) else { return }
        defer { client.close() }
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1_024)
        var sent = 0
        while sent < 10 * 1_024 * 1_024, client.send(chunk) { sent += chunk.count }
        if sent < 10 * 1_024 * 1_024 { tally.add("oversized refused") }
        if client.readLine(timeout: 1)?.contains("64 KiB") == true { tally.add("oversized told") }
    }

    /// Pipelines status requests and never reads a reply: the daemon must stop taking its
    /// requests and close it once it makes no progress, rather than buffer without end.
    static func neverReads(_ path: String, _ tally: Tally) {
        guard let client = SocketClient(path: path) else { return }
        defer { client.close() }
        let requests = Array(String(repeating: "{\"command\":\"status\"}\n", count: 1_000).utf8)
        for _ in 0..<100 {
            guard client.send(requests) else {
                tally.add("non-reader dropped")
                return
            }
        }
        tally.add("non-reader kept")
    }
}
