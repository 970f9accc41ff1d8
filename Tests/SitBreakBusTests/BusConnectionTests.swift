import CSystemd
import Foundation
import SitBreakEventLoop
import SitBreakTestSupport
import Testing

@testable import SitBreakBus

/// sd-bus against a real, private `dbus-daemon`: adapter tests, each under a second or two.
@Suite(.enabled(if: PrivateBus.canRun, "needs dbus-daemon and dbus-send"))
struct BusConnectionTests {
    @Test func callsGetRepliesAndErrorsAsValues() throws {
        let bus = try PrivateBus()
        let loop = try EventLoop()
        let connection = try BusConnection(address: bus.address, loop: loop)
        var names: Result<[BusValue], BusError>?
        var owner: Result<[BusValue], BusError>?
        var nobody: Result<[BusValue], BusError>?
        try connection.call(BusConnection.busDriver("ListNames", [])) { names = $0 }
        try connection.call(BusConnection.busDriver("GetNameOwner", [.string("org.freedesktop.DBus")])) { owner = $0 }
        try connection.call(
            BusMethodCall(destination: "org.example.Nobody", path: "/", interface: "org.example.Nobody", member: "Ping")
        ) { nobody = $0 }
        #expect(run(loop) { names != nil && owner != nil && nobody != nil })

        let listed = try #require(try names?.get().first?.stringArrayValue)
        #expect(listed.contains("org.freedesktop.DBus"))
        #expect(listed.contains(try #require(connection.uniqueName)))
        #expect(try owner?.get() == [.string("org.freedesktop.DBus")])
        #expect(throws: BusError.self) { try nobody?.get() }
        guard case .failure(let error) = nobody else { return }
        #expect(error.name == BusError.serviceUnknown)
        #expect(error.context == "org.example.Nobody.Ping")
        #expect(error.description.hasPrefix("org.example.Nobody.Ping: "))
        #expect(error.description.contains("org.example.Nobody"))
    }

    @Test func propertiesAreReadThroughTheirVariant() throws {
        let bus = try PrivateBus()
        let loop = try EventLoop()
        let connection = try BusConnection(address: bus.address, loop: loop)
        var interfaces: Result<BusValue, BusError>?
        var missing: Result<BusValue, BusError>?
        try connection.getProperty("Interfaces", of: "org.freedesktop.DBus", at: "/org/freedesktop/DBus", on: "org.freedesktop.DBus") {
            interfaces = $0
        }
        try connection.getProperty("NoSuchThing", of: "org.freedesktop.DBus", at: "/org/freedesktop/DBus", on: "org.freedesktop.DBus") {
            missing = $0
        }
        #expect(run(loop) { interfaces != nil && missing != nil })
        #expect(try interfaces?.get().stringArrayValue?.contains("org.freedesktop.DBus.Monitoring") == true)
        guard case .failure(let error) = missing else {
            Issue.record("an unknown property was read: \(String(describing: missing))")
            return
        }
        #expect(error.name.hasPrefix("org.freedesktop.DBus.Error."))
    }

    /// A plain sd-bus connection to a private bus, to write and read message bodies directly.
    final class RawConnection {
        let bus: PrivateBus
        let handle: OpaquePointer

        init() throws {
            bus = try PrivateBus()
            var raw: OpaquePointer?
            #expect(sd_bus_new(&raw) >= 0)
            handle = try #require(raw)
            #expect(bus.address.withCString { sd_bus_set_address(handle, $0) } >= 0)
            #expect(sd_bus_set_bus_client(handle, 1) >= 0)
            #expect(sd_bus_start(handle) >= 0)
        }

        deinit { sd_bus_flush_close_unref(handle) }

        /// A signal of `org.example.Test` at `/test`, to append to; the caller unrefs it.
        func signal(_ member: String) throws -> OpaquePointer {
            var created: OpaquePointer?
            #expect(sd_bus_message_new_signal(handle, &created, "/test", "org.example.Test", member) >= 0)
            return try #require(created)
        }
    }

    @Test func everyValueKindSurvivesAMessage() throws {
        let connection = try RawConnection()
        let message = try connection.signal("All")
        defer { sd_bus_message_unref(message) }

        let values: [BusValue] = [
            .byte(200), .bool(true), .bool(false), .int16(-7), .uint16(65_000), .int32(-70_000), .uint32(4_000_000_000),
            .int64(-1 << 40), .uint64(1 << 63), .double(2.5), .string("grüße <&>"), .objectPath("/org/example/x"),
            .signature("a{sv}"), .strings([]), .strings(["a", "b"]),
            .properties(["urgency": .byte(2), "category": .string("x"), "resident": .bool(true)]),
            .structure([.string("x"), .uint32(1)]), .variant(.variant(.int32(5))),
            .array(elementSignature: "{ua(si)}", [
                .dictionaryEntry(key: .uint32(1), value: .array(elementSignature: "(si)", [.structure([.string("s"), .int32(2)])])),
            ]),
        ]
        try BusMessageBody.append(values, to: message, context: "test")
        #expect(sd_bus_message_seal(message, 1, 0) >= 0)
        #expect(sd_bus_message_rewind(message, 1) >= 0)
        #expect(try BusMessageBody.read(message, context: "test") == values)
        #expect(values[15].dictionaryValue == ["urgency": .byte(2), "category": .string("x"), "resident": .bool(true)])
        #expect(values[15].signature == "a{sv}")
        #expect(values[16].signature == "(su)")
        #expect(values[17].unwrapped == .int32(5))
    }

    @Test func bytesGoInOnePieceAndReadBackAsAnArrayOfBytes() throws {
        let connection = try RawConnection()
        let message = try connection.signal("Pixels")
        defer { sd_bus_message_unref(message) }
        let pixels: [UInt8] = [0, 255, 16, 32, 1, 2, 3, 4]
        try BusMessageBody.append([.bytes(pixels), .bytes([])], to: message, context: "test")
        #expect(sd_bus_message_seal(message, 1, 0) >= 0)
        #expect(sd_bus_message_rewind(message, 1) >= 0)
        #expect(try BusMessageBody.read(message, context: "test")
            == [.array(elementSignature: "y", pixels.map(BusValue.byte)), .array(elementSignature: "y", [])])
        #expect(BusValue.bytes(pixels).signature == "ay")
    }

    /// An exported object, called by another connection through the bus daemon.
    @Test func anExportedObjectAnswersCallsFromAnotherConnection() throws {
        final class Greeter: BusObjectBehaviour {
            let interfaces = [BusInterface(
                name: "org.example.Greeter", methods: [.init("Greet", in: [.init("name", "s")], out: [.init("greeting", "s")])],
                properties: [.init("Greeted", "u")])]
            var greeted: UInt32 = 0
            func value(of property: String, in interface: String) -> BusValue? { .uint32(greeted) }
            func call(_ method: String, in interface: String, with arguments: [BusValue]) -> Result<[BusValue], BusMethodError> {
                greeted += 1
                return .success([.string("hello, \(arguments[0].stringValue ?? "")")])
            }
        }
        let bus = try PrivateBus()
        let loop = try EventLoop()
        let server = try BusConnection(address: bus.address, loop: loop)
        let client = try BusConnection(address: bus.address, loop: loop)
        let greeter = Greeter()
        let export = try server.export(greeter, at: "/org/example/Greeter")
        var granted: Result<Void, BusError>?
        try server.requestName("org.example.Greeter") { granted = $0 }
        #expect(run(loop) { granted != nil })
        var greeting: Result<[BusValue], BusError>?
        var wrong: Result<[BusValue], BusError>?
        var count: Result<BusValue, BusError>?
        let greet = BusMethodCall(
            destination: "org.example.Greeter", path: "/org/example/Greeter", interface: "org.example.Greeter", member: "Greet",
            arguments: [.string("you")])
        try client.call(greet) { greeting = $0 }
        try client.call(BusMethodCall(
            destination: greet.destination, path: greet.path, interface: greet.interface, member: "Greet", arguments: [.uint32(1)])
        ) { wrong = $0 }
        try client.getProperty("Greeted", of: "org.example.Greeter", at: greet.path, on: greet.destination) { count = $0 }
        #expect(run(loop) { greeting != nil && wrong != nil && count != nil })
        #expect(try greeting?.get() == [.string("hello, you")])
        guard case .failure(let error) = wrong else {
            Issue.record("a call with the wrong arguments was answered")
            return
        }
        #expect(error.name == "org.freedesktop.DBus.Error.InvalidArgs")
        #expect(error.message == "org.example.Greeter.Greet takes (s), not (u)")
        #expect(try count?.get() == .uint32(1))
        withExtendedLifetime(export) {}
    }

    @Test func signalsReachTheSubscriptionsTheyMatchUntilReleased() throws {
        let bus = try PrivateBus()
        let loop = try EventLoop()
        let connection = try BusConnection(address: bus.address, loop: loop)
        var pings: [BusSignal] = []
        var yeses: [String] = []
        var pingSubscription: BusSubscription? = try connection.subscribe(
            to: BusMatch(path: "/test", interface: "org.example.Test", member: "Ping")
        ) { pings.append($0) }
        let yesSubscription = try connection.subscribe(
            to: BusMatch(interface: "org.example.Test", member: "Ping", firstArgument: "yes")
        ) { yeses.append($0.arguments.first?.stringValue ?? "?") }
        // The bus installs matches in order with calls: once this answers, both are in place.
        var ready = false
        try connection.call(BusConnection.busDriver("GetId", [])) { _ in ready = true }
        #expect(run(loop) { ready })

        try bus.send(signal: "/test org.example.Test.Pong string:yes")
        try bus.send(signal: "/test org.example.Test.Ping string:no uint32:7")
        try bus.send(signal: "/test org.example.Test.Ping string:yes")
        #expect(run(loop) { yeses.count == 1 })
        #expect(pings.map(\.arguments) == [[.string("no"), .uint32(7)], [.string("yes")]])
        #expect(pings.allSatisfy { $0.sender.hasPrefix(":") && $0.path == "/test" && $0.member == "Ping" })

        pingSubscription = nil
        try bus.send(signal: "/other org.example.Test.Ping string:yes")
        #expect(run(loop) { yeses.count == 2 })
        #expect(pings.count == 2)
        withExtendedLifetime((pingSubscription, yesSubscription)) {}
    }

    @Test func aMatchOnLaterStringArgumentsSelectsByThem() throws {
        let bus = try PrivateBus()
        let loop = try EventLoop()
        let connection = try BusConnection(address: bus.address, loop: loop)
        var values: [String] = []
        let subscription = try connection.subscribe(
            to: BusMatch(
                path: "/org/xfce/Xfconf", interface: "org.xfce.Xfconf", member: "PropertyChanged",
                arguments: [0: "xfce4-notifyd", 1: "/do-not-disturb"])
        ) { values.append($0.arguments[1].stringValue ?? "?") }
        var ready = false
        try connection.call(BusConnection.busDriver("GetId", [])) { _ in ready = true }
        #expect(run(loop) { ready })
        for (channel, property) in [("xfce4-panel", "/do-not-disturb"), ("xfce4-notifyd", "/theme"), ("xfce4-notifyd", "/do-not-disturb")] {
            try bus.send(signal: "/org/xfce/Xfconf org.xfce.Xfconf.PropertyChanged string:\(channel) string:\(property) variant:boolean:true")
        }
        #expect(run(loop) { !values.isEmpty })
        #expect(values == ["/do-not-disturb"])
        withExtendedLifetime(subscription) {}
    }

    @Test func ownerWatchFollowsANameFromNobodyToAnOwnerAndBack() throws {
        let bus = try PrivateBus()
        let loop = try EventLoop()
        let watcher = try BusConnection(address: bus.address, loop: loop)
        var owners: [String?] = []
        let watch = try watcher.watchOwner(of: "org.example.Owned") { owners.append($0) }
        #expect(run(loop) { owners.count == 1 })
        #expect(owners == [nil])

        var claimant: BusConnection? = try BusConnection(address: bus.address, loop: loop)
        try claimant?.call(BusConnection.busDriver("RequestName", [.string("org.example.Owned"), .uint32(0)])) { _ in }
        #expect(run(loop) { owners.count == 2 })
        #expect(owners.last == claimant?.uniqueName)

        claimant = nil
        #expect(run(loop) { owners.count == 3 })
        #expect(owners.last == .some(nil))
        withExtendedLifetime(watch) {}
    }

    @Test func aLostBusIsReportedOnceAndThenNothingCanBeSent() throws {
        let bus = try PrivateBus()
        let loop = try EventLoop()
        let connection = try BusConnection(address: bus.address, loop: loop)
        var losses = 0
        connection.onDisconnect = { losses += 1 }
        var ready = false
        try connection.call(BusConnection.busDriver("GetId", [])) { _ in ready = true }
        #expect(run(loop) { ready })
        #expect(connection.isConnected)

        bus.stop()
        #expect(run(loop) { losses == 1 })
        #expect(!connection.isConnected)
        #expect(throws: BusError.self) {
            try connection.call(BusConnection.busDriver("GetId", [])) { _ in }
        }
        #expect(!run(loop, for: 0.2) { losses > 1 })
    }

    @Test func nothingListeningIsAnErrorNamingTheAddress() {
        #expect {
            _ = try BusConnection(address: "unix:path=/nonexistent/sitbreak-bus", loop: try EventLoop())
        } throws: { error in
            guard let error = error as? BusError else { return false }
            return error.name == "org.freedesktop.DBus.Error.FileNotFound" && error.context == "connecting to unix:path=/nonexistent/sitbreak-bus"
        }
    }

    @Test func matchRulesQuoteEachFieldAndRefuseQuotesInValues() throws {
        #expect(try BusMatch().rule() == "type='signal'")
        #expect(
            try BusMatch(sender: "org.freedesktop.DBus", path: "/org/freedesktop/DBus", interface: "org.freedesktop.DBus",
                         member: "NameOwnerChanged", firstArgument: "org.freedesktop.Notifications").rule()
                == "type='signal',sender='org.freedesktop.DBus',path='/org/freedesktop/DBus',"
                + "interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='org.freedesktop.Notifications'")
        #expect(throws: BusError.self) { try BusMatch(firstArgument: "it's").rule() }
        #expect(throws: BusError.self) { try BusMatch(firstArgument: #"back\slash"#).rule() }
    }
}

/// Runs `loop` until `done()` holds or `timeout` seconds have passed; returns whether it held.
/// One iteration at a time (`sd_event_run`), so the loop can be driven again afterwards.
func run(_ loop: EventLoop, for timeout: Double = 5, until done: () -> Bool) -> Bool {
    func monotonicNow() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
    let deadline = monotonicNow() + timeout
    while !done() {
        let left = deadline - monotonicNow()
        guard left > 0 else { return false }
        let result = sd_event_run(loop.rawPointer, UInt64(min(left, 0.05) * 1e6))
        guard result >= 0 else {
            Issue.record("sd_event_run: \(String(cString: strerror(-result)))")
            return false
        }
    }
    return true
}
