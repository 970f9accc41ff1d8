import CSystemd
import Glibc

extension BusConnection {
    /// Serves `object` at `path` until the returned export is released: sd-bus hands every
    /// method call to that path to `BusObjectDispatch`, and the reply goes back on this
    /// connection. `object` is held weakly: its owner decides how long it lives.
    public func export(_ object: BusObjectBehaviour, at path: String) throws(BusError) -> BusExport {
        let served = ServedObject(object, path: path)
        var slot: OpaquePointer?
        let added = path.withCString {
            sd_bus_add_object(
                bus, &slot, $0,
                { message, userdata, _ in
                    guard let message, let userdata else { return 0 }
                    let served = Unmanaged<ServedObject>.fromOpaque(userdata).takeUnretainedValue()
                    return withExtendedLifetime(served) { served.handle(message) }
                },
                Unmanaged.passUnretained(served).toOpaque())
        }
        guard added >= 0, let slot else { throw BusError("exporting \(path)", result: added) }
        return BusExport(slot: slot, served: served)
    }

    /// Sends a signal from `path`.
    public func emit(
        from path: String, interface: String, member: String, arguments: [BusValue] = []
    ) throws(BusError) {
        var created: OpaquePointer?
        let made = sd_bus_message_new_signal(bus, &created, path, interface, member)
        guard made >= 0, let message = created else { throw BusError("\(interface).\(member)", result: made) }
        defer { sd_bus_message_unref(message) }
        try BusMessageBody.append(arguments, to: message, context: "\(interface).\(member)")
        let sent = sd_bus_send(bus, message, nil)
        guard sent >= 0 else { throw BusError("sending \(interface).\(member)", result: sent) }
    }

    /// `PropertiesChanged` for `changed` properties of `interface` at `path`.
    public func announce(_ changed: [String: BusValue], of interface: String, at path: String) throws(BusError) {
        try emit(
            from: path, interface: BusObjectDispatch.properties, member: "PropertiesChanged",
            arguments: [.string(interface), .properties(changed), .strings([])])
    }

    /// Asks the bus for the well-known `name` (not queued behind another owner: a second
    /// sitbreakd on the same bus gets an error); `reply` hears whether it was granted.
    public func requestName(_ name: String, reply: @escaping (Result<Void, BusError>) -> Void) throws(BusError) {
        // DBUS_NAME_FLAG_DO_NOT_QUEUE
        try call(Self.busDriver("RequestName", [.string(name), .uint32(4)])) { result in
            reply(result.flatMap { values in
                // 1: primary owner, 4: already the owner.
                guard let code = values.first?.uint32Value, code == 1 || code == 4 else {
                    return .failure(BusError(
                        name: "org.freedesktop.DBus.Error.AddressInUse", message: "\(name) has another owner",
                        context: "RequestName \(name)"))
                }
                return .success(())
            })
        }
    }
}

/// An object served on the bus: sd-bus calls it while this lives, and not after.
public final class BusExport {
    private let slot: OpaquePointer
    private let served: ServedObject

    fileprivate init(slot: OpaquePointer, served: ServedObject) {
        self.slot = slot
        self.served = served
    }

    deinit { sd_bus_slot_unref(slot) }
}

/// What the C callback's `userdata` points at.
private final class ServedObject {
    weak var object: BusObjectBehaviour?
    let path: String
    private let thread = pthread_self()

    init(_ object: BusObjectBehaviour, path: String) {
        self.object = object
        self.path = path
    }

    /// 1 when answered here, 0 to let sd-bus answer (`Peer`, unknown interfaces).
    func handle(_ message: OpaquePointer) -> Int32 {
        assert(pthread_equal(pthread_self(), thread) != 0, "a bus call entered on another thread")
        guard let object else { return 0 }
        let interface = sd_bus_message_get_interface(message).map { String(cString: $0) }
        let member = sd_bus_message_get_member(message).map { String(cString: $0) } ?? ""
        let answer: Result<[BusValue], BusMethodError>?
        do {
            let arguments = try BusMessageBody.read(message, context: "\(interface ?? "").\(member)")
            answer = BusObjectDispatch.answer(object, interface: interface, member: member, arguments: arguments, path: path)
        } catch {
            answer = .failure(.invalidArguments("cannot read the arguments: \(error.message)"))
        }
        guard let answer else { return 0 }
        switch answer {
        case .success(let values): return reply(to: message, with: values)
        case .failure(let failure): return replyError(to: message, failure)
        }
    }

    private func reply(to call: OpaquePointer, with values: [BusValue]) -> Int32 {
        var created: OpaquePointer?
        guard sd_bus_message_new_method_return(call, &created) >= 0, let reply = created else { return 1 }
        defer { sd_bus_message_unref(reply) }
        do {
            try BusMessageBody.append(values, to: reply, context: "reply")
        } catch {
            return replyError(to: call, BusMethodError(name: "org.freedesktop.DBus.Error.Failed", message: error.description))
        }
        _ = sd_bus_send(nil, reply, nil)
        return 1
    }

    private func replyError(to call: OpaquePointer, _ failure: BusMethodError) -> Int32 {
        var error = sd_bus_error()
        defer { sd_bus_error_free(&error) }
        sd_bus_error_set(&error, failure.name, failure.message)
        _ = sd_bus_reply_method_error(call, &error)
        return 1
    }
}

@available(*, unavailable) extension BusExport: Sendable {}
