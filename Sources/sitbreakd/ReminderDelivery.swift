import Logging
import SitBreakCore
import SitBreakOS

/// Carries reminders to the user: the `watch` stream always, the user's terminals when the
/// config or the lack of a desktop says so.
final class ReminderDelivery {
    private let terminals: TerminalSessions
    private let logger: Logger
    private(set) var via: Delivery

    init(terminals: TerminalSessions, via: Delivery, logger: Logger) {
        self.terminals = terminals
        self.via = via
        self.logger = logger
    }

    func update(via: Delivery) { self.via = via }

    /// Channels in use, for `status`.
    var channels: [String] { ["terminal", "watch"] }

    /// Desktop notifications are not built yet: a config that asks for them is told so.
    var problems: [String] {
        via == .desktop
            ? ["notify.via = \"desktop\": desktop notifications are not part of this build yet; "
                + "reminders go to your terminals"]
            : []
    }

    func remind(_ text: ReminderText) {
        let delivery = terminals.write(message: text.terminalMessage, bell: true, to: terminals.list())
        for skipped in delivery.skipped {
            logger.debug("terminal reminder not written to \(skipped.path): \(skipped.reason)")
        }
    }
}
