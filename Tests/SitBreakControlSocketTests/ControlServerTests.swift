import Glibc
import SitBreakEventLoop
import Testing

@testable import SitBreakControlSocket

// Real sockets in a temporary directory, driven by a real event loop. Each test ends the
// loop from a callback once it saw what it waits for; `run` fails it after one second.

@Suite struct ControlServerTests {
    @Test func requestGetsItsReply() throws {
        let setup = try ServerSetup()
        defer { setup.tearDown() }
        setup.server.onLine = { id, line in setup.server.send("echo \(line)", to: id) }
        let client = try setup.connect()
        client.write("status\n")
        client.watch(on: setup.loop) { if $0.lines == ["echo status"] { setup.loop.exit(code: 0) } }
        #expect(try setup.run() == 0)
        #expect(setup.server.clientCount == 1)
    }

    @Test func manyLinesInOneWriteArriveInOrder() throws {
        let setup = try ServerSetup()
        defer { setup.tearDown() }
        var lines: [String] = []
        setup.server.onLine = { _, line in
            lines.append(line)
            if lines.count == 3 { setup.loop.exit(code: 0) }
        }
        let client = try setup.connect()
        client.write("pause 10m\nstatus\r\nresume\n")
        #expect(try setup.run() == 0)
        #expect(lines == ["pause 10m", "status", "resume"])
    }

    @Test func lineSplitOverSeveralWritesArrivesWhole() throws {
        let setup = try ServerSetup()
        defer { setup.tearDown() }
        var lines: [String] = []
        setup.server.onLine = { _, line in
            lines.append(line)
            setup.loop.exit(code: 0)
        }
        let client = try setup.connect()
        client.write("sta")
        let start = setup.loop.now(.monotonic)
        let second = try setup.loop.addTimer(clock: .monotonic, at: start + 0.02, accuracy: 0.001) {
            client.write("tus")
        }
        let third = try setup.loop.addTimer(clock: .monotonic, at: start + 0.04, accuracy: 0.001) {
            #expect(lines.isEmpty)
            client.write("\n")
        }
        #expect(try setup.run() == 0)
        #expect(lines == ["status"])
        withExtendedLifetime((second, third)) {}
    }

    @Test func oversizedLineGetsTheCallbackThenTheClientIsClosed() throws {
        let setup = try ServerSetup()
        defer { setup.tearDown() }
        var lines: [String] = []
        setup.server.onLine = { _, line in lines.append(line) }
        setup.server.onOversizedLine = { id in
            setup.server.send("error: line too long", to: id)
        }
        var closes: [ControlServer.CloseReason] = []
        let client = try setup.connect()
        func finishWhenBothSeen() { if client.sawEOF && !closes.isEmpty { setup.loop.exit(code: 0) } }
        setup.server.onClosed = { _, reason in
            closes.append(reason)
            finishWhenBothSeen()
        }
        client.write("status\n" + String(repeating: "x", count: 64 * 1024 + 1))
        client.watch(on: setup.loop) { _ in finishWhenBothSeen() }
        #expect(try setup.run() == 0)
        #expect(lines == ["status"])
        #expect(client.lines == ["error: line too long"])
        #expect(closes == [.oversizedLine])
        #expect(setup.server.clientCount == 0)
    }

    @Test func peerOfAnotherUIDIsRefusedEvenWhenItIsRoot() throws {
        let setup = try ServerSetup(owner: getuid() &+ 1)
        defer { setup.tearDown() }
        var refusals: [ControlServer.Refusal] = []
        setup.server.onRefused = { refusals.append($0) }
        setup.server.refusalLine = { peer in "only uid \(getuid() &+ 1), not \(peer.uid)" }
        setup.server.onLine = { _, _ in Issue.record("a refused peer was heard") }
        let client = try setup.connect()
        client.write("status\n")
        client.watch(on: setup.loop) { if $0.sawEOF { setup.loop.exit(code: 0) } }
        #expect(try setup.run() == 0)
        let me = PeerCredentials(pid: getpid(), uid: getuid(), gid: getgid())
        #expect(refusals == [.foreignUser(me)])
        #expect(client.lines == ["only uid \(getuid() &+ 1), not \(getuid())"])
        #expect(setup.server.clientCount == 0)
    }

    @Test(.enabled(if: getuid() == 0, "needs root to run a peer as another user"))
    func processRunningAsNobodyIsRefused() throws {
        let setup = try ServerSetup()
        defer { setup.tearDown() }
        // Let uid 65534 reach the socket, so that the server and not the file mode refuses it.
        chmod(setup.directory.path, 0o711)
        chmod(setup.directory.path + "/sitbreak", 0o711)
        chmod(setup.path, 0o666)
        var refusals: [ControlServer.Refusal] = []
        setup.server.onRefused = {
            refusals.append($0)
            setup.loop.exit(code: 0)
        }
        // The child runs only async-signal-safe C calls: the parent has other threads.
        let child = try UnixSocket.withAddress(of: setup.path) { address, length in
            let pid = fork()
            guard pid == 0 else { return pid }
            guard setgroups(0, nil) == 0, setgid(65534) == 0, setuid(65534) == 0 else { _exit(2) }
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard connect(fd, address, length) == 0 else { _exit(3) }
            var byte: UInt8 = 0
            _exit(read(fd, &byte, 1) == 0 ? 0 : 4)
        }
        #expect(child > 0)
        #expect(try setup.run() == 0)
        var status: Int32 = 0
        waitpid(child, &status, 0)
        #expect(status == 0, "child exit status \(status >> 8): 0 means it saw the server hang up")
        #expect(refusals == [.foreignUser(PeerCredentials(pid: child, uid: 65534, gid: 65534))])
    }

    @Test func clientThatNeverReadsIsDroppedWhileOthersAreServed() throws {
        let setup = try ServerSetup()
        defer { setup.tearDown() }
        var watcher: ClientID?
        var closes: [(ClientID, ControlServer.CloseReason)] = []
        let reader = try setup.connect()
        func finishWhenBothSeen() {
            if !closes.isEmpty && reader.lines == ["pong"] { setup.loop.exit(code: 0) }
        }
        setup.server.onLine = { id, line in
            switch line {
            case "watch":
                watcher = id
                setup.server.subscribe(id)
                // 1.25 MiB: more than the socket buffer and the 1 MiB output cap together.
                for _ in 0..<20 { setup.server.broadcast(String(repeating: "w", count: 64 * 1024)) }
            default:
                setup.server.send("pong", to: id)
            }
        }
        setup.server.onClosed = { id, reason in
            closes.append((id, reason))
            finishWhenBothSeen()
        }
        let stalled = try setup.connect()
        stalled.write("watch\n")
        reader.write("ping\n")
        reader.watch(on: setup.loop) { _ in finishWhenBothSeen() }
        #expect(try setup.run() == 0)
        #expect(closes.map(\.0) == [watcher].compactMap { $0 })
        #expect(closes.map(\.1) == [.outputOverflow])
        #expect(setup.server.clientCount == 1)
        withExtendedLifetime(stalled) {}
    }

    @Test func silentClientTimesOutButSubscriberStays() throws {
        let setup = try ServerSetup(limits: ControlServer.Limits(idleTimeout: 0.1))
        defer { setup.tearDown() }
        var subscriber: ClientID?
        var closes: [ControlServer.CloseReason] = []
        let settle = try setup.loop.addTimer(clock: .monotonic, at: 0, accuracy: 0.001) {
            setup.loop.exit(code: 0)
        }
        settle.cancel()
        setup.server.onLine = { id, _ in
            subscriber = id
            setup.server.subscribe(id)
        }
        setup.server.onClosed = { _, reason in
            closes.append(reason)
            // Give the subscriber as long again to be (wrongly) timed out too.
            settle.reschedule(at: setup.loop.now(.monotonic) + 0.15)
        }
        let silent = try setup.connect()
        let watching = try setup.connect()
        watching.write("watch\n")
        #expect(try setup.run() == 0)
        #expect(closes == [.idle])
        let id = try #require(subscriber)
        #expect(setup.server.clientCount == 1)
        #expect(setup.server.isSubscriber(id))
        withExtendedLifetime((silent, watching)) {}
    }

    @Test func atTheLimitTheClientSilentLongestMakesRoom() throws {
        let setup = try ServerSetup(limits: ControlServer.Limits(maxClients: 3))
        defer { setup.tearDown() }
        var speakers: [String: ClientID] = [:]
        var closes: [(ClientID, ControlServer.CloseReason)] = []
        setup.server.onLine = { id, line in
            speakers[line] = id
            if line == "watch" { setup.server.subscribe(id) }
            setup.server.send("ok \(line)", to: id)
        }
        // All three are accepted before the subscriber sees its reply; the speaker speaks up
        // only then. So the subscriber is silent longest, then the one that never speaks.
        let subscriber = try setup.connect()
        let speaker = try setup.connect()
        let silent = try setup.connect()
        subscriber.write("watch\n")
        subscriber.watch(on: setup.loop) { if $0.lines == ["ok watch"] { speaker.write("ping\n") } }
        var newcomer: TestClient?
        func finishWhenBothSeen() { if newcomer?.lines == ["ok hello"] && !closes.isEmpty { setup.loop.exit(code: 0) } }
        speaker.watch(on: setup.loop) {
            guard newcomer == nil, $0.lines == ["ok ping"] else { return }
            newcomer = try? setup.connect()
            newcomer?.write("hello\n")
            newcomer?.watch(on: setup.loop) { _ in finishWhenBothSeen() }
        }
        setup.server.onClosed = { id, reason in
            closes.append((id, reason))
            finishWhenBothSeen()
        }
        #expect(try setup.run() == 0)
        #expect(closes.map(\.1) == [.evicted])
        #expect(!closes.map(\.0).contains { [speakers["watch"], speakers["ping"]].contains($0) })
        var byte: UInt8 = 0
        #expect(read(silent.fd, &byte, 1) == 0, "the silent client was closed")
        #expect(setup.server.clientCount == 3)
    }

    @Test func aPipeliningClientWaitsItsTurnBesideALoneRequest() throws {
        let setup = try ServerSetup()
        defer { setup.tearDown() }
        let pipeliner = try setup.connect()
        let lone = try setup.connect()
        var served: [String] = []
        var loneWrittenAt: (position: Int, wakeUp: UInt64)?
        var loneServedAt: (position: Int, wakeUp: UInt64)?
        setup.server.onLine = { id, line in
            served.append(line)
            setup.server.send("ok", to: id)
            if line == "request 0" {
                // The pipeliner's other 999 requests are already read: the lone one comes after.
                lone.write("lone\n")
                loneWrittenAt = (served.count, setup.loop.wakeUps)
            }
            if line == "lone" { loneServedAt = (served.count, setup.loop.wakeUps) }
            if served.count == 1_001 { setup.loop.exit(code: 0) }
        }
        pipeliner.write((0..<1_000).map { "request \($0)\n" }.joined())
        #expect(try setup.run() == 0)
        let written = try #require(loneWrittenAt)
        let answered = try #require(loneServedAt)
        // What is left of the pipeliner's turn, and perhaps one more turn of it.
        #expect(answered.position - written.position <= 2 * ControlServer.linesPerTurn)
        #expect(answered.wakeUp - written.wakeUp <= 2)
        let pipelinedInOrder = served.filter { $0 != "lone" } == (0..<1_000).map { "request \($0)" }
        #expect(pipelinedInOrder)
    }

    @Test func aClientIsNotServedWhileItsRepliesPileUpAndIsOnceItTakesThem() throws {
        let setup = try ServerSetup()
        defer { setup.tearDown() }
        let reply = String(repeating: "r", count: 8 * 1024)
        let requests = 200
        var servedCount = 0
        var closes: [ControlServer.CloseReason] = []
        setup.server.onLine = { id, _ in
            servedCount += 1
            setup.server.send(reply, to: id)
        }
        setup.server.onClosed = { _, reason in closes.append(reason) }
        let client = try setup.connect()
        client.write(String(repeating: "status\n", count: requests))
        // Runs once per loop iteration: once nothing was served for many of them, the server
        // has stopped serving this client, and the client starts reading.
        var servedWhenPaused: Int?
        var lastCount = 0
        var quietIterations = 0
        var ticker: TimerHandle?
        ticker = try setup.loop.addTimer(clock: .monotonic, at: 0, accuracy: 0) {
            quietIterations = servedCount == lastCount ? quietIterations + 1 : 0
            lastCount = servedCount
            guard quietIterations == 20, servedCount > 0 else { return ticker!.reschedule(at: 0) }
            servedWhenPaused = servedCount
            client.watch(on: setup.loop) {
                if $0.received.count == requests * (reply.utf8.count + 1) { setup.loop.exit(code: 0) }
            }
        }
        #expect(try setup.run() == 0)
        let paused = try #require(servedWhenPaused)
        #expect(paused < requests, "served all \(requests) requests to a client that read nothing")
        #expect(servedCount == requests)
        #expect(client.lines.count == requests)
        #expect(closes.isEmpty)
        // The ticker's closure holds the variable that holds the ticker: let go of it, or the
        // setup it also holds, and its directory, are never released.
        ticker?.cancel()
        ticker = nil
    }

    @Test func aClientThatStopsTakingRepliesIsClosedAsIdle() throws {
        let setup = try ServerSetup(limits: ControlServer.Limits(idleTimeout: 0.1))
        defer { setup.tearDown() }
        let reply = String(repeating: "r", count: 8 * 1024)
        setup.server.onLine = { id, _ in setup.server.send(reply, to: id) }
        var closes: [ControlServer.CloseReason] = []
        setup.server.onClosed = { _, reason in
            closes.append(reason)
            setup.loop.exit(code: 0)
        }
        let client = try setup.connect()
        client.write(String(repeating: "status\n", count: 200))
        #expect(try setup.run() == 0)
        #expect(closes == [.idle])
    }

    @Test func closeWritesPendingOutputFirst() throws {
        let setup = try ServerSetup()
        defer { setup.tearDown() }
        var closes: [ControlServer.CloseReason] = []
        setup.server.onClosed = { _, reason in closes.append(reason) }
        setup.server.onLine = { id, _ in
            setup.server.send("bye", to: id)
            setup.server.close(id)
            setup.server.send("too late", to: id)
        }
        let client = try setup.connect()
        client.write("quit\nignored after close\n")
        client.watch(on: setup.loop) { if $0.sawEOF { setup.loop.exit(code: 0) } }
        #expect(try setup.run() == 0)
        #expect(client.lines == ["bye"])
        #expect(closes.isEmpty)
        #expect(setup.server.clientCount == 0)
    }

    @Test func peerThatShutsDownWritingStillGetsItsReply() throws {
        let setup = try ServerSetup()
        defer { setup.tearDown() }
        var closes: [ControlServer.CloseReason] = []
        let client = try setup.connect()
        func finishWhenBothSeen() { if client.sawEOF && !closes.isEmpty { setup.loop.exit(code: 0) } }
        setup.server.onLine = { id, line in setup.server.send("ok \(line)", to: id) }
        setup.server.onClosed = { _, reason in
            closes.append(reason)
            finishWhenBothSeen()
        }
        client.write("status")
        shutdown(client.fd, Int32(SHUT_WR))
        client.watch(on: setup.loop) { _ in finishWhenBothSeen() }
        #expect(try setup.run() == 0)
        #expect(client.lines == ["ok status"])
        #expect(closes == [.peerClosed])
    }

    @Test func directoryIsPrivateAndSocketOwnerOnly() throws {
        let setup = try ServerSetup()
        defer { setup.tearDown() }
        #expect(try fileMode(setup.directory.path + "/sitbreak") == S_IFDIR | 0o700)
        #expect(try fileMode(setup.path) == S_IFSOCK | 0o600)
        #expect(setup.server.notices.isEmpty)
    }

    @Test func looseDirectoryModeIsTightenedAndSaidSo() throws {
        let directory = try ScratchDirectory()
        let socketDirectory = directory.path + "/sitbreak"
        mkdir(socketDirectory, 0o755)
        chmod(socketDirectory, 0o755)
        let loop = try EventLoop()
        let server = try ControlServer(loop: loop, listening: .path(socketDirectory + "/control.sock"))
        defer { server.stop() }
        #expect(try fileMode(socketDirectory) == S_IFDIR | 0o700)
        #expect(server.notices == ["changed the mode of \(socketDirectory) from 0755 to 0700"])
    }

    @Test(.enabled(if: getuid() == 0, "needs root to give a directory away"))
    func directoryOfAnotherUserIsRefused() throws {
        let directory = try ScratchDirectory()
        let socketDirectory = directory.path + "/sitbreak"
        mkdir(socketDirectory, 0o700)
        chown(socketDirectory, 65534, 65534)
        let loop = try EventLoop()
        #expect(throws: ControlSocketError.directoryOwnedByOther(path: socketDirectory, owner: 65534, expected: 0)) {
            _ = try ControlServer(loop: loop, listening: .path(socketDirectory + "/control.sock"))
        }
    }

    @Test func staleSocketFileIsRemovedAndReplaced() throws {
        let directory = try ScratchDirectory()
        let path = directory.path + "/control.sock"
        let dead = try UnixSocket.makeStream(nonBlocking: false)
        try UnixSocket.bind(dead, to: path)
        close(dead)
        let loop = try EventLoop()
        let server = try ControlServer(loop: loop, listening: .path(path))
        defer { server.stop() }
        #expect(server.notices.contains("removed the stale socket \(path)"))
        #expect(try fileMode(path) == S_IFSOCK | 0o600)
        #expect(throws: Never.self) { _ = try TestClient(path: path) }
    }

    @Test func secondServerFindsTheFirstOneRunning() throws {
        let setup = try ServerSetup()
        defer { setup.tearDown() }
        #expect(throws: ControlSocketError.alreadyRunning(setup.path)) {
            _ = try ControlServer(loop: setup.loop, listening: .path(setup.path))
        }
        #expect(access(setup.path, F_OK) == 0)
        setup.server.stop()
        #expect(access(setup.path, F_OK) != 0)
    }

    @Test func fileThatIsNotASocketIsLeftAlone() throws {
        let directory = try ScratchDirectory()
        let path = directory.path + "/control.sock"
        close(creat(path, 0o600))
        let loop = try EventLoop()
        #expect(throws: ControlSocketError.notASocket(path)) {
            _ = try ControlServer(loop: loop, listening: .path(path))
        }
        #expect(access(path, F_OK) == 0)
    }

    @Test func inheritedListeningSocketIsServed() throws {
        let directory = try ScratchDirectory()
        let path = directory.path + "/activated.sock"
        let fd = try UnixSocket.makeStream(nonBlocking: false)
        try UnixSocket.bind(fd, to: path)
        #expect(listen(fd, 8) == 0)
        let loop = try EventLoop()
        let server = try ControlServer(loop: loop, listening: .inherited(fd: fd))
        defer { server.stop() }
        server.onLine = { [unowned server] id, line in server.send("echo \(line)", to: id) }
        let client = try TestClient(path: path)
        client.write("status\n")
        client.watch(on: loop) { if $0.lines == ["echo status"] { loop.exit(code: 0) } }
        #expect(try runWithLimit(loop) == 0)
        #expect(server.socketPath == nil)
    }

    @Test func inheritedFDThatIsNotAListeningSocketIsRejected() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { for fd in ends { close(fd) } }
        let loop = try EventLoop()
        #expect(throws: ControlSocketError.inheritedNotListening(fd: ends[0])) {
            _ = try ControlServer(loop: loop, listening: .inherited(fd: ends[0]))
        }
    }
}

@Suite struct LineFramerTests {
    @Test func splitsOnNewlinesAndKeepsThePartialTail() {
        var framer = LineFramer(maxLineBytes: 100)
        #expect(framer.frames(after: "one\ntwo\r\nthr") == [.line("one"), .line("two")])
        #expect(framer.frames(after: "ee") == [])
        #expect(framer.frames(after: "\n\n") == [.line("three"), .line("")])
        #expect(framer.finish() == nil)
    }

    @Test func linesComeOneAtATimeAndWaitWhileMoreInputArrives() {
        var framer = LineFramer(maxLineBytes: 100)
        framer.append(Array("one\ntwo\nthr".utf8))
        #expect(framer.next() == .line("one"))
        framer.append(Array("ee\n".utf8))
        #expect(framer.frames(after: "") == [.line("two"), .line("three")])
    }

    @Test func unterminatedLastLineCountsAtTheEnd() {
        var framer = LineFramer(maxLineBytes: 100)
        #expect(framer.frames(after: "status") == [])
        #expect(framer.finish() == .line("status"))
        #expect(framer.finish() == nil)
    }

    @Test func lineAtTheLimitPassesAndOneByteMoreDoesNot() {
        var framer = LineFramer(maxLineBytes: 4)
        #expect(framer.frames(after: "abcd\n") == [.line("abcd")])
        #expect(framer.frames(after: "ok\nabcde\nlost\n") == [.line("ok"), .oversized])
        #expect(framer.frames(after: "more\n") == [])
        #expect(framer.finish() == nil)
    }

    @Test func longPartialLineIsRefusedBeforeItsNewlineArrives() {
        var framer = LineFramer(maxLineBytes: 4)
        #expect(framer.frames(after: "abc") == [])
        #expect(framer.frames(after: "de") == [.oversized])
    }

    @Test func invalidUTF8IsReplacedNotDropped() {
        var framer = LineFramer(maxLineBytes: 100)
        framer.append([0x61, 0xFF, 0x62, 0x0A])
        #expect(framer.next() == .line("a\u{FFFD}b"))
    }
}

extension LineFramer {
    /// Appends `text` and takes every frame that is complete.
    fileprivate mutating func frames(after text: String) -> [Frame] {
        append(Array(text.utf8))
        var frames: [Frame] = []
        while let frame = next() { frames.append(frame) }
        return frames
    }
}

@Suite struct ControlClientTests {
    @Test func sendsALineAndReadsTheReply() throws {
        let directory = try ScratchDirectory()
        let path = directory.path + "/control.sock"
        let listener = try UnixSocket.makeStream(nonBlocking: false)
        defer { close(listener) }
        try UnixSocket.bind(listener, to: path)
        #expect(listen(listener, 8) == 0)
        let client = try ControlClient.connect(path: path, timeout: 1)
        try client.send("status")
        let server = accept(listener, nil, nil)
        #expect(server >= 0)
        var request = [UInt8](repeating: 0, count: 64)
        let count = read(server, &request, request.count)
        #expect(String(decoding: request[..<max(0, count)], as: UTF8.self) == "status\n")
        _ = "ok 1\nok 2\n".withCString { write(server, $0, 10) }
        close(server)
        #expect(try client.readLine(timeout: 1) == "ok 1")
        #expect(try client.readLine(timeout: 1) == "ok 2")
        #expect(try client.readLine(timeout: 1) == nil)
    }

    @Test func silentDaemonTimesOut() throws {
        let directory = try ScratchDirectory()
        let path = directory.path + "/control.sock"
        let listener = try UnixSocket.makeStream(nonBlocking: false)
        defer { close(listener) }
        try UnixSocket.bind(listener, to: path)
        #expect(listen(listener, 8) == 0)
        let client = try ControlClient.connect(path: path, timeout: 1)
        #expect(throws: ControlClientError.timedOut(path: path, waitingFor: "a reply")) {
            _ = try client.readLine(timeout: 0.05)
        }
    }

    @Test func missingSocketMeansNotRunning() throws {
        let directory = try ScratchDirectory()
        let path = directory.path + "/control.sock"
        #expect(throws: ControlClientError.notRunning(path: path, SyscallError("connect", path, code: ENOENT))) {
            _ = try ControlClient.connect(path: path, timeout: 1)
        }
    }

    @Test func socketNobodyListensOnMeansNotRunning() throws {
        let directory = try ScratchDirectory()
        let path = directory.path + "/control.sock"
        let dead = try UnixSocket.makeStream(nonBlocking: false)
        try UnixSocket.bind(dead, to: path)
        close(dead)
        #expect(throws: ControlClientError.notRunning(path: path, SyscallError("connect", path, code: ECONNREFUSED))) {
            _ = try ControlClient.connect(path: path, timeout: 1)
        }
    }

    @Test func accessErrorsReadAsPermissionDenied() {
        let error = SyscallError("connect", "/run/user/1000/sitbreak/control.sock", code: EACCES)
        #expect(ControlClientError(error, path: error.subject) == .permissionDenied(path: error.subject, error))
        #expect(
            ControlClientError(error, path: error.subject).description
                == "permission denied on /run/user/1000/sitbreak/control.sock: "
                + "the control socket belongs to another user")
    }
}

// MARK: - Helpers

/// A server listening in a fresh temporary directory at `<tmp>/sitbreak/control.sock`.
private final class ServerSetup {
    let directory: ScratchDirectory
    let path: String
    let loop: EventLoop
    let server: ControlServer

    init(owner: uid_t = getuid(), limits: ControlServer.Limits = ControlServer.Limits()) throws {
        directory = try ScratchDirectory()
        path = directory.path + "/sitbreak/control.sock"
        loop = try EventLoop()
        server = try ControlServer(loop: loop, listening: .path(path), ownerUID: owner, limits: limits)
    }

    private var clients: [TestClient] = []

    func connect() throws -> TestClient {
        let client = try TestClient(path: path)
        clients.append(client)
        return client
    }

    func run() throws -> Int32 { try runWithLimit(loop) }

    /// The tests' callbacks capture the setup and the clients: forget them, so that
    /// everything is released.
    func tearDown() {
        for client in clients { client.stopWatching() }
        clients = []
        server.stop()
        server.onLine = { _, _ in }
        server.onOversizedLine = { _ in }
        server.onRefused = { _ in }
        server.onClosed = { _, _ in }
    }
}

/// Runs the loop until a callback calls `exit(code:)`; after one second it ends with 99.
private func runWithLimit(_ loop: EventLoop) throws -> Int32 {
    let limit = try loop.addTimer(clock: .monotonic, at: loop.now(.monotonic) + 1, accuracy: 0.001) {
        loop.exit(code: 99)
    }
    defer { withExtendedLifetime(limit) {} }
    return try loop.run()
}

/// A plain client socket; `watch` collects what the server sends while the loop runs.
private final class TestClient {
    let fd: Int32
    private(set) var received: [UInt8] = []
    private(set) var sawEOF = false
    private var watcher: IOHandle?

    init(path: String) throws {
        fd = try UnixSocket.makeStream(nonBlocking: false)
        let code = try UnixSocket.connect(fd, to: path)
        guard code == 0 else {
            close(fd)
            throw SyscallError("connect", path, code: code)
        }
        try UnixSocket.setNonBlocking(fd)
    }

    deinit {
        stopWatching()
        close(fd)
    }

    var lines: [String] {
        received.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .dropLast().map { String(decoding: $0, as: UTF8.self) }
    }

    /// Writes all of `text`; the tests stay far below the socket buffer.
    func write(_ text: String) {
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        #expect(written == bytes.count)
    }

    func stopWatching() {
        watcher?.remove()
        watcher = nil
    }

    func watch(on loop: EventLoop, _ changed: @escaping (TestClient) -> Void) {
        watcher = try? loop.addIO(fd: fd) { [unowned self] _ in
            var chunk = [UInt8](repeating: 0, count: 64 * 1024)
            let count = read(fd, &chunk, chunk.count)
            if count > 0 {
                received += chunk[..<count]
            } else if count == 0 {
                sawEOF = true
                stopWatching()
            } else {
                return
            }
            changed(self)
        }
        #expect(watcher != nil)
    }
}

/// A fresh directory under /tmp, removed with its contents when released.
private final class ScratchDirectory {
    let path: String

    init() throws {
        var template = Array("/tmp/sitbreak-os-test-XXXXXX".utf8CString)
        guard mkdtemp(&template) != nil else { throw SyscallError.last("mkdtemp") }
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    deinit { Self.remove(path) }

    private static func remove(_ path: String) {
        if let directory = opendir(path) {
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
                }
                if name != "." && name != ".." { remove(path + "/" + name) }
            }
            closedir(directory)
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}

private func fileMode(_ path: String) throws -> mode_t {
    var info = stat()
    guard lstat(path, &info) == 0 else { throw SyscallError.last("lstat", path) }
    return info.st_mode
}
