import Glibc
import SitBreakDesktop
import SitBreakModel

/// The Wayland compositor's idle notifications: `idled` once the seat has had no input for the
/// timeout, `resumed` at the next input, again for every absence. Two protocols say this, with
/// the same two events: `ext-idle-notify-v1` (KWin 5.27, sway ≥ 1.8, Hyprland, niri, ...) and
/// the older `org_kde_kwin_idle` (sway 1.7, Debian 12's, and KWin before 5.27); the first is
/// preferred where a compositor offers both. libwayland-client is loaded at run time, so
/// sitbreak installs and runs where it is absent.
///
/// The protocols' interfaces are described to libwayland here, from Debian's
/// `/usr/share/wayland-protocols/staging/ext-idle-notify/ext-idle-notify-v1.xml` and
/// `/usr/share/plasma-wayland-protocols/idle.xml` (both version 1); wayland-scanner's C output
/// would tie the binary to libwayland-client at link time.
///
/// One connection, used from the loop's thread only.
public final class WaylandIdleNotifier: DisplayServerConnection {
    private let wayland: Wayland
    private let display: OpaquePointer
    private let registry: OpaquePointer
    private let inbox = Inbox()
    private var notifier: (proxy: OpaquePointer, kind: IdleProtocol)?
    private var seat: OpaquePointer?
    private var notification: OpaquePointer?

    /// Connects to the compositor at `displayName` (a name under `$XDG_RUNTIME_DIR` or a path)
    /// and finds its idle notifier; the error says why idleness cannot be learned there.
    public init(displayName: String) throws(DisplayServerUnavailable) {
        let wayland = try Wayland.loaded.get()
        guard let display = displayName.withCString({ wayland.displayConnect($0) }) else {
            throw DisplayServerUnavailable(
                "cannot connect to the Wayland compositor at WAYLAND_DISPLAY=\(displayName)",
                fix: DesktopAdvice.handOver("WAYLAND_DISPLAY"))
        }
        var arguments = [WaylandArgument.newID]
        // wl_display.get_registry (opcode 1): new_id<wl_registry>.
        guard let registry = wayland.marshal(display, 1, wayland.registryInterface, 1, 0, &arguments) else {
            wayland.displayDisconnect(display)
            throw DisplayServerUnavailable("the Wayland compositor at \(displayName) refused its registry")
        }
        self.wayland = wayland
        self.display = display
        self.registry = registry
        _ = wayland.addListener(registry, Listeners.registry, Unmanaged.passUnretained(inbox).toOpaque())
        guard wayland.displayRoundtrip(display) >= 0 else {
            throw DisplayServerUnavailable("the Wayland compositor at \(displayName) closed the connection")
        }
        let offered = inbox.globals
        for kind in IdleProtocol.allCases where notifier == nil {
            if let global = offered.first(where: { $0.interface == kind.notifierName }),
                let proxy = bind(global, to: kind.interfaces.notifier, version: 1)
            {
                notifier = (proxy, kind)
            }
        }
        if let global = offered.first(where: { $0.interface == "wl_seat" }) {
            seat = bind(global, to: wayland.seatInterface, version: 1)
        }
        guard notifier != nil else {
            throw DisplayServerUnavailable(
                "the Wayland compositor at \(displayName) offers neither ext-idle-notify-v1 nor org_kde_kwin_idle "
                    + "(GNOME's Mutter offers neither: sitbreak reads GNOME's idle monitor instead)")
        }
        guard seat != nil else { throw DisplayServerUnavailable("the Wayland compositor at \(displayName) has no seat") }
    }

    deinit {
        // Every proxy is freed before the display it belongs to: libwayland frees neither with
        // the connection, and a proxy left behind would point into a freed display.
        stopWatching()
        if let notifier {
            if notifier.kind == .ext {
                var none: [WaylandArgument] = []
                // ext_idle_notifier_v1.destroy (opcode 0), a destructor; org_kde_kwin_idle has none.
                _ = wayland.marshal(notifier.proxy, 0, nil, 1, Wayland.marshalDestroy, &none)
            } else {
                wayland.proxyDestroy(notifier.proxy)
            }
        }
        if let seat { wayland.proxyDestroy(seat) }
        wayland.proxyDestroy(registry)
        _ = wayland.displayFlush(display)
        wayland.displayDisconnect(display)
    }

    /// The connection's socket: readable when the compositor sent something (or went away).
    public var fileDescriptor: Int32 { wayland.displayGetFD(display) }

    /// Which protocol the compositor speaks: `ext-idle-notify-v1` or `org_kde_kwin_idle`.
    public var protocolName: String { notifier?.kind.notifierName ?? "none" }

    /// Asks for `idled` after `seconds` without input and `resumed` at the next input, for
    /// every absence from now on (it replaces an earlier request).
    public func watch(idleAfter seconds: Seconds) -> Bool {
        stopWatching()
        guard let notifier, let seat else { return false }
        let timeout = WaylandArgument.uint(UInt32(min(seconds * 1000, Seconds(UInt32.max))))
        var arguments: [WaylandArgument]
        let opcode: UInt32
        switch notifier.kind {
        case .ext:
            // ext_idle_notifier_v1.get_idle_notification (opcode 1): new_id, uint timeout, object<wl_seat>.
            (opcode, arguments) = (1, [.newID, timeout, .object(seat)])
        case .kwin:
            // org_kde_kwin_idle.get_idle_timeout (opcode 0): new_id, object<wl_seat>, uint timeout.
            (opcode, arguments) = (0, [.newID, .object(seat), timeout])
        }
        notification = wayland.marshal(notifier.proxy, opcode, notifier.kind.interfaces.notification, 1, 0, &arguments)
        guard let notification else { return false }
        _ = wayland.addListener(notification, Listeners.notification, Unmanaged.passUnretained(inbox).toOpaque())
        return wayland.displayFlush(display) >= 0
    }

    public func stopWatching() {
        guard let notification else { return }
        var none: [WaylandArgument] = []
        // ext_idle_notification_v1.destroy and org_kde_kwin_idle_timeout.release: opcode 0, destructors.
        _ = wayland.marshal(notification, 0, nil, 1, Wayland.marshalDestroy, &none)
        self.notification = nil
        _ = wayland.displayFlush(display)
    }

    /// Reads what the compositor sent; returns the notifications in order, nil once the
    /// connection is broken.
    public func takeEvents() -> [WaylandIdleEvent]? {
        guard wayland.displayDispatch(display) >= 0, wayland.displayGetError(display) == 0 else { return nil }
        defer { inbox.events = [] }
        return inbox.events
    }

    private func bind(_ global: Inbox.Global, to interface: UnsafeRawPointer, version: UInt32) -> OpaquePointer? {
        global.interface.withCString { name in
            var arguments = [WaylandArgument.uint(global.name), .string(name), .uint(version), .newID]
            // wl_registry.bind (opcode 0): uint name, then the untyped new_id as string, uint, new_id.
            return wayland.marshal(registry, 0, interface, version, 0, &arguments)
        }
    }

    /// What the listeners collected during one dispatch; reached through their `data` pointer.
    fileprivate final class Inbox {
        struct Global {
            var name: UInt32
            var interface: String
        }

        var globals: [Global] = []
        var events: [WaylandIdleEvent] = []
    }

    /// The C listener tables: arrays of function pointers, made once and kept for the process.
    private enum Listeners {
        static func inbox(_ data: UnsafeMutableRawPointer?) -> Inbox? {
            data.map { Unmanaged<Inbox>.fromOpaque($0).takeUnretainedValue() }
        }

        typealias Global = @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UInt32, UnsafePointer<CChar>?, UInt32) -> Void
        typealias GlobalRemove = @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UInt32) -> Void
        typealias NotificationEvent = @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?) -> Void

        nonisolated(unsafe) static let registry: UnsafeMutableRawPointer = table([
            unsafeBitCast({ data, _, name, interface, _ in
                guard let interface else { return }
                inbox(data)?.globals.append(Inbox.Global(name: name, interface: String(cString: interface)))
            } as Global, to: UnsafeRawPointer.self),
            unsafeBitCast({ _, _, _ in } as GlobalRemove, to: UnsafeRawPointer.self),
        ])

        nonisolated(unsafe) static let notification: UnsafeMutableRawPointer = table([
            unsafeBitCast({ data, _ in inbox(data)?.events.append(.idled) } as NotificationEvent, to: UnsafeRawPointer.self),
            unsafeBitCast({ data, _ in inbox(data)?.events.append(.resumed) } as NotificationEvent, to: UnsafeRawPointer.self),
        ])

        private static func table(_ functions: [UnsafeRawPointer]) -> UnsafeMutableRawPointer {
            let table = UnsafeMutablePointer<UnsafeRawPointer>.allocate(capacity: functions.count)
            table.initialize(from: functions, count: functions.count)
            return UnsafeMutableRawPointer(table)
        }
    }
}

/// What the compositor says about the seat.
public enum WaylandIdleEvent: Equatable, Sendable {
    /// No input for the timeout.
    case idled
    /// Input again after `idled`.
    case resumed
}


/// One `union wl_argument` (8 bytes): what a request's arguments are made of.
private enum WaylandArgument {
    case uint(UInt32)
    case string(UnsafePointer<CChar>)
    case object(OpaquePointer)
    /// A new object's id, which libwayland fills in.
    case newID

    var bits: UInt64 {
        switch self {
        case .uint(let value): UInt64(value)
        case .string(let pointer): UInt64(UInt(bitPattern: pointer))
        case .object(let pointer): UInt64(UInt(bitPattern: UnsafeRawPointer(pointer)))
        case .newID: 0
        }
    }
}

/// The idle protocols a compositor may offer, best first.
private enum IdleProtocol: CaseIterable {
    case ext, kwin

    var notifierName: String {
        switch self {
        case .ext: "ext_idle_notifier_v1"
        case .kwin: "org_kde_kwin_idle"
        }
    }

    var interfaces: IdleProtocolInterfaces {
        switch self {
        case .ext: IdleProtocolInterfaces.ext
        case .kwin: IdleProtocolInterfaces.kwin
        }
    }
}

/// `struct wl_interface` and `struct wl_message` for one idle protocol's two interfaces, laid
/// out in memory that lives as long as the process (libwayland keeps pointers to it in every
/// proxy). Both notifications have the events `idled`/`idle` and `resumed`, in that order.
private struct IdleProtocolInterfaces: @unchecked Sendable {
    let notifier: UnsafeRawPointer
    let notification: UnsafeRawPointer

    /// Made on first use, which follows loading libwayland: wl_seat's interface comes from it.
    static let ext = IdleProtocolInterfaces(
        notifier: "ext_idle_notifier_v1", notification: "ext_idle_notification_v1",
        events: ["idled", "resumed"], notificationMethods: ["destroy"],
        notifierMethods: { notification, seat in
            [("destroy", "", []), ("get_idle_notification", "nuo", [notification, nil, seat])]
        })
    static let kwin = IdleProtocolInterfaces(
        notifier: "org_kde_kwin_idle", notification: "org_kde_kwin_idle_timeout",
        events: ["idle", "resumed"], notificationMethods: ["release", "simulate_user_activity"],
        notifierMethods: { notification, seat in [("get_idle_timeout", "nou", [notification, seat, nil])] })

    private init(
        notifier notifierName: String, notification notificationName: String, events: [String],
        notificationMethods: [String],
        notifierMethods: (UnsafeRawPointer, UnsafeRawPointer?) -> [(String, String, [UnsafeRawPointer?])]
    ) {
        let seat = (try? Wayland.loaded.get())?.seatInterface
        // wl_interface: const char *name; int version; int method_count; const wl_message *methods;
        // int event_count; const wl_message *events (40 bytes on LP64).
        let notification = Self.interface(
            notificationName, methods: notificationMethods.map { ($0, "", []) }, events: events.map { ($0, "", []) })
        let notifier = Self.interface(
            notifierName, methods: notifierMethods(UnsafeRawPointer(notification), seat), events: [])
        self.notifier = UnsafeRawPointer(notifier)
        self.notification = UnsafeRawPointer(notification)
    }

    private static func interface(
        _ name: String, methods: [(String, String, [UnsafeRawPointer?])], events: [(String, String, [UnsafeRawPointer?])]
    ) -> UnsafeMutableRawPointer {
        let interface = UnsafeMutableRawPointer.allocate(byteCount: 40, alignment: 8)
        interface.storeBytes(of: UnsafeRawPointer(strdup(name)), toByteOffset: 0, as: UnsafeRawPointer?.self)
        interface.storeBytes(of: Int32(1), toByteOffset: 8, as: Int32.self)
        interface.storeBytes(of: Int32(methods.count), toByteOffset: 12, as: Int32.self)
        interface.storeBytes(of: messages(methods), toByteOffset: 16, as: UnsafeRawPointer?.self)
        interface.storeBytes(of: Int32(events.count), toByteOffset: 24, as: Int32.self)
        interface.storeBytes(of: messages(events), toByteOffset: 32, as: UnsafeRawPointer?.self)
        return interface
    }

    /// wl_message: const char *name; const char *signature; const wl_interface **types (24 bytes).
    private static func messages(_ list: [(String, String, [UnsafeRawPointer?])]) -> UnsafeRawPointer? {
        guard !list.isEmpty else { return nil }
        let messages = UnsafeMutableRawPointer.allocate(byteCount: 24 * list.count, alignment: 8)
        for (index, (name, signature, types)) in list.enumerated() {
            let typeTable = UnsafeMutablePointer<UnsafeRawPointer?>.allocate(capacity: max(1, types.count))
            typeTable.initialize(repeating: nil, count: max(1, types.count))
            for (slot, type) in types.enumerated() { typeTable[slot] = type }
            messages.storeBytes(of: UnsafeRawPointer(strdup(name)), toByteOffset: 24 * index, as: UnsafeRawPointer?.self)
            messages.storeBytes(of: UnsafeRawPointer(strdup(signature)), toByteOffset: 24 * index + 8, as: UnsafeRawPointer?.self)
            messages.storeBytes(of: UnsafeRawPointer(typeTable), toByteOffset: 24 * index + 16, as: UnsafeRawPointer?.self)
        }
        return UnsafeRawPointer(messages)
    }
}

/// The libwayland-client entry points used, resolved with dlopen/dlsym once per process.
private struct Wayland: @unchecked Sendable {
    static let marshalDestroy: UInt32 = 1

    let displayConnect: @convention(c) (UnsafePointer<CChar>?) -> OpaquePointer?
    let displayDisconnect: @convention(c) (OpaquePointer) -> Void
    let displayGetFD: @convention(c) (OpaquePointer) -> Int32
    let displayRoundtrip: @convention(c) (OpaquePointer) -> Int32
    let displayDispatch: @convention(c) (OpaquePointer) -> Int32
    let displayFlush: @convention(c) (OpaquePointer) -> Int32
    let displayGetError: @convention(c) (OpaquePointer) -> Int32
    let proxyMarshalArrayFlags: @convention(c) (
        OpaquePointer, UInt32, UnsafeRawPointer?, UInt32, UInt32, UnsafeMutableRawPointer?
    ) -> OpaquePointer?
    let addListener: @convention(c) (OpaquePointer, UnsafeMutableRawPointer, UnsafeMutableRawPointer?) -> Int32
    let proxyDestroy: @convention(c) (OpaquePointer) -> Void
    let registryInterface: UnsafeRawPointer
    let seatInterface: UnsafeRawPointer

    static let loaded: Result<Wayland, DisplayServerUnavailable> = Result { () throws(DisplayServerUnavailable) in try Wayland() }

    /// A request: `arguments` in the order of the message's signature.
    func marshal(
        _ proxy: OpaquePointer, _ opcode: UInt32, _ interface: UnsafeRawPointer?, _ version: UInt32, _ flags: UInt32,
        _ arguments: inout [WaylandArgument]
    ) -> OpaquePointer? {
        var slots = arguments.map(\.bits)
        return slots.withUnsafeMutableBytes { proxyMarshalArrayFlags(proxy, opcode, interface, version, flags, $0.baseAddress) }
    }

    private init() throws(DisplayServerUnavailable) {
        guard let library = dlopen("libwayland-client.so.0", RTLD_NOW | RTLD_LOCAL) else {
            throw DisplayServerUnavailable("libwayland-client.so.0 is not installed", fix: "sudo apt install libwayland-client0")
        }
        func symbol<Function>(_ name: String) throws(DisplayServerUnavailable) -> Function {
            guard let address = dlsym(library, name) else {
                throw DisplayServerUnavailable("libwayland-client has no \(name) (needs 1.20 or newer)")
            }
            return unsafeBitCast(address, to: Function.self)
        }
        displayConnect = try symbol("wl_display_connect")
        displayDisconnect = try symbol("wl_display_disconnect")
        displayGetFD = try symbol("wl_display_get_fd")
        displayRoundtrip = try symbol("wl_display_roundtrip")
        displayDispatch = try symbol("wl_display_dispatch")
        displayFlush = try symbol("wl_display_flush")
        displayGetError = try symbol("wl_display_get_error")
        proxyMarshalArrayFlags = try symbol("wl_proxy_marshal_array_flags")
        addListener = try symbol("wl_proxy_add_listener")
        proxyDestroy = try symbol("wl_proxy_destroy")
        guard let registry = dlsym(library, "wl_registry_interface"), let seat = dlsym(library, "wl_seat_interface") else {
            throw DisplayServerUnavailable("libwayland-client has no wl_registry_interface or wl_seat_interface")
        }
        registryInterface = UnsafeRawPointer(registry)
        seatInterface = UnsafeRawPointer(seat)
    }
}

// Bound to the thread of the event loop that dispatches its callbacks: never to be shared.
@available(*, unavailable) extension WaylandIdleNotifier: Sendable {}
