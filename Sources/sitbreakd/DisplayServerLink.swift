import SitBreakDisplay
import SitBreakEventLoop
import SitBreakModel

/// The connection an X11 or Wayland activity source reads, kept up: its socket is watched, so
/// a server that goes away is noticed at once, and it is tried again after a minute, then
/// less and less often (`RetryBackoff`), or at once when a display socket appears
/// (`DesktopSessionWatch`).
final class DisplayServerLink<Connection: DisplayServerConnection> {
    private(set) var connection: Connection?
    /// Why there is no connection, for `status` and `doctor`.
    private(set) var problem: String?
    /// When to try again; nil while connected or when there is nothing to connect to.
    private(set) var retryAt: Seconds?
    private let serverName: String
    private let loop: EventLoop
    private let open: () throws(DisplayServerUnavailable) -> Connection
    private var socketWatch: IOHandle?
    private var backoff = RetryBackoff(first: 60, last: 900)

    /// `serverName` as in "the X server at DISPLAY=:0".
    init(
        serverName: String, loop: EventLoop,
        open: @escaping () throws(DisplayServerUnavailable) -> Connection
    ) {
        self.serverName = serverName
        self.loop = loop
        self.open = open
    }

    /// Tries to connect; true when connected. `readable` runs whenever the server has sent
    /// something or closed the connection (the source passes it here, not at `init`, because
    /// it captures the source, which makes its link before it is whole).
    @discardableResult
    func connect(at now: Seconds, readable: @escaping () -> Void) -> Bool {
        do {
            let connection = try open()
            do {
                socketWatch = try loop.addIO(fd: connection.fileDescriptor) { _ in readable() }
            } catch {
                problem = "cannot watch the connection to \(serverName): \(error)"
                retryAt = now + backoff.delay()
                return false
            }
            self.connection = connection
            problem = nil
            retryAt = nil
            backoff.reset()
            return true
        } catch {
            problem = error.description
            retryAt = now + backoff.delay()
            return false
        }
    }

    /// The server went away (or stopped answering): drop the connection and try again later.
    func lose(at now: Seconds) {
        // The watch goes before the connection closes its socket (`IOHandle.remove`).
        socketWatch?.remove()
        socketWatch = nil
        connection = nil
        problem = "\(serverName) went away"
        retryAt = now + backoff.delay()
    }
}
