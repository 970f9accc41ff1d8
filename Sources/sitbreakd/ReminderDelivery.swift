import Logging
import SitBreakCore
import SitBreakOS

/// Carries reminders to the user: a desktop notification with buttons when a notification
/// server is there (and the config allows it), the user's terminals otherwise or as well.
/// `watch` clients hear every reminder from the daemon itself.
final class ReminderDelivery {
    private let terminals: TerminalSessions
    private let logger: Logger
    private let busLink: SessionBusLink
    private var notifier: DesktopNotifier?
    private var settings: NotifySettings
    private var snooze: Seconds
    /// The notification on screen, replaced in place while the break stays overdue.
    private var shownID: UInt32?
    /// A reminder held back while the server says "do not disturb", shown when it ends.
    private var held: (text: ReminderText, reminder: Reminder)?
    /// What a button on the notification asks for.
    var onAction: (NotificationAction) -> Void = { _ in }

    init(terminals: TerminalSessions, settings: NotifySettings, snooze: Seconds, loop: EventLoop, logger: Logger) {
        self.terminals = terminals
        self.settings = settings
        self.snooze = snooze
        self.logger = logger
        busLink = SessionBusLink(loop: loop)
        busLink.observe { [unowned self] connection in connect(connection) }
        connect(busLink.connection)
    }

    func update(settings: NotifySettings, snooze: Seconds) {
        self.settings = settings
        self.snooze = snooze
    }

    private func connect(_ connection: BusConnection?) {
        shownID = nil
        notifier = nil
        guard let connection else { return }
        do {
            notifier = try DesktopNotifier(bus: connection) { [unowned self] event in handle(event) }
        } catch {
            logger.warning("desktop notifications unavailable: \(error)")
        }
    }

    private var desktopAvailable: Bool { notifier?.isAvailable ?? false }

    private var wantsDesktop: Bool { settings.via != .terminal }

    /// Terminals get the reminder when asked for, and whenever the desktop cannot take it.
    private var wantsTerminal: Bool {
        settings.via == .terminal || settings.via == .both || !desktopAvailable
    }

    /// Channels in use now, for `status`.
    var channels: [String] {
        var channels: [String] = []
        if wantsDesktop && desktopAvailable { channels.append("desktop") }
        if wantsTerminal { channels.append("terminal") }
        return channels + ["watch"]
    }

    /// Why reminders do not go where the config asks, with what to do.
    var problems: [String] {
        guard settings.via == .desktop || settings.via == .both, !desktopAvailable else { return [] }
        let why = notifier?.whyUnavailable ?? busLink.problem ?? "no notification server"
        return ["notify.via = \"\(settings.via.rawValue)\": desktop notifications unavailable (\(why)); "
            + "reminders go to your terminals. Start a notification server (dunst, mako, your desktop's own) "
            + "or run `systemctl --user import-environment DBUS_SESSION_BUS_ADDRESS DISPLAY`"]
    }

    func remind(_ text: ReminderText, reminder: Reminder) {
        if wantsDesktop && desktopAvailable {
            if settings.respectDoNotDisturb, notifier?.doNotDisturb == true {
                held = (text, reminder)
                logger.info("reminder held: the notification server is in do-not-disturb mode")
            } else {
                showDesktop(text, reminder: reminder)
            }
        }
        if wantsTerminal { writeToTerminals(text) }
    }

    /// The reminder no longer applies (break started, snoozed, skipped, natural break).
    func withdraw() {
        held = nil
        guard let id = shownID else { return }
        shownID = nil
        do { try notifier?.close(id) } catch { logger.debug("could not close notification \(id): \(error)") }
    }

    private func showDesktop(_ text: ReminderText, reminder: Reminder) {
        guard let notifier, let features = notifier.features else { return }
        let content = NotificationContent(
            text, urgency: reminder.urgency, breakInProgress: false, snooze: snooze, sound: settings.sound,
            server: features)
        do {
            try notifier.notify(content, replacing: shownID) { [weak self] result in
                guard let self else { return }
                switch result {
                case .success(let id): shownID = id
                case .failure(let error):
                    // Never a silent loss: the terminal gets what the desktop refused.
                    logger.warning("desktop notification failed (\(error)); sent to terminals instead")
                    if !wantsTerminal { writeToTerminals(text) }
                }
            }
        } catch {
            logger.warning("desktop notification not sent (\(error)); sent to terminals instead")
            if !wantsTerminal { writeToTerminals(text) }
        }
    }

    private func writeToTerminals(_ text: ReminderText) {
        let delivery = terminals.write(message: text.terminalMessage, bell: true, to: terminals.list())
        for skipped in delivery.skipped {
            logger.debug("terminal reminder not written to \(skipped.path): \(skipped.reason)")
        }
    }

    private func handle(_ event: DesktopNotifier.Event) {
        switch event {
        case .actionInvoked(let id, let action):
            guard id == shownID else { return }
            onAction(action)
        case .closed(let id, _):
            if id == shownID { shownID = nil }
        case .availabilityChanged(let available):
            shownID = nil
            logger.notice(available ? "notification server is back: reminders go to the desktop"
                          : "notification server gone: reminders go to your terminals")
        case .doNotDisturbChanged(let quiet):
            // One summary reminder when the quiet time ends, not one per missed repeat.
            if !quiet, let (text, reminder) = held {
                held = nil
                showDesktop(text, reminder: reminder)
            }
        }
    }
}

extension NotificationAction {
    var userCommand: UserCommand {
        switch self {
        case .startBreak: .startBreak
        case .snooze: .snooze(nil)
        case .skip: .skip
        case .done: .done
        }
    }
}
