import Testing

@testable import SitBreakBus

/// An exported object answered without a bus: what sd-bus hands the callback, and the reply.
@Suite struct BusObjectDispatchTests {
    final class Counter: BusObjectBehaviour {
        var count: UInt32 = 3
        var added: [UInt32] = []
        let interfaces = [
            BusInterface(
                name: "org.example.Counter",
                methods: [.init("Add", in: [.init("amount", "u")], out: [.init("total", "u")])],
                properties: [.init("Count", "u"), .init("Elapsed", "u", announcesChanges: false)],
                signals: [.init("Overflow", [.init("at", "u")])])
        ]

        func value(of property: String, in interface: String) -> BusValue? {
            switch property {
            case "Count": .uint32(count)
            case "Elapsed": .uint32(42)
            default: nil
            }
        }

        func call(_ method: String, in interface: String, with arguments: [BusValue]) -> Result<[BusValue], BusMethodError> {
            let amount = arguments[0].uint32Value ?? 0
            added.append(amount)
            count += amount
            return .success([.uint32(count)])
        }
    }

    func answer(_ object: Counter, _ interface: String?, _ member: String, _ arguments: [BusValue] = [])
        -> Result<[BusValue], BusMethodError>?
    {
        BusObjectDispatch.answer(object, interface: interface, member: member, arguments: arguments, path: "/counter")
    }

    @Test func propertiesAreReadOneByOneOrAllAndNeverWritten() {
        let counter = Counter()
        #expect(answer(counter, BusObjectDispatch.properties, "Get", [.string("org.example.Counter"), .string("Count")])
            == .success([.variant(.uint32(3))]))
        #expect(answer(counter, BusObjectDispatch.properties, "GetAll", [.string("org.example.Counter")])
            == .success([.properties(["Count": .uint32(3), "Elapsed": .uint32(42)])]))
        #expect(answer(counter, BusObjectDispatch.properties, "Get", [.string("org.example.Counter"), .string("Nope")])
            == .failure(BusMethodError(name: "org.freedesktop.DBus.Error.UnknownProperty", message: "org.example.Counter has no property Nope")))
        #expect(answer(counter, BusObjectDispatch.properties, "GetAll", [.string("org.example.Other")])
            == .failure(BusMethodError(name: "org.freedesktop.DBus.Error.UnknownInterface", message: "/counter has no interface org.example.Other")))
        guard case .failure(let refusal) = answer(
            counter, BusObjectDispatch.properties, "Set", [.string("org.example.Counter"), .string("Count"), .variant(.uint32(9))])
        else {
            Issue.record("Set was accepted")
            return
        }
        #expect(refusal.name == "org.freedesktop.DBus.Error.PropertyReadOnly")
        #expect(counter.count == 3)
    }

    @Test func methodsGetCheckedArgumentsOnly() {
        let counter = Counter()
        #expect(answer(counter, "org.example.Counter", "Add", [.uint32(2)]) == .success([.uint32(5)]))
        // Without an interface, as D-Bus allows, the method is found by name.
        #expect(answer(counter, nil, "Add", [.uint32(1)]) == .success([.uint32(6)]))
        #expect(answer(counter, "org.example.Counter", "Add", [.string("two")])
            == .failure(.invalidArguments("org.example.Counter.Add takes (u), not (s)")))
        #expect(answer(counter, "org.example.Counter", "Reset")
            == .failure(BusMethodError(name: "org.freedesktop.DBus.Error.UnknownMethod", message: "org.example.Counter has no method Reset")))
        #expect(counter.added == [2, 1])
        // Not ours: sd-bus answers (Peer.Ping, or UnknownInterface).
        #expect(answer(counter, "org.freedesktop.DBus.Peer", "Ping") == nil)
    }

    @Test func introspectionDescribesEveryMemberWithItsTypes() throws {
        guard case .success(let values) = answer(Counter(), BusObjectDispatch.introspectable, "Introspect"),
            let xml = values.first?.stringValue
        else {
            Issue.record("no introspection")
            return
        }
        #expect(xml.hasPrefix("<!DOCTYPE node PUBLIC"))
        for line in [
            #"<interface name="org.example.Counter">"#,
            #"<method name="Add"><arg name="amount" type="u" direction="in"/><arg name="total" type="u" direction="out"/></method>"#,
            #"<property name="Count" type="u" access="read"/>"#,
            #"<property name="Elapsed" type="u" access="read"><annotation name="org.freedesktop.DBus.Property.EmitsChangedSignal" value="false"/></property>"#,
            #"<signal name="Overflow"><arg name="at" type="u"/></signal>"#,
            #"<interface name="org.freedesktop.DBus.Properties">"#,
        ] {
            #expect(xml.contains(line), "\(line)")
        }
    }
}
