import Logging
import SitBreakBus
import SitBreakDesktop
import SitBreakEventLoop
import SitBreakFiles
import SitBreakModel
import SitBreakPresentation
import SitBreakProtocol

/// Carries reminders to the user: a desktop notification with buttons when a notification
/// server is there (and the config allows it), the user's terminals otherwise or as well.
/// `watch` clients hear every reminder from the daemon itself.
///
/// A reminder on the desktop stays until it no longer applies: it never expires, it is
/// withdrawn when the break starts, the user snoozes or skips, or simply gets up (also when
/// that happens while the server has not yet answered), and a server that dies while it is
/// due is asked for again and shown the reminder anew.
final class ReminderDelivery {
    private let terminals: TerminalSessions
    private let logger: Logger
    private let busLink: SessionBusLink
    private let loop: EventLoop
    private var observation: SessionBusLink.Observation?
    /// While a reminder is due and no server runs: when to ask the bus for one again.
    private var serverRetry: TimerHandle?
    private var serverBackoff = RetryBackoff(first: 5, last: 60)
    private var notifier: DesktopNotifier?
    private let desktopQuiet: DoNotDisturbWatch
    private var settings: NotifySettings
    private var snooze: Seconds
    /// The reminder in effect, from `remind` until `withdraw`.
    private var current: (text: ReminderText, reminder: Reminder)?
    /// The notification on screen, replaced in place while the break stays overdue.
    private var shownID: UInt32?
    /// `current` is held back while the desktop says "do not disturb", shown when it ends.
    private var held = false
    /// Counts withdrawals, so that a `Notify` answered after one closes what it showed.
    private var withdrawals = 0
    /// What a button on the notification asks for.
    var onAction: (NotificationAction) -> Void = { _ in }
    /// The channels or their problems changed (a server came or went).
    var onChannelsChanged: () -> Void = {}
    /// How many `watch` clients hear reminders from the daemon.
    var watchers: () -> Int = { 0 }
    /// A desktop session is here that a notification server can show on: one started before
    /// the session has handed its display over (or its cookie) fails, and the bus then holds
    /// every request for the name until its activation timeout, 2 minutes on a session bus.
    var desktopReady: () -> Bool = { false }

    init(
        terminals: TerminalSessions, settings: NotifySettings, snooze: Seconds, session: SessionBusLink,
        desktopQuiet: DoNotDisturbWatch, loop: EventLoop, logger: Logger
    ) {
        self.loop = loop
        self.terminals = terminals
        self.settings = settings
        self.snooze = snooze
        self.logger = logger
        self.desktopQuiet = desktopQuiet
        busLink = session
        observation = busLink.observe { [unowned self] connection in connect(connection) }
        desktopQuiet.onChange = { [unowned self] quiet in doNotDisturbChanged(quiet: quiet) }
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
            notifier = try DesktopNotifier(bus: connection, loop: loop, startingServer: desktopReady()) { [unowned self] event in
                handle(event)
            }
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

    /// The desktop asks not to be disturbed, on the server's own interface or the desktop's switch.
    private var doNotDisturb: Bool { notifier?.doNotDisturb == true || desktopQuiet.quiet }

    /// Which do-not-disturb setting is followed and whether it is on, for `status` and `doctor`.
    var doNotDisturbReport: StatusReport.DoNotDisturb? {
        guard let notifier, notifier.isAvailable else { return nil }
        if let watched = desktopQuiet.watching {
            return StatusReport.DoNotDisturb(watched: watched.description, on: doNotDisturb)
        }
        return notifier.doNotDisturbProperty.map { StatusReport.DoNotDisturb(watched: $0, on: doNotDisturb) }
    }

    /// Why the due reminder is not on screen, for `status`; nil when it is not held.
    var heldBecause: String? { held ? "do not disturb is on" : nil }

    /// Channels in use now, for `status`.
    var channels: [String] {
        var channels: [String] = []
        if wantsDesktop && desktopAvailable { channels.append("desktop") }
        if wantsTerminal { channels.append("terminal") }
        return channels + ["watch"]
    }

    private var whyNoDesktop: String {
        notifier?.whyUnavailable ?? busLink.problem ?? "no notification server"
    }

    /// Why reminders do not go where the config asks, or reach nobody, with what to do.
    var problems: [String] {
        if !(wantsDesktop && desktopAvailable), watchers() == 0, terminals.list().isEmpty {
            let desktop = wantsDesktop ? "desktop notifications are unavailable (\(whyNoDesktop))" : "notify.via = \"terminal\""
            return ["reminders reach nobody: \(desktop), and you have no terminal open for them; start a notification "
                + "server or `sitbreakctl watch` in a terminal (`sitbreakctl doctor` says which server fits your desktop)"]
        }
        guard settings.via == .desktop || settings.via == .both, !desktopAvailable else { return [] }
        return ["notify.via = \"\(settings.via.rawValue)\": desktop notifications unavailable (\(whyNoDesktop)); "
            + "reminders go to your terminals. Start a notification server (`sitbreakctl doctor` says which fits your "
            + "desktop) or hand the session bus over: `\(DesktopAdvice.handOver("DBUS_SESSION_BUS_ADDRESS DISPLAY"))`"]
    }

    func remind(_ text: ReminderText, reminder: Reminder) {
        current = (text, reminder)
        if wantsDesktop {
            if desktopAvailable { offerToDesktop() } else { askForServerWhileDue() }
        }
        if wantsTerminal { writeToTerminals(text) }
    }

    /// A desktop session arrived or became reachable: a server the bus could not start
    /// without its display may start now.
    func desktopChanged() {
        if wantsDesktop, !desktopAvailable, desktopReady() { notifier?.requestServer() }
    }

    /// An activatable server that exited, crashed or could not start yet is asked for again,
    /// now and then less and less often, for as long as a reminder is due.
    private func askForServerWhileDue() {
        guard current != nil, wantsDesktop, !desktopAvailable else {
            serverRetry?.cancel()
            serverRetry = nil
            serverBackoff.reset()
            return
        }
        notifier?.requestServer()
        let at = loop.now(.monotonic) + serverBackoff.delay()
        if let serverRetry {
            serverRetry.reschedule(at: at)
        } else {
            serverRetry = try? loop.addTimer(clock: .monotonic, at: at, accuracy: 1) { [weak self] in
                self?.askForServerWhileDue()
            }
        }
    }

    /// The reminder no longer applies (break started, snoozed, skipped, natural break).
    func withdraw() {
        current = nil
        held = false
        withdrawals += 1
        guard let id = shownID else { return }
        shownID = nil
        close(id)
    }

    private func close(_ id: UInt32) {
        do { try notifier?.close(id) } catch { logger.debug("could not close notification \(id): \(error)") }
    }

    /// Shows `current` unless the desktop asks not to be disturbed, then holds it.
    private func offerToDesktop() {
        guard current != nil else { return }
        if settings.respectDoNotDisturb, doNotDisturb {
            held = true
            logger.info("reminder held: the notification server is in do-not-disturb mode")
        } else {
            held = false
            showDesktop()
        }
    }

    private func showDesktop() {
        guard let (text, _) = current, let notifier, let features = notifier.features else { return }
        var content = NotificationContent(text, breakInProgress: false, snooze: snooze, sound: settings.sound, server: features)
        content.appIcon = ApplicationIcon.reference()
        let sentAfter = withdrawals
        do {
            try notifier.notify(content, replacing: shownID) { [weak self] result in
                guard let self else { return }
                switch result {
                case .success(let id) where withdrawals != sentAfter:
                    // Withdrawn while the server was still answering: nothing may stay on screen.
                    close(id)
                case .success(let id):
                    shownID = id
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

    /// The notice on screen about sitbreak itself, replaced in place while it changes.
    private var warningID: UInt32?
    /// The answer to a click in the panel (the status, today's stats, a refusal).
    private var answerID: UInt32?

    /// Tells the user of a problem only they can fix (a full disk): on the desktop when it
    /// takes notifications, else in their terminals; the journal has it already.
    func warn(summary: String, body: String) {
        notice(summary: summary, body: body, replacing: \.warningID)
    }

    /// Answers what the user asked in the panel, replacing the previous answer.
    func answer(summary: String, body: String) {
        notice(summary: summary, body: body, replacing: \.answerID)
    }

    private func notice(summary: String, body: String, replacing slot: ReferenceWritableKeyPath<ReminderDelivery, UInt32?>) {
        guard wantsDesktop, let notifier, let features = notifier.features else {
            _ = terminals.write(message: "sitbreak: \(body)", bell: false, to: terminals.list())
            return
        }
        var content = NotificationContent(notice: summary, body: body, server: features)
        content.appIcon = ApplicationIcon.reference()
        do {
            try notifier.notify(content, replacing: self[keyPath: slot]) { [weak self] result in
                if case .success(let id) = result { self?[keyPath: slot] = id }
            }
        } catch {
            logger.debug("notice not sent: \(error)")
        }
    }

    /// The problem is gone: its notice goes too.
    func withdrawWarning() {
        guard let id = warningID else { return }
        warningID = nil
        close(id)
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
            if id == warningID { warningID = nil }
        case .availabilityChanged(let available):
            shownID = nil
            warningID = nil
            desktopQuiet.follow(serverName: available ? notifier?.serverName : nil)
            if available {
                logger.notice("notification server \(notifier?.serverName ?? "") is here: reminders go to the desktop")
                // A server that came back while a reminder is due shows it.
                if wantsDesktop { offerToDesktop() }
            } else {
                logger.notice("notification server gone: reminders go to your terminals")
            }
            askForServerWhileDue()
            onChannelsChanged()
        case .doNotDisturbChanged:
            doNotDisturbChanged(quiet: doNotDisturb)
        }
    }

    /// One summary reminder when the quiet time ends, not one per missed repeat.
    private func doNotDisturbChanged(quiet: Bool) {
        logger.info("do-not-disturb \(doNotDisturb ? "on" : "off")")
        if !doNotDisturb, held { offerToDesktop() }
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
