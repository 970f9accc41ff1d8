import Glibc
import SitBreakBus
import SitBreakCLI
import SitBreakConfig
import SitBreakDesktop
import SitBreakDisplay
import SitBreakEventLoop
import SitBreakFiles
import SitBreakModel
import SitBreakPresence
import SitBreakProtocol

struct Doctor: CtlCommand {
    static let spec = CtlSpec(
        name: "doctor",
        abstract: "Check what sitbreak can see here, and say how to fix what it cannot.",
        discussion: """
            Checks the user service, the config file, each activity source (with the service's \
            environment, read from the systemd user manager), the sources sitbreakd uses now and \
            the notification server. Exit status 1 when something needs fixing.
            """,
        options: [.flag("json", short: "j", help: "Print the findings as one JSON object.")],
        action: Doctor.self)

    let json: Bool
    init(_ parsed: CtlParsed) { json = parsed.flag("json") }

    func run() throws {
        let report = DoctorProbe().report()
        SitbreakCtl.writeLine(json ? ControlCodec.encodeLine(report) : report.text)
        if !report.problems.isEmpty { throw ExitStatus(1) }
    }
}

/// One finding: whether it is fine, what was seen, and a command that fixes it if it is not.
struct DoctorCheck: Encodable, Equatable {
    var ok: Bool
    var detail: String
    var fix: String?

    static func good(_ detail: String) -> DoctorCheck { DoctorCheck(ok: true, detail: detail, fix: nil) }
    static func bad(_ detail: String, fix: String? = nil) -> DoctorCheck { DoctorCheck(ok: false, detail: detail, fix: fix) }
}

struct DoctorSource: Encodable, Equatable {
    var source: String
    /// Part of what the config asks for (for `auto`, the sources it chooses from).
    var wanted: Bool
    var check: DoctorCheck
}

struct DoctorNotifications: Encodable, Equatable {
    var check: DoctorCheck
    /// `GetServerInformation`: name, vendor, version; nil when no server runs.
    var server: String?
    var capabilities: [String]
    /// The do-not-disturb setting sitbreakd follows and its state, as sitbreakd reports it.
    var doNotDisturb: String?
}

/// What `doctor` found: plain values, printed as text or JSON.
struct DoctorReport: Encodable, Equatable {
    /// Whose environment the sources were checked with.
    var environment: String
    var service: DoctorCheck
    var config: DoctorCheck
    var requestedSources: [String]
    var sources: [DoctorSource]
    /// What sitbreakd says it uses and what it finds wrong; nil when it does not answer.
    var inUse: [String]?
    var daemonProblems: [String]
    var notifications: DoctorNotifications
    /// What sitbreakd can see of calls, shared screens, fullscreen windows and idle inhibitors.
    var engagementSignals: [String]
    /// The panel icon as sitbreakd reports it. Not a problem by itself (not every desktop has
    /// a panel); `[tray] show = "always"` makes a missing one a problem of sitbreakd's.
    var tray: DoctorCheck?

    /// Everything that needs fixing, each with its fix.
    var problems: [String] {
        var found: [String] = []
        func add(_ what: String, _ check: DoctorCheck) {
            guard !check.ok else { return }
            found.append("\(what): \(check.detail)" + (check.fix.map { " — run `\($0)`" } ?? ""))
        }
        add("service", service)
        add("config", config)
        let wanted = sources.filter(\.wanted)
        if !wanted.isEmpty, !wanted.contains(where: \.check.ok) {
            found.append("activity: none of \(wanted.map(\.source).joined(separator: ", ")) works here, so only "
                + "`sitbreakctl away`/`back` tell sitbreak you got up")
        }
        if requestedSources != ["auto"] {
            for source in wanted { add(source.source, source.check) }
        }
        add("notifications", notifications.check)
        return found + daemonProblems.map { "sitbreakd: \($0)" }
    }

    var text: String {
        func line(_ label: String, _ check: DoctorCheck) -> [String] {
            let mark = check.ok ? "ok " : "-- "
            return ["\(label.padding(14))\(mark)\(check.detail)"] + (check.fix.map { ["\("".padding(17))fix: \($0)"] } ?? [])
        }
        var lines = ["sitbreak doctor (sources checked with \(environment))", ""]
        lines += line("service", service)
        lines += line("config", config)
        lines.append("activity      config: \(requestedSources.joined(separator: ", "))"
            + (inUse.map { "; sitbreakd uses \($0.joined(separator: ", "))" } ?? ""))
        for source in sources {
            lines += line("  " + source.source + (source.wanted ? "" : " *"), source.check)
        }
        if sources.contains(where: { !$0.wanted }) { lines.append("  (* not asked for in the config)") }
        lines += line("notifications", notifications.check)
        if !notifications.capabilities.isEmpty {
            lines.append("\("".padding(17))capabilities: \(notifications.capabilities.joined(separator: ", "))")
        }
        if let quiet = notifications.doNotDisturb { lines.append("\("".padding(17))do not disturb: \(quiet)") }
        if let tray { lines += line("tray", tray) }
        for (index, signal) in engagementSignals.enumerated() {
            lines.append("\((index == 0 ? "calls, videos" : "").padding(17))\(signal)")
        }
        lines.append("")
        let problems = problems
        lines.append(problems.isEmpty ? "No problems found." : "Problems:")
        lines += problems.map { "  - \($0)" }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

/// Asks the system: the user manager, the buses, the X server, sitbreakd. Each answer waits
/// at most `patience`.
struct DoctorProbe {
    static let unit = "sitbreak.service"
    let patience: Seconds = 2
    private let loop = try? EventLoop()
    private let session: BusConnection?
    private let system: BusConnection?
    private let ownEnvironment: [String: String]

    init() {
        ownEnvironment = ProcessEnvironment.values(of: ["HOME", "XDG_CONFIG_HOME", "XDG_CONFIG_DIRS"] + DesktopEnvironment.names)
        session = loop.flatMap { try? BusConnection(sessionBusFor: $0) }
        system = loop.flatMap { try? BusConnection(systemBusFor: $0) }
    }

    func report() -> DoctorReport {
        let managerEnvironment = serviceEnvironment()
        let environment = managerEnvironment ?? ownEnvironment
        let (config, settings) = checkConfig()
        let requested = settings?.activity.sources ?? [.auto]
        let wanted: Set<ActivitySourceKind> = requested == [.auto]
            ? Set(ActivitySourceChoice.desktopInputSources + [.tty, .logind]) : Set(requested)
        let daemon = try? DaemonConnection.open(timeout: patience).request(ControlRequest(.status), timeout: patience)
        let shells = Set(DesktopAdvice.Desktop.shellBusNames.map(\.name).filter { name in
            session.map { nameOwner(name, on: $0) != nil } ?? false
        })
        var notifications = checkNotifications(
            desktop: DesktopAdvice.Desktop(DesktopEnvironment(environment), ownedBusNames: shells))
        if let daemon, notifications.server != nil {
            notifications.doNotDisturb = daemon.doNotDisturb.map { "\($0.watched), \($0.on ? "on" : "off")" }
                ?? "none that sitbreak can read on this server"
        }
        return DoctorReport(
            environment: managerEnvironment == nil
                ? "this shell's environment: no systemd user manager answered"
                : "the service's environment, from the systemd user manager",
            service: checkService(daemonAnswers: daemon != nil), config: config, requestedSources: requested.map(\.rawValue),
            sources: ActivitySourceKind.allCases.filter { $0 != .auto }.map { kind in
                DoctorSource(source: kind.rawValue, wanted: wanted.contains(kind), check: check(kind, environment))
            },
            inUse: daemon?.activitySources, daemonProblems: daemon?.problems ?? [],
            notifications: notifications, engagementSignals: daemon?.engagementSignals ?? [],
            tray: daemon?.tray.map { Self.trayCheck($0, desktop: DesktopEnvironment(environment)) })
    }

    /// GNOME hosts tray icons only with the AppIndicator extension, which Debian packages.
    static func trayCheck(_ report: String, desktop: DesktopEnvironment) -> DoctorCheck {
        guard report.hasPrefix("no panel") else { return .good(report) }
        return desktop.desktopNames.contains("GNOME")
            ? .bad(report, fix: "sudo apt install gnome-shell-extension-appindicator, then log in again")
            : .bad(report)
    }

    // MARK: The service

    private static let systemd = "org.freedesktop.systemd1"

    /// The user manager's environment block: what `import-environment` changed, and what every
    /// user service starts with.
    private func serviceEnvironment() -> [String: String]? {
        guard let block = property("Environment", of: "\(Self.systemd).Manager", at: "/org/freedesktop/systemd1",
                                   on: Self.systemd, bus: session)?.stringArrayValue
        else { return nil }
        return Dictionary(block.compactMap { entry in
            entry.firstIndex(of: "=").map { (String(entry[..<$0]), String(entry[entry.index(after: $0)...])) }
        }, uniquingKeysWith: { $1 })
    }

    private func checkService(daemonAnswers: Bool) -> DoctorCheck {
        let loadUnit = BusMethodCall(
            destination: Self.systemd, path: "/org/freedesktop/systemd1", interface: "\(Self.systemd).Manager",
            member: "LoadUnit", arguments: [.string(Self.unit)])
        guard let session, let path = (try? session.callAndWait(loadUnit, timeout: patience))?.first?.stringValue else {
            // Without systemd --user, sitbreakd is started by hand or by the desktop's autostart.
            return daemonAnswers
                ? .good("sitbreakd runs (no systemd user manager answers on the session bus)")
                : .bad("no systemd user manager answers on the session bus, and sitbreakd is not running",
                       fix: "sitbreakd &")
        }
        func unitProperty(_ name: String) -> String {
            property(name, of: "\(Self.systemd).Unit", at: path, on: Self.systemd, bus: session)?.stringValue ?? "unknown"
        }
        let (load, active, sub, file) = (unitProperty("LoadState"), unitProperty("ActiveState"), unitProperty("SubState"),
                                         unitProperty("UnitFileState"))
        let detail = "\(Self.unit) is \(active) (\(sub)), \(load == "loaded" ? file : load)"
        if load != "loaded" { return .bad(detail + "; sitbreak is not installed for your user", fix: "make install") }
        if active == "active" { return .good(detail) }
        if active == "failed" { return .bad(detail, fix: "journalctl --user -u \(Self.unit) -e; systemctl --user restart sitbreak") }
        return .bad(detail, fix: file == "enabled" ? "systemctl --user start sitbreak" : "systemctl --user enable --now sitbreak")
    }

    private func checkConfig() -> (DoctorCheck, Settings?) {
        guard let path = ConfigLoader.defaultPath(environment: ownEnvironment) else {
            return (.bad("neither XDG_CONFIG_HOME nor HOME is set, so there is no config path"), nil)
        }
        let sitePaths = ConfigLoader.sitePaths(environment: ownEnvironment)
        let siteFiles = sitePaths.filter { access($0, F_OK) == 0 }
        do {
            let settings = try ConfigLoader.loadIfPresent(path: path, over: ConfigLoader.siteSettings(sitePaths: sitePaths))
            let exists = access(path, F_OK) == 0
            let under = siteFiles.isEmpty ? "the defaults" : "the site defaults in \(siteFiles.joined(separator: ", "))"
            return (.good(exists ? "\(path) is valid, over \(under)" : "\(path) does not exist; \(under) apply"), settings)
        } catch {
            return (.bad(error.description, fix: "edit \(error.path), then `sitbreakctl reload`"), nil)
        }
    }

    // MARK: Activity sources

    private func check(_ kind: ActivitySourceKind, _ environment: [String: String]) -> DoctorCheck {
        switch kind {
        case .auto, .manual:
            return .good("what you tell `sitbreakctl away`/`back` and `stand`/`sit`")
        case .tty:
            let terminals = TerminalSessions().list()
            return terminals.isEmpty
                ? .bad("you have no terminal login (console or SSH) to watch")
                : .good("\(terminals.count) terminal(s): \(terminals.map(\.path).joined(separator: ", "))")
        case .gnome:
            guard let owner = nameOwner("org.gnome.Mutter.IdleMonitor", on: session) else {
                return .bad("GNOME's idle monitor (org.gnome.Mutter.IdleMonitor) is not on the session bus: "
                    + "not a GNOME session, or gnome-shell is not running")
            }
            return .good("GNOME's idle monitor answers (\(owner))")
        case .wayland:
            return checkWayland(environment)
        case .x11:
            return checkX11(environment)
        case .logind:
            return checkLogind()
        }
    }

    private func checkX11(_ environment: [String: String]) -> DoctorCheck {
        guard let display = environment["DISPLAY"] else {
            return .bad("no DISPLAY in the service's environment", fix: DesktopAdvice.handOver("DISPLAY XAUTHORITY"))
        }
        do {
            // With the cookie the service would use.
            let counter = try X11IdleCounter(displayName: display, authority: environment["XAUTHORITY"])
            let idle = counter.idleSeconds().map { " (idle \(TimeSpan.format($0.rounded(.down))))" } ?? ""
            let how = counter.offersAlarms ? "raises XSync IDLETIME alarms" : "tells its idle time when asked (no XSync IDLETIME)"
            return .good("the X server at DISPLAY=\(display) \(how)\(idle)")
        } catch {
            return .bad(error.reason, fix: error.fix)
        }
    }

    private func checkWayland(_ environment: [String: String]) -> DoctorCheck {
        guard let display = environment["WAYLAND_DISPLAY"] else {
            return .bad("no WAYLAND_DISPLAY in the service's environment (not a Wayland session?)",
                        fix: DesktopAdvice.handOver("WAYLAND_DISPLAY"))
        }
        do {
            let notifier = try WaylandIdleNotifier(displayName: display)
            return .good("the compositor at WAYLAND_DISPLAY=\(display) sends \(notifier.protocolName) notifications")
        } catch {
            return .bad(error.reason, fix: error.fix)
        }
    }

    private func checkLogind() -> DoctorCheck {
        guard system != nil else { return .bad("no system bus") }
        guard nameOwner("org.freedesktop.login1", on: system) != nil else {
            return .bad("systemd-logind is not running (nobody owns org.freedesktop.login1 on the system bus)")
        }
        guard case .structure(let fields)? = property(
            "Display", of: "org.freedesktop.login1.User", at: "/org/freedesktop/login1/user/self",
            on: "org.freedesktop.login1", bus: system),
            fields.count == 2, let id = fields[0].stringValue, let path = fields[1].stringValue, path != "/"
        else {
            return .bad("logind knows no login session of yours with a display (user/self has no Display session)")
        }
        return .good("locks and sleep of session \(id) (\(path))")
    }

    // MARK: Notifications

    private static let notifications = "org.freedesktop.Notifications"

    private func checkNotifications(desktop: DesktopAdvice.Desktop) -> DoctorNotifications {
        guard let session else {
            return DoctorNotifications(
                check: .bad("no session bus, so no desktop notifications: reminders go to your terminals",
                            fix: "sudo apt install dbus-user-session"),
                server: nil, capabilities: [])
        }
        guard nameOwner(Self.notifications, on: session) != nil else {
            let activatable = (try? session.callAndWait(BusConnection.busDriver("ListActivatableNames", []), timeout: patience))?
                .first?.stringArrayValue ?? []
            if activatable.contains(Self.notifications) {
                return DoctorNotifications(
                    check: .good("no notification server runs now; the session bus starts one on demand"),
                    server: nil, capabilities: [])
            }
            return DoctorNotifications(
                check: .bad("no notification server on the session bus: reminders go to your terminals only",
                            fix: DesktopAdvice.notificationServerFix(for: desktop)),
                server: nil, capabilities: [])
        }
        func ask(_ member: String) -> [BusValue] {
            let call = BusMethodCall(
                destination: Self.notifications, path: "/org/freedesktop/Notifications", interface: Self.notifications,
                member: member)
            return (try? session.callAndWait(call, timeout: patience)) ?? []
        }
        let information = ask("GetServerInformation").compactMap(\.stringValue)
        let server = information.count >= 3 ? "\(information[0]) \(information[2]) (\(information[1]))" : "unnamed server"
        let capabilities = (ask("GetCapabilities").first?.stringArrayValue ?? []).sorted()
        let actions = capabilities.contains("actions")
            ? "" : "; it shows no buttons, so answer reminders with `sitbreakctl break`/`snooze`/`skip`"
        return DoctorNotifications(check: .good("\(server)\(actions)"), server: server, capabilities: capabilities)
    }

    // MARK: Bus helpers

    private func nameOwner(_ name: String, on bus: BusConnection?) -> String? {
        (try? bus?.callAndWait(BusConnection.busDriver("GetNameOwner", [.string(name)]), timeout: patience))?.first?.stringValue
    }

    private func property(_ name: String, of interface: String, at path: String, on destination: String, bus: BusConnection?) -> BusValue? {
        let get = BusMethodCall(
            destination: destination, path: path, interface: "org.freedesktop.DBus.Properties", member: "Get",
            arguments: [.string(interface), .string(name)])
        return (try? bus?.callAndWait(get, timeout: patience))?.first?.unwrapped
    }
}
