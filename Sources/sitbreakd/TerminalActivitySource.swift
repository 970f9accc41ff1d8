import SitBreakFiles
import SitBreakModel
import SitBreakPresence

/// Console and SSH users: the newest access time of the user's own terminals is their
/// last input, as `w` shows it.
final class TerminalActivitySource: ActivitySource {
    let kind = ActivitySourceKind.tty
    private let terminals: TerminalSessions
    private let breakLength: Seconds
    private var poller: IdlePoller
    private(set) var nextLook: Seconds?

    init(terminals: TerminalSessions, breakLength: Seconds) {
        self.terminals = terminals
        self.breakLength = breakLength
        poller = IdlePoller(breakLength: breakLength)
    }

    var unavailableReason: String? {
        terminals.list().isEmpty ? "you have no terminal login (console or SSH) to watch" : nil
    }

    func start(at now: Moment) {
        poller = IdlePoller(breakLength: breakLength)
        nextLook = now.boot
    }

    func stop() { nextLook = nil }

    /// Every new access time is reported at the next look.
    func reportNextInput() {}

    func lastInput(at now: Moment, reply: @escaping (Seconds?) -> Void) {
        reply(newestAccess(at: now))
    }

    /// Access times are wall-clock readings; placed on the boot clock as it reads now.
    private func newestAccess(at now: Moment) -> Seconds? {
        terminals.list().map(\.lastInput).max().map { now.boot - max(0, now.wall - $0) }
    }

    func look(at now: Moment) -> [SittingEvent] {
        let (events, next) = poller.observe(lastInput: newestAccess(at: now), now: now.boot)
        nextLook = next
        return events
    }
}
