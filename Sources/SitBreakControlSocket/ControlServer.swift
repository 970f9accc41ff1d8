import CSystemd
import Glibc
import SitBreakEventLoop
import SitBreakModel

/// One connection to the control socket; numbers are never reused within a daemon's life.
public struct ClientID: Hashable, Sendable, CustomStringConvertible {
    public let number: UInt64
    public init(_ number: UInt64) { self.number = number }
    public var description: String { "client \(number)" }
}

/// Where the control socket comes from.
public enum ListenTarget: Equatable, Sendable {
    /// Create the socket at this path (mode 0600) in a directory of mode 0700.
    case path(String)
    /// A socket already bound and listening, as systemd passes it on socket activation.
    case inherited(fd: Int32)

    /// The socket systemd passed on socket activation (`sd_listen_fds`), else `path`
    /// (normally `XDGPaths.controlSocket`).
    public static func systemdSocket(orPath path: String) throws(ControlSocketError) -> ListenTarget {
        let count = sd_listen_fds(1)
        if count < 0 { throw .system(SyscallError("sd_listen_fds", code: -count)) }
        if count > 1 { throw .unexpectedInheritedSockets(count) }
        return count == 1 ? .inherited(fd: SD_LISTEN_FDS_START) : .path(path)
    }
}

/// Why the control socket could not be set up.
public enum ControlSocketError: Error, Equatable, Sendable, CustomStringConvertible {
    case notADirectory(String)
    case directoryOwnedByOther(path: String, owner: uid_t, expected: uid_t)
    /// Group or others may write in it: they could replace the socket with their own.
    case directoryWritableByOthers(path: String, mode: mode_t)
    case notASocket(String)
    case alreadyRunning(String)
    case unexpectedInheritedSockets(Int32)
    case inheritedNotListening(fd: Int32)
    case system(SyscallError)

    public var description: String {
        switch self {
        case .notADirectory(let path):
            "\(path) exists but is not a directory; remove it"
        case .directoryOwnedByOther(let path, let owner, let expected):
            "\(path) belongs to uid \(owner), not \(expected): refusing to put the control socket there; "
                + "XDG_RUNTIME_DIR must be your own (systemd-logind makes /run/user/\(expected))"
        case .directoryWritableByOthers(let path, let mode):
            "\(path) can be written by other users (mode \(String(mode, radix: 8))): refusing to put the control socket "
                + "there, where another user could answer in sitbreakd's place; use a private directory (mode 0700) "
                + "such as the /run/user/$(id -u) systemd-logind makes"
        case .notASocket(let path):
            "\(path) exists but is not a socket; remove it"
        case .alreadyRunning(let path):
            "another sitbreakd is already running (it answers on \(path))"
        case .unexpectedInheritedSockets(let count):
            "systemd passed \(count) sockets; sitbreakd expects exactly one"
        case .inheritedNotListening(let fd):
            "fd \(fd) passed by systemd is not a listening Unix stream socket"
        case .system(let error):
            error.description
        }
    }
}

/// The daemon's control socket: newline-delimited text lines over a Unix stream socket,
/// driven by the event loop and never blocking it.
///
/// Only peers running as `ownerUID` are served (root included in "others"). Clients take
/// turns: each loop iteration serves at most `linesPerTurn` lines of one client, so one that
/// pipelines thousands of requests delays the others by no more than that. A client that
/// does not take its replies is not read from until it does; one that makes no progress for
/// `Limits.idleTimeout` is closed unless it subscribed, and a subscriber whose unsent output
/// passes `Limits.maxPendingOutputBytes` is dropped. At `Limits.maxClients` a new client
/// takes the place of the one silent longest.
public final class ControlServer {
    public struct Limits: Sendable {
        public var maxLineBytes: Int
        public var maxPendingOutputBytes: Int
        /// While a client has more unsent output than this, nothing more is read from it.
        public var outputWatermark: Int
        public var idleTimeout: Seconds
        public var maxClients: Int

        public init(
            maxLineBytes: Int = 64 * 1024, maxPendingOutputBytes: Int = 1024 * 1024,
            outputWatermark: Int = 64 * 1024, idleTimeout: Seconds = 30, maxClients: Int = 256
        ) {
            self.maxLineBytes = maxLineBytes
            self.maxPendingOutputBytes = maxPendingOutputBytes
            self.outputWatermark = outputWatermark
            self.idleTimeout = idleTimeout
            self.maxClients = maxClients
        }
    }

    /// Lines served per turn of a client: few enough that a crowd of busy clients still
    /// answers everyone quickly, enough that a pipelining client gets on.
    static let linesPerTurn = 8
    /// At most one read of this size per turn; it bounds the input buffered per client too.
    static let readBytesPerTurn = 16 * 1024
    /// Connections accepted per turn of the listener, so that a flood of them waits its turn.
    static let acceptsPerTurn = 32

    /// A connection turned away at accept.
    public enum Refusal: Equatable, Sendable, CustomStringConvertible {
        case foreignUser(PeerCredentials)
        case acceptFailed(SyscallError)

        public var description: String {
            switch self {
            case .foreignUser(let peer): "refused a connection from another user (\(peer))"
            case .acceptFailed(let error): "could not accept a connection: \(error)"
            }
        }
    }

    /// Why the server ended a client on its own.
    public enum CloseReason: Equatable, Sendable, CustomStringConvertible {
        case peerClosed
        case idle
        case oversizedLine
        case outputOverflow
        /// Every place was taken when another client connected, and this one had been silent longest.
        case evicted
        case failed(SyscallError)

        public var description: String {
            switch self {
            case .peerClosed: "the client disconnected"
            case .idle: "the client stayed silent too long"
            case .oversizedLine: "the client sent a line over the size limit"
            case .outputOverflow: "the client stopped reading and its output backed up"
            case .evicted: "the client was silent longest when a new one needed its place"
            case .failed(let error): error.description
            }
        }
    }

    /// A complete line from a client, without its newline (or trailing CR).
    public var onLine: (ClientID, String) -> Void = { _, _ in }
    /// A client sent a line over `Limits.maxLineBytes`. `send` an error reply here if you
    /// like; the client is then closed after its output is flushed.
    public var onOversizedLine: (ClientID) -> Void = { _ in }
    public var onRefused: (Refusal) -> Void = { _ in }
    /// The line a peer of another user gets before its connection is closed, so that it learns
    /// why (it fits a fresh socket buffer, so it is sent whole or, for a peer gone already, not at all).
    public var refusalLine: (PeerCredentials) -> String? = { _ in nil }
    /// The server ended a client for `CloseReason`; never called for `close(_:)` or `stop()`.
    /// Always called from a later loop iteration, never from inside `send` or `broadcast`.
    public var onClosed: (ClientID, CloseReason) -> Void = { _, _ in }

    /// The socket's path when this server created it.
    public let socketPath: String?
    /// Repairs made while setting up (a stale socket removed, a directory mode tightened).
    public let notices: [String]
    public var clientCount: Int { connections.count }

    private let loop: EventLoop
    private let ownerUID: uid_t
    private let limits: Limits
    private var listenFD: Int32
    private var createdSocket: FileIdentity?
    private var listener: IOHandle?
    private var connections: [ClientID: ControlConnection] = [:]
    private var lastID: UInt64 = 0
    /// Counts the moments clients were heard from, to order them by silence.
    private var heardCount: UInt64 = 0
    private var readBuffer = [UInt8](repeating: 0, count: ControlServer.readBytesPerTurn)
    private var pendingCloseReports: [(ClientID, CloseReason)] = []
    private var closeReportTimer: TimerHandle?
    private var acceptRetryTimer: TimerHandle?

    public init(
        loop: EventLoop, listening target: ListenTarget, ownerUID: uid_t = getuid(),
        limits: Limits = Limits()
    ) throws(ControlSocketError) {
        self.loop = loop
        self.ownerUID = ownerUID
        self.limits = limits
        switch target {
        case .path(let path):
            let socket = try ListeningSocket.create(at: path)
            listenFD = socket.fd
            createdSocket = socket.identity
            socketPath = path
            notices = socket.notices
        case .inherited(let fd):
            guard sd_is_socket_unix(fd, Int32(SOCK_STREAM.rawValue), 1, nil, 0) > 0 else {
                throw .inheritedNotListening(fd: fd)
            }
            do { try UnixSocket.setNonBlocking(fd) } catch { throw .system(error) }
            listenFD = fd
            socketPath = nil
            notices = []
        }
        do throws(SyscallError) {
            try watchListener()
            closeReportTimer = try loop.addTimer(clock: .monotonic, at: 0, accuracy: 0) {
                [weak self] in self?.reportCloses()
            }
            closeReportTimer?.cancel()
            acceptRetryTimer = try loop.addTimer(clock: .monotonic, at: 0, accuracy: 0.1) {
                [weak self] in self?.resumeAccepting()
            }
            acceptRetryTimer?.cancel()
        } catch {
            stop()
            throw .system(error)
        }
    }

    deinit { stop() }

    /// Queues `line` (which must not contain a newline) for the client; output goes out as
    /// the client reads it. Ignored for clients that are gone or closing.
    public func send(_ line: String, to id: ClientID) {
        guard let connection = connections[id], !connection.isClosing else { return }
        connection.output.append(contentsOf: line.utf8)
        connection.output.append(UInt8(ascii: "\n"))
        // While waiting for writability the socket buffer is known to be full.
        if !connection.events.contains(.writable) { flush(connection) }
        guard connections[id] != nil else { return }
        if connection.pendingBytes > limits.maxPendingOutputBytes { drop(connection, .outputOverflow) }
    }

    /// Sends `line` to every subscribed client.
    public func broadcast(_ line: String) {
        for connection in connections.values where connection.isSubscriber {
            send(line, to: connection.id)
        }
    }

    /// Marks a client as a subscriber (`watch`): it may stay silent for as long as it likes.
    public func subscribe(_ id: ClientID) {
        guard let connection = connections[id], !connection.isClosing else { return }
        connection.isSubscriber = true
        connection.idleTimer.cancel()
    }

    public func isSubscriber(_ id: ClientID) -> Bool { connections[id]?.isSubscriber ?? false }

    /// How many clients are subscribed (`watch`).
    public var subscriberCount: Int { connections.values.filter(\.isSubscriber).count }

    /// Closes the client once its pending output is written (or the idle timeout passes).
    public func close(_ id: ClientID) {
        guard let connection = connections[id] else { return }
        closeAfterFlush(connection, reason: nil)
    }

    /// Closes every client and the listening socket, and removes the socket file if this
    /// server created it and it is still the same file.
    public func stop() {
        for connection in connections.values {
            connection.io.remove()
            Glibc.close(connection.fd)
        }
        connections = [:]
        pendingCloseReports = []
        listener?.remove()
        listener = nil
        closeReportTimer = nil
        acceptRetryTimer = nil
        guard listenFD >= 0 else { return }
        Glibc.close(listenFD)
        listenFD = -1
        if let socketPath, let createdSocket, FileIdentity(path: socketPath) == createdSocket {
            unlink(socketPath)
        }
    }

    // MARK: Accepting

    private func watchListener() throws(SyscallError) {
        listener = try loop.addIO(fd: listenFD, events: .readable) { [weak self] _ in
            self?.acceptPending()
        }
    }

    /// Accepts up to `acceptsPerTurn` connections; the listener stays readable while more wait.
    private func acceptPending() {
        var accepted = 0
        while listenFD >= 0, accepted < Self.acceptsPerTurn {
            let fd = accept(listenFD, nil, nil)
            if fd >= 0 {
                accepted += 1
                admit(fd)
                continue
            }
            let error = SyscallError.last("accept", socketPath ?? "fd \(listenFD)")
            switch error.code {
            case EAGAIN: return
            case EINTR, ECONNABORTED: continue
            default:
                // EMFILE and the like leave the connection queued, and a level-triggered
                // listener would spin on it: stop listening for a moment instead.
                listener?.remove()
                listener = nil
                acceptRetryTimer?.reschedule(at: loop.now(.monotonic) + 1)
                onRefused(.acceptFailed(error))
                return
            }
        }
    }

    private func resumeAccepting() {
        do throws(SyscallError) {
            try watchListener()
        } catch {
            acceptRetryTimer?.reschedule(at: loop.now(.monotonic) + 1)
            onRefused(.acceptFailed(error))
        }
    }

    private func admit(_ fd: Int32) {
        let peer: PeerCredentials
        do throws(SyscallError) {
            try UnixSocket.prepareAccepted(fd)
            peer = try UnixSocket.peerCredentials(fd)
        } catch {
            Glibc.close(fd)
            onRefused(.acceptFailed(error))
            return
        }
        guard peer.uid == ownerUID else {
            if let line = refusalLine(peer) {
                _ = Array((line + "\n").utf8).withUnsafeBytes { UnixSocket.sendSome(fd, $0) }
            }
            Glibc.close(fd)
            onRefused(.foreignUser(peer))
            return
        }
        // A client that connected and hung up without a word (a flood of them, a port scan)
        // is done with here, for a few system calls: the backlog behind it, where the user's
        // own request waits, then drains many times faster.
        var first: UInt8 = 0
        if recv(fd, &first, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT)) == 0 {
            Glibc.close(fd)
            return
        }
        if connections.count >= limits.maxClients,
            let victim = ClientEviction.victim(among: connections.values.map(\.standing)),
            let connection = connections[victim]
        {
            drop(connection, .evicted)
        }
        lastID += 1
        let id = ClientID(lastID)
        do throws(SyscallError) {
            let io = try loop.addIO(fd: fd, events: .readable) { [weak self] events in
                self?.service(id, events)
            }
            let idleTimer = try loop.addTimer(
                clock: .monotonic, at: idleDeadline(), accuracy: limits.idleTimeout / 10
            ) { [weak self] in self?.expire(id) }
            // A timer due at once, not an sd-event defer source: a defer source keeps the place
            // in the queue of ready sources it took when first enabled, so it would go before
            // every other client each time; an expired timer queues up behind those already ready.
            let turnTimer = try loop.addTimer(clock: .monotonic, at: 0, accuracy: 0) {
                [weak self] in self?.takeScheduledTurn(id)
            }
            turnTimer.cancel()
            connections[id] = ControlConnection(
                id: id, fd: fd, io: io, idleTimer: idleTimer, turnTimer: turnTimer,
                framer: LineFramer(maxLineBytes: limits.maxLineBytes), lastHeard: nextHeard())
        } catch {
            Glibc.close(fd)
            onRefused(.acceptFailed(error))
        }
    }

    // MARK: Serving a client

    private func service(_ id: ClientID, _ events: IOEvents) {
        guard let connection = connections[id] else { return }
        if connection.pendingBytes > 0, !events.isDisjoint(with: [.writable, .error, .hangUp]) {
            flush(connection)
        }
        // A hang-up is reported even while reading is paused; the turn then reads what the
        // client sent before it went, and its end.
        guard !events.isDisjoint(with: [.readable, .error, .hangUp]) else { return }
        takeTurn(connection)
    }

    private func takeScheduledTurn(_ id: ClientID) {
        guard let connection = connections[id], connection.hasTurnScheduled else { return }
        connection.hasTurnScheduled = false  // the timer fires once per scheduling
        takeTurn(connection)
    }

    /// Serves up to `linesPerTurn` of the client's lines, reading once when none is buffered,
    /// and stops early while the client has not taken enough of its replies.
    private func takeTurn(_ connection: ControlConnection) {
        var linesLeft = Self.linesPerTurn
        var mayRead = true
        while linesLeft > 0, isServed(connection), !isBackedUp(connection) {
            if let frame = connection.framer.next() {
                linesLeft -= 1
                deliver(frame, from: connection)
            } else if mayRead {
                mayRead = false
                receive(connection)
            } else {
                break
            }
        }
        guard isServed(connection) else { return }
        // Lines left over were read already: the socket will not say they are there. A backed-up
        // client gets its next turn when its output drains instead.
        setTurnScheduled(linesLeft == 0 && !isBackedUp(connection), for: connection)
    }

    /// One read into the framer; at end of input the client is closed once answered.
    private func receive(_ connection: ControlConnection) {
        let count = readBuffer.withUnsafeMutableBytes { read(connection.fd, $0.baseAddress, $0.count) }
        if count > 0 {
            heard(connection)
            connection.framer.append(readBuffer[..<count])
        } else if count == 0 {
            if let last = connection.framer.finish() { deliver(last, from: connection) }
            closeAfterFlush(connection, reason: .peerClosed)
        } else if errno != EAGAIN && errno != EINTR {
            drop(connection, .failed(.last("read", connection.id.description)))
        }
    }

    private func deliver(_ frame: LineFramer.Frame, from connection: ControlConnection) {
        switch frame {
        case .line(let text):
            onLine(connection.id, text)
        case .oversized:
            onOversizedLine(connection.id)
            closeAfterFlush(connection, reason: .oversizedLine)
        }
    }

    /// Still connected and taking input: a callback may have closed it.
    private func isServed(_ connection: ControlConnection) -> Bool {
        connections[connection.id] === connection && !connection.isClosing
    }

    private func isBackedUp(_ connection: ControlConnection) -> Bool {
        connection.pendingBytes > limits.outputWatermark
    }

    private func flush(_ connection: ControlConnection) {
        let wasBackedUp = isBackedUp(connection)
        let pendingBefore = connection.pendingBytes
        while connection.pendingBytes > 0 {
            let sent = connection.output.withUnsafeBytes {
                UnixSocket.sendSome(connection.fd, UnsafeRawBufferPointer(rebasing: $0[connection.sent...]))
            }
            if sent > 0 {
                connection.sent += sent
            } else if sent == -Int(EAGAIN) || sent == 0 {
                break
            } else if sent == -Int(EPIPE) || sent == -Int(ECONNRESET) {
                drop(connection, .peerClosed)
                return
            } else if sent != -Int(EINTR) {
                drop(connection, .failed(SyscallError("send", connection.id.description, code: Int32(-sent))))
                return
            }
        }
        if connection.pendingBytes < pendingBefore { heard(connection) }
        connection.compactOutput()
        if connection.isClosing && connection.pendingBytes == 0 {
            finish(connection)
        } else if wasBackedUp && !isBackedUp(connection) && !connection.isClosing {
            // Lines may wait in the framer, which no readiness event would announce.
            setTurnScheduled(true, for: connection)
        } else {
            updateEvents(connection)
        }
    }

    private func setTurnScheduled(_ scheduled: Bool, for connection: ControlConnection) {
        if scheduled != connection.hasTurnScheduled {
            connection.hasTurnScheduled = scheduled
            if scheduled { connection.turnTimer.reschedule(at: 0) } else { connection.turnTimer.cancel() }
        }
        updateEvents(connection)
    }

    /// Reads only while the client waits for nothing: no turn is due and its replies are taken.
    private func updateEvents(_ connection: ControlConnection) {
        var wanted: IOEvents = []
        if !connection.isClosing && !connection.hasTurnScheduled && !isBackedUp(connection) {
            wanted.insert(.readable)
        }
        if connection.pendingBytes > 0 { wanted.insert(.writable) }
        guard wanted != connection.events else { return }
        do throws(SyscallError) {
            try connection.io.setEvents(wanted)
            connection.events = wanted
        } catch {
            drop(connection, .failed(error))
        }
    }

    private func nextHeard() -> UInt64 {
        heardCount += 1
        return heardCount
    }

    /// The client sent or took bytes: it is not silent. Subscribers may be silent for good
    /// until they are closing.
    private func heard(_ connection: ControlConnection) {
        connection.lastHeard = nextHeard()
        if !connection.isSubscriber || connection.isClosing {
            connection.idleTimer.reschedule(at: idleDeadline())
        }
    }

    private func idleDeadline() -> Seconds { loop.now(.monotonic) + limits.idleTimeout }

    private func expire(_ id: ClientID) {
        guard let connection = connections[id] else { return }
        // A closing client ran out of time to take its last output: keep the first reason.
        if !connection.isClosing { connection.closeReason = .idle }
        finish(connection)
    }

    // MARK: Closing

    private func closeAfterFlush(_ connection: ControlConnection, reason: CloseReason?) {
        guard connections[connection.id] != nil, !connection.isClosing else { return }
        connection.isClosing = true
        connection.closeReason = reason
        guard connection.pendingBytes > 0 else { return finish(connection) }
        // The idle timeout now bounds a stalled flush, for subscribers too.
        connection.idleTimer.reschedule(at: idleDeadline())
        setTurnScheduled(false, for: connection)
    }

    private func drop(_ connection: ControlConnection, _ reason: CloseReason) {
        connection.closeReason = reason
        finish(connection)
    }

    private func finish(_ connection: ControlConnection) {
        guard connections.removeValue(forKey: connection.id) != nil else { return }
        connection.io.remove()
        connection.idleTimer.cancel()
        connection.turnTimer.cancel()
        Glibc.close(connection.fd)
        guard let reason = connection.closeReason else { return }
        pendingCloseReports.append((connection.id, reason))
        closeReportTimer?.reschedule(at: 0)
    }

    private func reportCloses() {
        let reports = pendingCloseReports
        pendingCloseReports = []
        for (id, reason) in reports { onClosed(id, reason) }
    }
}

// Bound to the thread of the event loop that dispatches its callbacks: never to be shared.
@available(*, unavailable) extension ControlServer: Sendable {}
