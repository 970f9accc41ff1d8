import SitBreakBus
import SitBreakEventLoop

/// Whether the screen is being shared or recorded, from the screen-cast sessions that start
/// and end on the session bus: the desktop portal's (`org.freedesktop.portal.ScreenCast.Start`,
/// then the session's `Close` or `Closed`), which browsers and call apps go through on GNOME,
/// KDE and wlroots alike, and GNOME's own (`org.gnome.Mutter.ScreenCast.Session` `Start`, then
/// `Stop` or `Closed`). Neither announces its sessions to others: a bus monitor hears them.
/// A session whose client leaves the bus ends with it.
final class ScreenShareWatch {
    private static let rules = [
        "type='method_call',interface='org.freedesktop.portal.ScreenCast',member='Start'",
        "type='method_call',interface='org.freedesktop.portal.Session',member='Close'",
        "type='signal',interface='org.freedesktop.portal.Session',member='Closed'",
        "type='method_call',interface='org.gnome.Mutter.ScreenCast.Session',member='Start'",
        "type='method_call',interface='org.gnome.Mutter.ScreenCast.Session',member='Stop'",
        "type='signal',interface='org.gnome.Mutter.ScreenCast.Session',member='Closed'",
    ]

    private let link: SessionBusLink
    private let loop: EventLoop
    private var observation: SessionBusLink.Observation?
    private var monitor: BusMonitor?
    /// Sessions sharing now: their object path, with the client that started them.
    private var sessions: [String: String] = [:]
    /// Each client's departure, watched while it shares.
    private var clients: [String: BusSubscription] = [:]
    /// Why sharing cannot be seen, for `doctor`; nil when it can.
    private(set) var problem: String?

    /// `sharing` changed.
    var onChange: () -> Void = {}

    var sharing: Bool { !sessions.isEmpty }

    init(session link: SessionBusLink, loop: EventLoop) {
        self.link = link
        self.loop = loop
        observation = link.observe { [weak self] bus in self?.follow(bus) }
        follow(link.connection)
    }

    private func follow(_ bus: BusConnection?) {
        let before = sharing
        monitor = nil
        sessions = [:]
        clients = [:]
        if bus != nil {
            do {
                monitor = try BusMonitor(sessionBusFor: loop, matching: Self.rules) { [weak self] copy in self?.heard(copy) }
                problem = nil
            } catch {
                problem = "cannot hear screen-cast sessions start (\(error))"
            }
        } else {
            problem = "not seen (no session bus, where screen-cast sessions start)"
        }
        if sharing != before { onChange() }
    }

    private func heard(_ copy: BusMonitor.Copy) {
        let before = sharing
        switch (copy.interface, copy.member) {
        case ("org.freedesktop.portal.ScreenCast", "Start"):
            // Start(session_handle, parent_window, options): the session is the first argument.
            if let handle = copy.arguments.first?.stringValue { started(handle, by: copy.sender) }
        case ("org.gnome.Mutter.ScreenCast.Session", "Start"):
            started(copy.path, by: copy.sender)
        default:
            sessions[copy.path] = nil
        }
        if sharing != before { onChange() }
    }

    private func started(_ session: String, by client: String) {
        sessions[session] = client
        guard clients[client] == nil, let bus = link.connection else { return }
        clients[client] = try? bus.watchOwner(of: client) { [weak self] owner in
            guard owner == nil, let self else { return }
            // The watch stays until the bus connection goes: it is released only outside its own callback.
            let before = sharing
            sessions = sessions.filter { $0.value != client }
            if sharing != before { onChange() }
        }
    }
}
