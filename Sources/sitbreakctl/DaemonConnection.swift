import Glibc
import SitBreakCLI
import SitBreakControlSocket
import SitBreakFiles
import SitBreakModel
import SitBreakProtocol

/// Talks to sitbreakd over its control socket: one request, one reply.
struct DaemonConnection {
    let client: ControlClient

    /// Exit status 3 and how to start the daemon, when it cannot be reached.
    static func open(timeout: Seconds = 2) throws -> DaemonConnection {
        let path: String
        do { path = try XDGPaths.current().controlSocket } catch { throw CtlFailure(error.description, exitCode: 3) }
        do {
            return DaemonConnection(client: try ControlClient.connect(path: path, timeout: timeout))
        } catch {
            throw CtlFailure(
                "\(error)\nStart it with `systemctl --user start sitbreak` (or run `sitbreakd` in a terminal).",
                exitCode: 3)
        }
    }

    /// Sends the request and returns the daemon's reply; a refusal becomes exit status 1.
    func request(_ request: ControlRequest, timeout: Seconds = 5) throws -> StatusReport? {
        let reply = try exchange(request, timeout: timeout)
        guard reply.ok else { throw CtlFailure(reply.error ?? "refused", exitCode: 1) }
        return reply.status
    }

    func exchange(_ request: ControlRequest, timeout: Seconds) throws -> ControlReply {
        var sent = false
        do {
            try client.send(ControlCodec.encodeLine(request))
            sent = true
            guard let line = try client.readLine(timeout: timeout) else {
                throw CtlFailure("sitbreakd closed the connection without answering", exitCode: 3)
            }
            return try ControlCodec.decode(ControlReply.self, from: line)
        } catch let error as ControlClientError {
            // A request the daemon has may be carried out after the wait ends (a daemon stopped
            // in a debugger, swapped out): never let the user think it was not.
            if sent, request.command.changesState {
                throw CtlFailure(
                    "\(error); the request was sent and may still be applied: `sitbreakctl status` shows whether it was",
                    exitCode: 3)
            }
            throw CtlFailure(error.description, exitCode: 3)
        } catch let error as ControlProtocolError {
            throw CtlFailure("sitbreakd answered something unreadable: \(error)", exitCode: 1)
        }
    }

    /// The next line of a `watch` stream; nil when the daemon closes it.
    func nextEvent() throws -> WatchEvent? {
        do {
            while true {
                guard let line = try client.readLine(timeout: 3_600) else { return nil }
                return try ControlCodec.decode(WatchEvent.self, from: line)
            }
        } catch let error as ControlClientError {
            if case .timedOut = error { return try nextEvent() }
            throw CtlFailure(error.description, exitCode: 3)
        }
    }
}

/// A `watch` stream that outlives the daemon: when sitbreakd stops (a restart, an upgrade, a
/// crash) the caller is told once and the stream is opened again, sooner at first, then every
/// few seconds, until it answers. Only a signal ends it, or `once`.
struct FollowedStream {
    /// Exit (status 3) when the daemon closes the stream, instead of reconnecting.
    var once: Bool
    /// The first status of each connection; every event after it; the daemon going away.
    var status: (StatusReport) throws -> Void
    var event: (WatchEvent) throws -> Void
    var restarting: () -> Void

    static let firstRetry: Seconds = 0.25
    static let lastRetry: Seconds = 5

    /// Opens the stream (a daemon that cannot be reached now is exit status 3) and follows it.
    func run(patience: Seconds = 2) throws -> Never {
        var connection = try DaemonConnection.open(timeout: patience)
        try status(try connection.watch(timeout: patience))
        while true {
            while let next = try? connection.nextEvent() { try event(next) }
            if once { throw CtlFailure("sitbreakd closed the stream", exitCode: 3) }
            restarting()
            var delay = Self.firstRetry
            while true {
                usleep(UInt32(delay * 1e6))
                if let again = try? DaemonConnection.open(timeout: patience), let first = try? again.watch(timeout: patience) {
                    connection = again
                    try status(first)
                    break
                }
                delay = min(delay * 2, Self.lastRetry)
            }
        }
    }
}

extension DaemonConnection {
    /// Subscribes to the event stream; returns the status at that moment.
    func watch(timeout: Seconds) throws -> StatusReport {
        guard let status = try request(ControlRequest(.watch), timeout: timeout) else {
            throw CtlFailure("sitbreakd sent no status", exitCode: 1)
        }
        return status
    }
}

/// A failure reported as `sitbreakctl: message` with its own exit status.
struct CtlFailure: Error, CustomStringConvertible {
    var description: String
    var exitCode: Int32
    init(_ description: String, exitCode: Int32) {
        self.description = description
        self.exitCode = exitCode
    }
}

/// A duration on the command line, written as in the config: `90s`, `10m`, `1h 30m`.
enum DurationArgument {
    static func spec(help: String) -> ArgumentSpec {
        ArgumentSpec("duration", help: help, isOptional: true, completion: .suggestions(["5m", "10m", "30m", "1h"]))
    }

    /// The duration given; nil when none was.
    static func seconds(in parsed: CtlParsed) throws(UsageError) -> Seconds? {
        guard let text = parsed.argument("duration") else { return nil }
        let seconds: Seconds
        do { seconds = try TimeSpan.parse(text) } catch { throw parsed.usageError(error.description) }
        guard seconds > 0 else { throw parsed.usageError("\"\(text)\" is no time at all; write e.g. \"10m\"") }
        guard ControlRequest.durationRange.contains(seconds) else {
            throw parsed.usageError("\"\(text)\" is out of range; give 1s to 7d")
        }
        return seconds
    }
}
