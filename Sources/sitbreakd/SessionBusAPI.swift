import Logging
import SitBreakBus
import SitBreakModel
import SitBreakProtocol
import SitBreakTray

/// `io.github.sitbreak.SitBreak1` on the user's session bus (docs/dbus-api.md): what a GNOME
/// Shell extension, a KDE widget or a script reads and calls instead of parsing text. Only
/// the user's own processes reach the session bus, as only they reach the control socket.
final class SessionBusAPI: BusObjectBehaviour {
    /// Carries out a command as the CLI's are; returns the model's refusals.
    var perform: ((UserCommand) -> [String])?
    /// The status now, as `status --json` has it.
    var currentStatus: (() -> StatusReport)?

    private let link: SessionBusLink
    private let logger: Logger
    private var observation: SessionBusLink.Observation?
    private var export: BusExport?
    /// What the last `PropertiesChanged` (or the first read) was computed from.
    private var announced: StatusReport?

    let interfaces = [BusAPI.interface]

    init(session link: SessionBusLink, logger: Logger) {
        self.link = link
        self.logger = logger
        if let bus = link.connection { serve(on: bus) }
        observation = link.observe { [weak self] bus in
            guard let self else { return }
            export = nil
            if let bus { serve(on: bus) }
        }
    }

    private func serve(on bus: BusConnection) {
        do {
            export = try bus.export(self, at: BusAPI.path)
            try bus.requestName(BusAPI.name) { [weak self] result in
                if case .failure(let error) = result {
                    self?.logger.warning("session-bus API: \(BusAPI.name) not taken: \(error)")
                }
            }
        } catch {
            logger.warning("session-bus API: cannot export \(BusAPI.path): \(error)")
        }
    }

    /// Announces the properties that changed since the last status.
    func show(_ status: StatusReport) {
        defer { announced = status }
        guard let old = announced, let bus = link.connection else { return }
        let changed = BusAPI.changes(from: old, to: status)
        guard !changed.isEmpty else { return }
        try? bus.announce(changed, of: BusAPI.name, at: BusAPI.path)
    }

    /// The `Reminder` signal, sent as the notification goes out.
    func reminded(summary: String, body: String, move: String?) {
        try? link.connection?.emit(
            from: BusAPI.path, interface: BusAPI.name, member: "Reminder",
            arguments: [.string(summary), .string(body), .string(move ?? "")])
    }

    func value(of property: String, in interface: String) -> BusValue? {
        guard let status = currentStatus?() else { return nil }
        return BusAPI.properties(of: status)[property]
    }

    func call(_ method: String, in interface: String, with arguments: [BusValue]) -> Result<[BusValue], BusMethodError> {
        if method == "GetStatus", let status = currentStatus?() {
            return .success([.string(ControlCodec.encodeLine(status))])
        }
        guard let command = BusAPI.command(method, arguments: arguments) else {
            return .failure(BusMethodError(name: "org.freedesktop.DBus.Error.UnknownMethod", message: method))
        }
        return command.flatMap { command in
            let refusals = perform?(command) ?? []
            guard refusals.isEmpty else {
                return .failure(BusMethodError(name: BusAPI.refusedError, message: refusals.joined(separator: "; ")))
            }
            return .success([])
        }
    }
}

@available(*, unavailable) extension SessionBusAPI: Sendable {}
