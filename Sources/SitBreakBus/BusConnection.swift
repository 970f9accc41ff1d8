import CSystemd
import Glibc
import SitBreakEventLoop
import SitBreakModel

/// One sd-bus connection, dispatched by an `EventLoop` on the loop's thread. Every call is
/// asynchronous: replies and signals arrive later as callbacks from the loop, which never
/// waits on the bus.
///
/// Not thread-safe by design, like the loop. A lost connection (the bus daemon exited or
/// dropped us) is reported once through `onDisconnect`; it never comes back, so the owner
/// falls back and may open a new one.
public final class BusConnection {
    let bus: OpaquePointer
    private var disconnectWatch: BusSubscription?
    public private(set) var isConnected = true
    /// Called once, from the loop, when the connection is lost. Pending calls then fail with
    /// `org.freedesktop.DBus.Error.NoReply` and subscriptions go quiet.
    public var onDisconnect: (() -> Void)?

    /// The user's session bus: `$DBUS_SESSION_BUS_ADDRESS`, else `$XDG_RUNTIME_DIR/bus`. Fails
    /// when neither is set (a console or SSH login) or nothing listens there; the error's
    /// message says which.
    public convenience init(sessionBusFor loop: EventLoop) throws(BusError) {
        var bus: OpaquePointer?
        let opened = sd_bus_open_user_with_description(&bus, "sitbreak")
        guard opened >= 0, let bus else { throw BusError("opening the session bus", result: opened) }
        try self.init(started: bus, loop: loop)
    }

    /// The system bus: `$DBUS_SYSTEM_BUS_ADDRESS`, else `/run/dbus/system_bus_socket`.
    public convenience init(systemBusFor loop: EventLoop) throws(BusError) {
        var bus: OpaquePointer?
        let opened = sd_bus_open_system_with_description(&bus, "sitbreak")
        guard opened >= 0, let bus else { throw BusError("opening the system bus", result: opened) }
        try self.init(started: bus, loop: loop)
    }

    /// The bus at a D-Bus address such as `unix:path=/run/user/1000/bus`.
    public convenience init(address: String, loop: EventLoop) throws(BusError) {
        var created: OpaquePointer?
        let made = sd_bus_new(&created)
        guard made >= 0, let bus = created else { throw BusError("sd_bus_new", result: made) }
        let context = "connecting to \(address)"
        for step in [
            { address.withCString { sd_bus_set_address(bus, $0) } },
            { sd_bus_set_bus_client(bus, 1) },
            { sd_bus_start(bus) },
        ] {
            let result = step()
            guard result >= 0 else {
                sd_bus_unref(bus)
                throw BusError(context, result: result)
            }
        }
        try self.init(started: bus, loop: loop)
    }

    private init(started bus: OpaquePointer, loop: EventLoop) throws(BusError) {
        self.bus = bus
        // Every property is set by now, so a throw below runs deinit, which closes the bus.
        let attached = sd_bus_attach_event(bus, loop.rawPointer, Int32(SD_EVENT_PRIORITY_NORMAL))
        guard attached >= 0 else { throw BusError("attaching the bus to the event loop", result: attached) }
        disconnectWatch = try subscribe(to: .disconnected) { [unowned self] _ in
            isConnected = false
            onDisconnect?()
        }
    }

    deinit {
        // Flushing sends what is queued (a last CloseNotification) before the socket closes.
        sd_bus_flush_close_unref(bus)
    }

    /// This connection's unique name (`:1.42`). Right after opening it waits for the bus's
    /// answer to `Hello`, so ask once the loop has run.
    public var uniqueName: String? {
        var name: UnsafePointer<CChar>?
        guard sd_bus_get_unique_name(bus, &name) >= 0, let name else { return nil }
        return String(cString: name)
    }

    /// Sends `call`; `reply` later gets the reply's arguments or the error, exactly once
    /// (unless this connection is released first). Throws only when the call cannot be sent.
    /// `timeout` nil is sd-bus's default of 25 s.
    public func call(
        _ call: BusMethodCall, timeout: Seconds? = nil, reply: @escaping (Result<[BusValue], BusError>) -> Void
    ) throws(BusError) {
        var created: OpaquePointer?
        let made = sd_bus_message_new_method_call(bus, &created, call.destination, call.path, call.interface, call.member)
        guard made >= 0, let message = created else { throw BusError(call.name, result: made) }
        defer { sd_bus_message_unref(message) }
        try BusMessageBody.append(call.arguments, to: message, context: call.name)

        // The reply box is owned by the slot: the slot's destroy callback releases it, whether
        // the reply came or the connection went away first.
        let box = Unmanaged.passRetained(Handler<Result<[BusValue], BusError>>(context: call.name, reply))
        var slot: OpaquePointer?
        let usec = timeout.map { UInt64(max(0.001, $0) * 1e6) } ?? 0
        let sent = sd_bus_call_async(
            bus, &slot, message,
            { reply, userdata, _ in
                Handler<Result<[BusValue], BusError>>.deliver(userdata) { handler in
                    handler.call(reply.map { readReply($0, context: handler.context) }
                        ?? .failure(BusError(name: "org.freedesktop.DBus.Error.NoReply", message: "", context: handler.context)))
                }
                return 0
            },
            box.toOpaque(), usec)
        guard sent >= 0, let slot else {
            box.release()
            throw BusError(call.name, result: sent)
        }
        sd_bus_slot_set_destroy_callback(slot) { userdata in
            if let userdata { Unmanaged<AnyObject>.fromOpaque(userdata).release() }
        }
        sd_bus_slot_set_floating(slot, 1)
        sd_bus_slot_unref(slot)
    }

    /// Sends `call` and blocks the thread until the reply (or `timeout`): only for a probe at
    /// start-up, before the loop runs, where an answer now beats a change announced later.
    public func callAndWait(_ call: BusMethodCall, timeout: Seconds) throws(BusError) -> [BusValue] {
        var created: OpaquePointer?
        let made = sd_bus_message_new_method_call(bus, &created, call.destination, call.path, call.interface, call.member)
        guard made >= 0, let message = created else { throw BusError(call.name, result: made) }
        defer { sd_bus_message_unref(message) }
        try BusMessageBody.append(call.arguments, to: message, context: call.name)
        var error = sd_bus_error()
        defer { sd_bus_error_free(&error) }
        var reply: OpaquePointer?
        let called = sd_bus_call(bus, message, UInt64(max(0.001, timeout) * 1e6), &error, &reply)
        defer { sd_bus_message_unref(reply) }
        guard called >= 0, let reply else {
            throw error.name != nil ? BusError(call.name, error) : BusError(call.name, result: called)
        }
        return try readReply(reply, context: call.name).get()
    }

    /// Calls `handler` with every signal that `match` selects, until the subscription is released.
    /// The bus daemon is asked asynchronously; should it refuse the match, sd-bus closes the
    /// connection (reported through `onDisconnect`).
    public func subscribe(to match: BusMatch, _ handler: @escaping (BusSignal) -> Void) throws(BusError) -> BusSubscription {
        let rule = try match.rule()
        let box = Handler<BusSignal>(context: rule, handler)
        var slot: OpaquePointer?
        let added = rule.withCString {
            sd_bus_add_match_async(
                bus, &slot, $0,
                { message, userdata, _ in
                    Handler<BusSignal>.deliver(userdata) { handler in
                        // A signal whose body cannot be read cannot be acted on either.
                        if let message, let signal = try? readSignal(message, context: handler.context) {
                            handler.call(signal)
                        }
                    }
                    return 0
                },
                nil, box.pointer)
        }
        guard added >= 0, let slot else { throw BusError("adding match \(rule)", result: added) }
        return BusSubscription(slot: slot, handler: box)
    }

    /// Tells `changed` who owns the well-known `name`: its unique name, or nil when nobody
    /// does. Called once the first answer arrives, then on every change.
    public func watchOwner(of name: String, _ changed: @escaping (String?) -> Void) throws(BusError) -> BusSubscription {
        let tracker = OwnerTracker(changed)
        let subscription = try subscribe(
            to: BusMatch(
                sender: "org.freedesktop.DBus", path: "/org/freedesktop/DBus", interface: "org.freedesktop.DBus",
                member: "NameOwnerChanged", firstArgument: name)
        ) { signal in
            guard signal.arguments.count == 3, let owner = signal.arguments[2].stringValue else { return }
            tracker.update(owner.isEmpty ? nil : owner)
        }
        // Asked after subscribing, on the same connection: the bus answers in order, so whichever
        // of this reply and a NameOwnerChanged arrives last is the current owner.
        try call(Self.busDriver("GetNameOwner", [.string(name)])) { [weak tracker] result in
            tracker?.update((try? result.get())?.first?.stringValue)
        }
        return subscription
    }

    /// Reads one property (`org.freedesktop.DBus.Properties.Get`); `reply` gets its value.
    public func getProperty(
        _ property: String, of interface: String, at path: String, on destination: String,
        reply: @escaping (Result<BusValue, BusError>) -> Void
    ) throws(BusError) {
        let get = BusMethodCall(
            destination: destination, path: path, interface: "org.freedesktop.DBus.Properties", member: "Get",
            arguments: [.string(interface), .string(property)])
        try call(get) { result in
            reply(result.flatMap { values in
                guard let value = values.first else {
                    return .failure(BusError(
                        name: "org.freedesktop.DBus.Error.InvalidSignature", message: "empty reply",
                        context: "\(interface).\(property)"))
                }
                return .success(value.unwrapped)
            })
        }
    }

    /// Calls `handler` with each `PropertiesChanged` of `interface` at `path`, from `sender`
    /// (a well-known name is resolved by the bus daemon) or from anyone when nil.
    public func watchProperties(
        of interface: String, at path: String, from sender: String?, _ handler: @escaping (PropertyChanges) -> Void
    ) throws(BusError) -> BusSubscription {
        try subscribe(
            to: BusMatch(
                sender: sender, path: path, interface: "org.freedesktop.DBus.Properties", member: "PropertiesChanged",
                firstArgument: interface)
        ) { signal in
            guard signal.arguments.count == 3, let changed = signal.arguments[1].dictionaryValue,
                let invalidated = signal.arguments[2].stringArrayValue
            else { return }
            handler(PropertyChanges(sender: signal.sender, interface: interface, changed: changed, invalidated: invalidated))
        }
    }

    /// A call to the bus daemon itself (`org.freedesktop.DBus`), e.g. `GetNameOwner`.
    public static func busDriver(_ member: String, _ arguments: [BusValue]) -> BusMethodCall {
        BusMethodCall(
            destination: "org.freedesktop.DBus", path: "/org/freedesktop/DBus", interface: "org.freedesktop.DBus",
            member: member, arguments: arguments)
    }
}

/// Which signals a subscription wants; nil fields match anything.
public struct BusMatch: Equatable, Sendable {
    /// A unique or well-known name; the bus daemon resolves a well-known name to its current owner.
    public var sender: String?
    public var path: String?
    public var interface: String?
    public var member: String?
    /// Only signals whose string arguments at these positions are these strings (`arg0`, `arg1`,
    /// ...). sd-bus checks an argument only when every one before it is a string too: a signal
    /// of (u, o, s, s) never matches on `arg2`.
    public var arguments: [Int: String]

    /// The signal sd-bus delivers locally, to this connection only, when it has lost the bus.
    public static let disconnected = BusMatch(
        path: "/org/freedesktop/DBus/Local", interface: "org.freedesktop.DBus.Local", member: "Disconnected")

    public init(
        sender: String? = nil, path: String? = nil, interface: String? = nil, member: String? = nil,
        firstArgument: String? = nil, arguments: [Int: String] = [:]
    ) {
        self.sender = sender
        self.path = path
        self.interface = interface
        self.member = member
        self.arguments = arguments
        if let firstArgument { self.arguments[0] = firstArgument }
    }

    /// The match rule for `AddMatch`. sd-bus and the D-Bus spec disagree on backslashes inside
    /// quotes, so values with a quote or a backslash (never in names or paths) are refused.
    public func rule() throws(BusError) -> String {
        var parts = ["type='signal'"]
        let fields = [("sender", sender), ("path", path), ("interface", interface), ("member", member)]
            + arguments.sorted { $0.key < $1.key }.map { ("arg\($0.key)", Optional($0.value)) }
        for case (let key, let value?) in fields {
            guard !value.contains(where: { $0 == "'" || $0 == "\\" }) else {
                throw BusError(
                    name: "org.freedesktop.DBus.Error.MatchRuleInvalid",
                    message: "\(key) \(value) holds a quote or a backslash", context: "building a match rule")
            }
            parts.append("\(key)='\(value)'")
        }
        return parts.joined(separator: ",")
    }
}

/// One `org.freedesktop.DBus.Properties.PropertiesChanged` signal.
public struct PropertyChanges: Equatable, Sendable {
    /// The unique name of the connection that sent it.
    public var sender: String
    public var interface: String
    public var changed: [String: BusValue]
    /// Properties that changed without their new value being sent.
    public var invalidated: [String]
}

/// A signal subscription from `BusConnection.subscribe` or `watch…`: the match stays installed
/// while this is alive, and releasing it removes the match.
public final class BusSubscription {
    private let slot: OpaquePointer
    private let handler: AnyObject

    fileprivate init(slot: OpaquePointer, handler: AnyObject) {
        self.slot = slot
        self.handler = handler
    }

    deinit { sd_bus_slot_unref(slot) }
}

/// Remembers the last known owner so `changed` hears each change once.
private final class OwnerTracker {
    private var known: String??
    private let changed: (String?) -> Void

    init(_ changed: @escaping (String?) -> Void) { self.changed = changed }

    func update(_ owner: String?) {
        if case .some(owner) = known { return }
        known = .some(owner)
        changed(owner)
    }
}

/// A Swift closure boxed so that C can carry it as `void *userdata`.
private final class Handler<Value> {
    let context: String
    let handle: (Value) -> Void
    /// The thread that registered it, which runs the loop the bus is attached to.
    private let thread = pthread_self()

    init(context: String, _ handle: @escaping (Value) -> Void) {
        self.context = context
        self.handle = handle
    }

    var pointer: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    func call(_ value: Value) { handle(value) }

    static func deliver(_ userdata: UnsafeMutableRawPointer?, _ body: (Handler) -> Void) {
        guard let userdata else { return }
        let handler = Unmanaged<Handler>.fromOpaque(userdata).takeUnretainedValue()
        assert(pthread_equal(pthread_self(), handler.thread) != 0, "a bus callback entered on another thread")
        // The callback may release the object that owns this box; keep it until the call returns.
        withExtendedLifetime(handler) { body(handler) }
    }
}

private func readReply(_ message: OpaquePointer, context: String) -> Result<[BusValue], BusError> {
    if let error = sd_bus_message_get_error(message) {
        return .failure(BusError(context, error.pointee))
    }
    do {
        return .success(try BusMessageBody.read(message, context: context))
    } catch {
        return .failure(error)
    }
}

private func readSignal(_ message: OpaquePointer, context: String) throws(BusError) -> BusSignal {
    func text(_ field: UnsafePointer<CChar>?) -> String { field.map { String(cString: $0) } ?? "" }
    return BusSignal(
        sender: text(sd_bus_message_get_sender(message)), path: text(sd_bus_message_get_path(message)),
        interface: text(sd_bus_message_get_interface(message)), member: text(sd_bus_message_get_member(message)),
        arguments: try BusMessageBody.read(message, context: context))
}

// Bound to the thread of the event loop that dispatches its callbacks: never to be shared.
@available(*, unavailable) extension BusConnection: Sendable {}
@available(*, unavailable) extension BusSubscription: Sendable {}
