import Glibc
import Logging
import SitBreakBus
import SitBreakEventLoop
import SitBreakFiles
import SitBreakModel
import SitBreakProtocol
import SitBreakTray

/// sitbreak's icon in the panel: an `org.kde.StatusNotifierItem` with a `com.canonical.dbusmenu`
/// menu, registered with whichever `org.kde.StatusNotifierWatcher` the desktop runs (GNOME's
/// AppIndicator extension, Plasma, waybar, xfce4-panel). It follows the watcher: registers
/// when one appears, again when it restarts, and while there is none it sends nothing.
/// What it shows is `TrayView`, recomputed by the daemon at each step; a host hears of a
/// change only when the view changed. Nothing ticks: the tooltip names clock times, and the
/// menu's running minutes are brought up to date when the host is about to open it.
final class TrayItem {
    static let watcher = "org.kde.StatusNotifierWatcher"
    static let itemInterface = "org.kde.StatusNotifierItem"
    static let menuInterface = "com.canonical.dbusmenu"
    static let itemPath = "/StatusNotifierItem"
    static let menuPath = "/MenuBar"

    /// A menu entry or a click: carried out by the daemon as the CLI's commands are.
    var onAction: ((TrayAction) -> Void)?
    /// The view now, for a menu about to open between steps.
    var currentView: (() -> TrayView)?

    private let link: SessionBusLink
    private let loop: EventLoop
    private let logger: Logger
    private var settings: TraySettings
    private var observation: SessionBusLink.Observation?
    private var watcherSubscription: BusSubscription?
    private var exports: [BusExport] = []
    private var objects: (item: StatusNotifierObject, menu: DBusMenuObject)?
    /// The well-known name the item is registered under.
    private let busName = "org.kde.StatusNotifierItem-\(getpid())-1"
    private var nameGranted = false
    /// The watcher's unique name, nil while there is none.
    private(set) var host: String?
    /// Registered with the current watcher.
    private(set) var isRegistered = false
    private(set) var view: TrayView?

    init(session link: SessionBusLink, loop: EventLoop, settings: TraySettings, logger: Logger) {
        self.link = link
        self.loop = loop
        self.settings = settings
        self.logger = logger
        if let bus = link.connection { follow(bus) }
        observation = link.observe { [weak self] bus in
            guard let self else { return }
            if let bus { follow(bus) } else { connectionLost() }
        }
    }

    /// What `status` and `doctor` say about the panel; nil when all is as asked.
    var problem: String? {
        guard settings.show == .always, !isRegistered else { return nil }
        if link.connection == nil { return "no tray icon: \(link.problem ?? "no session bus")" }
        return "no tray icon: no panel hosts tray icons (\(Self.watcher) is not on the session bus); "
            + "on GNOME: sudo apt install gnome-shell-extension-appindicator, then log in again"
    }

    /// How `doctor` describes the panel.
    var report: String {
        switch (settings.show, host, isRegistered) {
        case (.never, _, _): "hidden ([tray] show = \"never\")"
        case (_, nil, _): "no panel hosts tray icons here (\(Self.watcher) is not on the session bus)"
        case (_, .some, true): "shown in the panel (registered with \(Self.watcher))"
        case (_, .some, false): "registering with \(Self.watcher)"
        }
    }

    func apply(_ settings: TraySettings) {
        let wasShown = self.settings.show != .never
        self.settings = settings
        guard let bus = link.connection else { return }
        if settings.show == .never {
            withdraw()
        } else if !wasShown {
            follow(bus)
        }
    }

    /// The view for the state now: what changed is announced to a registered host.
    func show(_ newView: TrayView) {
        update(to: newView, announcingMenu: true)
    }

    /// The menu as the registered host has it: what it last read or was told.
    private var announcedMenu: [TrayMenuItem]?

    private func update(to newView: TrayView, announcingMenu: Bool) {
        let old = view
        view = newView
        guard isRegistered, let bus = link.connection, let old else { return }
        var signals: [String] = []
        if old.icon != newView.icon { signals.append("NewIcon") }
        if old.itemStatus != newView.itemStatus { signals.append("NewStatus") }
        if old.tooltip != newView.tooltip { signals.append("NewToolTip") }
        for signal in signals {
            let arguments: [BusValue] = signal == "NewStatus" ? [.string(newView.itemStatus.rawValue)] : []
            try? bus.emit(from: Self.itemPath, interface: Self.itemInterface, member: signal, arguments: arguments)
        }
        if announcingMenu { announceMenu(on: bus) }
    }

    /// Tells the host how the menu it holds differs from the view's.
    @discardableResult
    private func announceMenu(on bus: BusConnection) -> Bool {
        guard let menu = objects?.menu, let known = announcedMenu, let current = view?.menu else { return false }
        let changes = DBusMenuLayout.changes(from: known, to: current)
        announcedMenu = current
        guard !changes.isEmpty else { return false }
        if changes.structureChanged {
            menu.revision += 1
            try? bus.emit(
                from: Self.menuPath, interface: Self.menuInterface, member: "LayoutUpdated",
                arguments: [.uint32(menu.revision), .int32(DBusMenuLayout.rootID)])
        }
        if !changes.updated.isEmpty || !changes.removed.isEmpty {
            try? bus.emit(
                from: Self.menuPath, interface: Self.menuInterface, member: "ItemsPropertiesUpdated",
                arguments: changes.signalArguments)
        }
        return changes.structureChanged
    }

    /// The host is about to open the menu: its running minutes are brought up to date (sent
    /// before the reply, so the host has them when it draws). True when the host should read
    /// the layout again.
    fileprivate func menuOpening() -> Bool {
        guard let fresh = currentView?(), let bus = link.connection else { return false }
        update(to: fresh, announcingMenu: false)
        return announceMenu(on: bus)
    }

    // MARK: Following the watcher

    private func follow(_ bus: BusConnection) {
        guard settings.show != .never else { return }
        do {
            let item = StatusNotifierObject(tray: self)
            let menu = DBusMenuObject(tray: self)
            objects = (item, menu)
            exports = [try bus.export(item, at: Self.itemPath), try bus.export(menu, at: Self.menuPath)]
            watcherSubscription = try bus.watchOwner(of: Self.watcher) { [weak self] owner in self?.watcherChanged(owner) }
        } catch {
            logger.warning("tray icon: cannot export it on the session bus: \(error)")
        }
    }

    private func watcherChanged(_ owner: String?) {
        host = owner
        isRegistered = false
        guard owner != nil, let bus = link.connection else { return }
        if nameGranted {
            register(on: bus)
            return
        }
        do {
            try bus.requestName(busName) { [weak self] result in
                guard let self else { return }
                switch result {
                case .success:
                    nameGranted = true
                    register(on: bus)
                case .failure(let error):
                    logger.warning("tray icon: \(error)")
                }
            }
        } catch {
            logger.warning("tray icon: \(error)")
        }
    }

    private func register(on bus: BusConnection) {
        let call = BusMethodCall(
            destination: Self.watcher, path: "/StatusNotifierWatcher", interface: Self.watcher,
            member: "RegisterStatusNotifierItem", arguments: [.string(busName)])
        do {
            try bus.call(call, timeout: 5) { [weak self] result in
                guard let self else { return }
                switch result {
                case .success:
                    isRegistered = true
                    announcedMenu = view?.menu
                    logger.info("tray icon: registered with \(Self.watcher) (\(host ?? "?"))")
                case .failure(let error):
                    logger.warning("tray icon: the panel refused it: \(error)")
                }
            }
        } catch {
            logger.warning("tray icon: \(error)")
        }
    }

    private func withdraw() {
        if nameGranted, let bus = link.connection {
            try? bus.call(BusConnection.busDriver("ReleaseName", [.string(busName)])) { _ in }
        }
        connectionLost()
    }

    /// Off the bus: nothing exported, nothing registered, the name not held.
    private func connectionLost() {
        exports = []
        objects = nil
        watcherSubscription = nil
        nameGranted = false
        isRegistered = false
        host = nil
    }

    // MARK: What the objects answer

    /// The `icons` directory that holds the state icons (a per-user install's, else the
    /// system's), looked up once: hosts read it with every property fetch.
    fileprivate let iconThemePath: String = {
        let icon = "hicolor/scalable/status/\(TrayIcon.sitting.name).svg"
        return InstalledDataFile.path("icons/" + icon).map { String($0.dropLast(icon.count + 1)) } ?? ""
    }()

    fileprivate func act(_ action: TrayAction) { onAction?(action) }
}

/// `org.kde.StatusNotifierItem` at `/StatusNotifierItem`.
private final class StatusNotifierObject: BusObjectBehaviour {
    unowned let tray: TrayItem

    init(tray: TrayItem) { self.tray = tray }

    let interfaces = [
        BusInterface(
            name: TrayItem.itemInterface,
            methods: [
                .init("ContextMenu", in: [.init("x", "i"), .init("y", "i")]),
                .init("Activate", in: [.init("x", "i"), .init("y", "i")]),
                .init("SecondaryActivate", in: [.init("x", "i"), .init("y", "i")]),
                .init("Scroll", in: [.init("delta", "i"), .init("orientation", "s")]),
            ],
            properties: [
                .init("Category", "s"), .init("Id", "s"), .init("Title", "s"), .init("Status", "s"),
                .init("WindowId", "i"), .init("IconThemePath", "s"), .init("IconName", "s"),
                .init("IconPixmap", "a(iiay)"), .init("OverlayIconName", "s"), .init("OverlayIconPixmap", "a(iiay)"),
                .init("AttentionIconName", "s"), .init("AttentionIconPixmap", "a(iiay)"), .init("AttentionMovieName", "s"),
                .init("ToolTip", "(sa(iiay)ss)"), .init("ItemIsMenu", "b"), .init("Menu", "o"),
            ],
            signals: [
                .init("NewTitle"), .init("NewIcon"), .init("NewAttentionIcon"), .init("NewOverlayIcon"),
                .init("NewToolTip"), .init("NewStatus", [.init("status", "s")]),
            ])
    ]

    func value(of property: String, in interface: String) -> BusValue? {
        let view = tray.view
        let icon = view?.icon ?? .sitting
        let noPixmap = BusValue.array(elementSignature: "(iiay)", [])
        switch property {
        case "Category": return .string("ApplicationStatus")
        case "Id": return .string("sitbreak")
        case "Title": return .string("sitbreak")
        case "Status": return .string((view?.itemStatus ?? .active).rawValue)
        case "WindowId": return .int32(0)
        case "IconThemePath": return .string(tray.iconThemePath)
        case "IconName": return .string(icon.name)
        case "IconPixmap": return TrayPixmap.value(icon)
        case "OverlayIconName", "AttentionMovieName": return .string("")
        case "OverlayIconPixmap": return noPixmap
        case "AttentionIconName": return .string(icon == .overdue ? TrayIcon.overdue.name : TrayIcon.due.name)
        case "AttentionIconPixmap": return TrayPixmap.value(icon == .overdue ? .overdue : .due)
        case "ToolTip": return .structure([.string(""), noPixmap, .string("sitbreak"), .string(view?.tooltip ?? "")])
        case "ItemIsMenu": return .bool(false)
        case "Menu": return .objectPath(TrayItem.menuPath)
        default: return nil
        }
    }

    func call(_ method: String, in interface: String, with arguments: [BusValue]) -> Result<[BusValue], BusMethodError> {
        if method == "Activate", let view = tray.view { tray.act(view.activation) }
        // ContextMenu: hosts show the dbusmenu themselves; scrolling and middle clicks do nothing.
        return .success([])
    }
}

/// `com.canonical.dbusmenu` at `/MenuBar`.
private final class DBusMenuObject: BusObjectBehaviour {
    unowned let tray: TrayItem
    /// Bumped at each `LayoutUpdated`.
    var revision: UInt32 = 1

    init(tray: TrayItem) { self.tray = tray }

    let interfaces = [
        BusInterface(
            name: TrayItem.menuInterface,
            methods: [
                .init("GetLayout", in: [.init("parentId", "i"), .init("recursionDepth", "i"), .init("propertyNames", "as")],
                      out: [.init("revision", "u"), .init("layout", "(ia{sv}av)")]),
                .init("GetGroupProperties", in: [.init("ids", "ai"), .init("propertyNames", "as")],
                      out: [.init("properties", "a(ia{sv})")]),
                .init("GetProperty", in: [.init("id", "i"), .init("name", "s")], out: [.init("value", "v")]),
                .init("Event", in: [.init("id", "i"), .init("eventId", "s"), .init("data", "v"), .init("timestamp", "u")]),
                .init("EventGroup", in: [.init("events", "a(isvu)")], out: [.init("idErrors", "ai")]),
                .init("AboutToShow", in: [.init("id", "i")], out: [.init("needUpdate", "b")]),
                .init("AboutToShowGroup", in: [.init("ids", "ai")], out: [.init("updatesNeeded", "ai"), .init("idErrors", "ai")]),
            ],
            properties: [.init("Version", "u"), .init("TextDirection", "s"), .init("Status", "s"), .init("IconThemePath", "as")],
            signals: [
                .init("ItemsPropertiesUpdated", [.init("updatedProps", "a(ia{sv})"), .init("removedProps", "a(ias)")]),
                .init("LayoutUpdated", [.init("revision", "u"), .init("parent", "i")]),
                .init("ItemActivationRequested", [.init("id", "i"), .init("timestamp", "u")]),
            ])
    ]

    private var menu: [TrayMenuItem] { tray.view?.menu ?? [] }

    func value(of property: String, in interface: String) -> BusValue? {
        switch property {
        case "Version": .uint32(3)
        case "TextDirection": .string("ltr")
        case "Status": .string("normal")
        case "IconThemePath": .strings([])
        default: nil
        }
    }

    func call(_ method: String, in interface: String, with arguments: [BusValue]) -> Result<[BusValue], BusMethodError> {
        switch method {
        case "GetLayout":
            guard case .int32(let parent) = arguments[0], case .int32(let depth) = arguments[1] else { break }
            guard let layout = DBusMenuLayout.layout(
                of: menu, parent: parent, depth: depth, propertyNames: arguments[2].stringArrayValue ?? [])
            else { return .failure(.invalidArguments("no menu entry \(parent)")) }
            return .success([.uint32(revision), layout])
        case "GetGroupProperties":
            return .success([DBusMenuLayout.groupProperties(
                of: menu, ids: ids(arguments[0]), propertyNames: arguments[1].stringArrayValue ?? [])])
        case "GetProperty":
            guard case .int32(let id) = arguments[0], let name = arguments[1].stringValue,
                let item = TrayMenuItem.find(id, in: menu), let value = DBusMenuLayout.properties(of: item)[name]
            else { return .failure(.invalidArguments("no such menu entry or property")) }
            return .success([.variant(value)])
        case "Event":
            guard case .int32(let id) = arguments[0], let event = arguments[1].stringValue else { break }
            return clicked(id, event: event) ? .success([]) : .failure(.invalidArguments("no menu entry \(id)"))
        case "EventGroup":
            guard case .array(_, let events) = arguments[0] else { break }
            var unknown: [BusValue] = []
            for case .structure(let fields) in events {
                guard fields.count == 4, case .int32(let id) = fields[0], let event = fields[1].stringValue else { continue }
                if !clicked(id, event: event) { unknown.append(.int32(id)) }
            }
            return .success([.array(elementSignature: "i", unknown)])
        case "AboutToShow":
            return .success([.bool(tray.menuOpening())])
        case "AboutToShowGroup":
            let ids = ids(arguments[0])
            let updates = tray.menuOpening() ? ids.filter { $0 == DBusMenuLayout.rootID } : []
            return .success([.array(elementSignature: "i", updates.map(BusValue.int32)), .array(elementSignature: "i", [])])
        default: break
        }
        return .failure(.invalidArguments("\(method): malformed arguments"))
    }

    private func ids(_ value: BusValue) -> [Int32] {
        guard case .array(_, let elements) = value else { return [] }
        return elements.compactMap { if case .int32(let id) = $0 { id } else { nil } }
    }

    /// A host says `clicked` for a click; `hovered`, `opened` and `closed` need nothing.
    private func clicked(_ id: Int32, event: String) -> Bool {
        guard let item = TrayMenuItem.find(id, in: menu) else { return id == DBusMenuLayout.rootID }
        if event == "clicked", item.enabled, item.visible, let action = item.action { tray.act(action) }
        return true
    }
}

@available(*, unavailable) extension TrayItem: Sendable {}
