import CSystemd
import Glibc
import SitBreakEventLoop

/// A connection to the user's session bus that only listens: it has asked the bus daemon to
/// copy it the messages that match `rules` (`org.freedesktop.DBus.Monitoring.BecomeMonitor`,
/// which the bus grants to its own user), method calls between other peers included. sitbreakd
/// uses it to hear a desktop session hand its environment to the user manager, which announces
/// no change of its `Environment` property.
///
/// A monitor can send nothing, not even replies: every copy is taken by the filter, so that
/// sd-bus answers none. Lost like any connection when the bus goes away (`onDisconnect`, once).
public final class BusMonitor {
    private let bus: OpaquePointer
    private var filter: OpaquePointer?
    private let box: SeenBox

    /// One message the bus copied to the monitor.
    public struct Copy: Equatable, Sendable {
        /// The unique name of the connection that sent it.
        public var sender: String
        public var isSignal: Bool
        public var interface: String
        public var member: String
        public var path: String
        public var arguments: [BusValue]
    }
    public var onDisconnect: (() -> Void)? {
        get { box.disconnected }
        set { box.disconnected = newValue }
    }

    /// On the user's session bus; `heard` gets each copied method call or signal, from the loop.
    public convenience init(
        sessionBusFor loop: EventLoop, matching rules: [String], _ heard: @escaping (Copy) -> Void
    ) throws(BusError) {
        guard let address = Self.sessionBusAddress() else {
            throw BusError(
                name: "org.freedesktop.DBus.Error.FileNotFound",
                message: "neither DBUS_SESSION_BUS_ADDRESS nor XDG_RUNTIME_DIR is set", context: "opening a bus monitor")
        }
        try self.init(address: address, loop: loop, matching: rules, heard)
    }

    /// On the bus at a D-Bus address such as `unix:path=/run/user/1000/bus`.
    public init(address: String, loop: EventLoop, matching rules: [String], _ heard: @escaping (Copy) -> Void) throws(BusError) {
        var created: OpaquePointer?
        let made = sd_bus_new(&created)
        guard made >= 0, let bus = created else { throw BusError("sd_bus_new", result: made) }
        self.bus = bus
        box = SeenBox(heard)
        // From here on deinit closes the bus, also when a step below throws.
        let context = "becoming a monitor of \(address)"
        for step in [
            { address.withCString { sd_bus_set_address(bus, $0) } },
            { sd_bus_set_bus_client(bus, 1) },
            { sd_bus_set_monitor(bus, 1) },
            { sd_bus_start(bus) },
        ] {
            let result = step()
            guard result >= 0 else { throw BusError(context, result: result) }
        }
        try becomeMonitor(rules, context: context)
        var slot: OpaquePointer?
        let added = sd_bus_add_filter(
            bus, &slot,
            { message, userdata, _ in
                guard let message, let userdata else { return 0 }
                let box = Unmanaged<SeenBox>.fromOpaque(userdata).takeUnretainedValue()
                return withExtendedLifetime(box) { box.take(message) }
            },
            Unmanaged.passUnretained(box).toOpaque())
        guard added >= 0 else { throw BusError("adding the monitor's filter", result: added) }
        filter = slot
        let attached = sd_bus_attach_event(bus, loop.rawPointer, Int32(SD_EVENT_PRIORITY_NORMAL))
        guard attached >= 0 else { throw BusError("attaching the bus monitor to the event loop", result: attached) }
    }

    deinit {
        if let filter { sd_bus_slot_unref(filter) }
        sd_bus_flush_close_unref(bus)
    }

    private func becomeMonitor(_ rules: [String], context: String) throws(BusError) {
        var created: OpaquePointer?
        let made = sd_bus_message_new_method_call(
            bus, &created, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.Monitoring", "BecomeMonitor")
        guard made >= 0, let message = created else { throw BusError(context, result: made) }
        defer { sd_bus_message_unref(message) }
        try BusMessageBody.append([.strings(rules), .uint32(0)], to: message, context: context)
        var error = sd_bus_error()
        defer { sd_bus_error_free(&error) }
        // Once, at setup, before the loop runs: the bus daemon answers at once.
        let called = sd_bus_call(bus, message, 2_000_000, &error, nil)
        guard called >= 0 else {
            throw error.name != nil ? BusError(context, error) : BusError(context, result: called)
        }
    }

    /// Where `sd_bus_open_user` would connect: sd-bus does not say, and a monitor must be
    /// set up before its connection starts.
    static func sessionBusAddress() -> String? {
        if let address = getenv("DBUS_SESSION_BUS_ADDRESS"), address.pointee != 0 { return String(cString: address) }
        guard let runtime = getenv("XDG_RUNTIME_DIR"), runtime.pointee != 0 else { return nil }
        return "unix:path=\(String(cString: runtime))/bus"
    }

    /// The callbacks, boxed so C can carry them as `void *userdata`.
    private final class SeenBox {
        let seen: (Copy) -> Void
        var disconnected: (() -> Void)?
        private var lost = false

        init(_ seen: @escaping (Copy) -> Void) { self.seen = seen }

        /// Every message is taken (1): sd-bus would otherwise answer a copied call to an object
        /// it does not have, and the bus ends a monitor that sends anything.
        func take(_ message: OpaquePointer) -> Int32 {
            func text(_ field: UnsafePointer<CChar>?) -> String { field.map { String(cString: $0) } ?? "" }
            let interface = text(sd_bus_message_get_interface(message))
            let member = text(sd_bus_message_get_member(message))
            if interface == "org.freedesktop.DBus.Local", member == "Disconnected" {
                disconnect()
                return 0
            }
            var type: UInt8 = 0
            guard sd_bus_message_get_type(message, &type) >= 0 else { return 1 }
            // Only the copies asked for: the bus also sends a monitor its own NameAcquired.
            let isSignal = type == UInt8(SD_BUS_MESSAGE_SIGNAL)
            guard type == UInt8(SD_BUS_MESSAGE_METHOD_CALL) || (isSignal && interface != "org.freedesktop.DBus") else { return 1 }
            let arguments = (try? BusMessageBody.read(message, context: "\(interface).\(member)")) ?? []
            seen(Copy(
                sender: text(sd_bus_message_get_sender(message)), isSignal: isSignal, interface: interface, member: member, path: text(sd_bus_message_get_path(message)),
                arguments: arguments))
            return 1
        }

        func disconnect() {
            guard !lost else { return }
            lost = true
            disconnected?()
        }
    }
}

// Bound to the thread of the event loop that dispatches its callbacks: never to be shared.
@available(*, unavailable) extension BusMonitor: Sendable {}
