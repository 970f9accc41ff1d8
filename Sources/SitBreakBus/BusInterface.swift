/// What one exported D-Bus interface offers: its methods, properties and signals, with their
/// types. The same description answers `Introspect` and checks each call's arguments, so
/// what a host reads and what the object accepts cannot drift apart.
public struct BusInterface: Equatable, Sendable {
    public var name: String
    public var methods: [Method]
    public var properties: [Property]
    public var signals: [Signal]

    public init(name: String, methods: [Method] = [], properties: [Property] = [], signals: [Signal] = []) {
        self.name = name
        self.methods = methods
        self.properties = properties
        self.signals = signals
    }

    public struct Argument: Equatable, Sendable {
        public var name: String
        public var signature: String
        public init(_ name: String, _ signature: String) {
            self.name = name
            self.signature = signature
        }
    }

    public struct Method: Equatable, Sendable {
        public var name: String
        public var inputs: [Argument]
        public var outputs: [Argument]
        public init(_ name: String, in inputs: [Argument] = [], out outputs: [Argument] = []) {
            self.name = name
            self.inputs = inputs
            self.outputs = outputs
        }
        /// The signature a call's arguments must have, e.g. `ii`.
        public var inputSignature: String { inputs.map(\.signature).joined() }
    }

    public struct Property: Equatable, Sendable {
        public var name: String
        public var signature: String
        /// Whether `PropertiesChanged` carries it. A value that changes every second (how long
        /// the user has sat) is read when wanted instead of announced.
        public var announcesChanges: Bool
        public init(_ name: String, _ signature: String, announcesChanges: Bool = true) {
            self.name = name
            self.signature = signature
            self.announcesChanges = announcesChanges
        }
    }

    public struct Signal: Equatable, Sendable {
        public var name: String
        public var arguments: [Argument]
        public init(_ name: String, _ arguments: [Argument] = []) {
            self.name = name
            self.arguments = arguments
        }
    }
}

/// An error a method call answers with: a D-Bus error name and a message for people.
public struct BusMethodError: Error, Equatable, Sendable {
    public var name: String
    public var message: String

    public init(name: String, message: String) {
        self.name = name
        self.message = message
    }

    public static func invalidArguments(_ message: String) -> BusMethodError {
        BusMethodError(name: "org.freedesktop.DBus.Error.InvalidArgs", message: message)
    }
}

/// The code behind an exported object: its interfaces, their properties' current values and
/// what each method does. Everything else a client may ask (`Properties`, `Introspectable`,
/// argument checks) `BusObjectDispatch` answers from the descriptions.
public protocol BusObjectBehaviour: AnyObject {
    var interfaces: [BusInterface] { get }
    /// The value of `property` of `interface` now; nil only for a property not described.
    func value(of property: String, in interface: String) -> BusValue?
    /// Carries out a described method whose arguments have been checked against its inputs.
    func call(_ method: String, in interface: String, with arguments: [BusValue]) -> Result<[BusValue], BusMethodError>
}

/// Answers one method call to an exported object, without a bus: what sd-bus hands the
/// object's callback, reduced to names and values, and the reply to send back.
public enum BusObjectDispatch {
    public static let properties = "org.freedesktop.DBus.Properties"
    public static let introspectable = "org.freedesktop.DBus.Introspectable"

    /// The reply, or nil when the call is not for this object (sd-bus then answers it: the
    /// `Peer` interface, or `UnknownMethod`).
    public static func answer(
        _ object: BusObjectBehaviour, interface: String?, member: String, arguments: [BusValue], path: String
    ) -> Result<[BusValue], BusMethodError>? {
        switch (interface, member) {
        case (introspectable, "Introspect"):
            return .success([.string(BusIntrospection.xml(object.interfaces))])
        case (properties, "Get"):
            guard arguments.map(\.signature) == ["s", "s"], let name = arguments[0].stringValue,
                let property = arguments[1].stringValue
            else { return .failure(.invalidArguments("Get takes (s interface, s property)")) }
            guard let described = object.interfaces.first(where: { $0.name == name }) else {
                return .failure(unknownInterface(name, path))
            }
            guard described.properties.contains(where: { $0.name == property }),
                let value = object.value(of: property, in: name)
            else {
                return .failure(BusMethodError(
                    name: "org.freedesktop.DBus.Error.UnknownProperty", message: "\(name) has no property \(property)"))
            }
            return .success([.variant(value)])
        case (properties, "GetAll"):
            guard arguments.map(\.signature) == ["s"], let name = arguments[0].stringValue else {
                return .failure(.invalidArguments("GetAll takes (s interface)"))
            }
            guard let described = object.interfaces.first(where: { $0.name == name }) else {
                return .failure(unknownInterface(name, path))
            }
            return .success([allProperties(of: described, from: object)])
        case (properties, "Set"):
            return .failure(BusMethodError(
                name: "org.freedesktop.DBus.Error.PropertyReadOnly",
                message: "every property here is read-only; use the methods to change what they show"))
        default:
            let candidates = object.interfaces.filter { interface == nil || $0.name == interface }
            // Not one of ours (`Peer`, a typo): sd-bus answers it.
            if candidates.isEmpty { return nil }
            guard let described = candidates.first(where: { $0.methods.contains { $0.name == member } }),
                let method = described.methods.first(where: { $0.name == member })
            else {
                return .failure(BusMethodError(
                    name: "org.freedesktop.DBus.Error.UnknownMethod", message: "\(interface ?? path) has no method \(member)"))
            }
            let given = arguments.map(\.signature).joined()
            guard given == method.inputSignature else {
                return .failure(.invalidArguments(
                    "\(described.name).\(member) takes (\(method.inputSignature)), not (\(given))"))
            }
            return object.call(member, in: described.name, with: arguments)
        }
    }

    /// `a{sv}` of every property of `interface`.
    public static func allProperties(of interface: BusInterface, from object: BusObjectBehaviour) -> BusValue {
        var values: [String: BusValue] = [:]
        for property in interface.properties {
            if let value = object.value(of: property.name, in: interface.name) { values[property.name] = value }
        }
        return .properties(values)
    }

    private static func unknownInterface(_ name: String, _ path: String) -> BusMethodError {
        BusMethodError(name: "org.freedesktop.DBus.Error.UnknownInterface", message: "\(path) has no interface \(name)")
    }
}

/// The introspection XML of an object (`org.freedesktop.DBus.Introspectable.Introspect`).
public enum BusIntrospection {
    public static func xml(_ interfaces: [BusInterface]) -> String {
        var lines = [
            #"<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN""#,
            #" "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">"#,
            "<node>",
            #"  <interface name="org.freedesktop.DBus.Introspectable">"#,
            #"    <method name="Introspect"><arg name="xml_data" type="s" direction="out"/></method>"#,
            "  </interface>",
            #"  <interface name="org.freedesktop.DBus.Peer">"#,
            #"    <method name="Ping"/>"#,
            #"    <method name="GetMachineId"><arg name="machine_uuid" type="s" direction="out"/></method>"#,
            "  </interface>",
            #"  <interface name="org.freedesktop.DBus.Properties">"#,
            #"    <method name="Get"><arg name="interface_name" type="s" direction="in"/><arg name="property_name" type="s" direction="in"/><arg name="value" type="v" direction="out"/></method>"#,
            #"    <method name="GetAll"><arg name="interface_name" type="s" direction="in"/><arg name="props" type="a{sv}" direction="out"/></method>"#,
            #"    <method name="Set"><arg name="interface_name" type="s" direction="in"/><arg name="property_name" type="s" direction="in"/><arg name="value" type="v" direction="in"/></method>"#,
            #"    <signal name="PropertiesChanged"><arg name="interface_name" type="s"/><arg name="changed_properties" type="a{sv}"/><arg name="invalidated_properties" type="as"/></signal>"#,
            "  </interface>",
        ]
        for interface in interfaces {
            lines.append(#"  <interface name="\#(interface.name)">"#)
            for method in interface.methods {
                let arguments = method.inputs.map { argument($0, direction: "in") }
                    + method.outputs.map { argument($0, direction: "out") }
                lines.append(arguments.isEmpty
                    ? #"    <method name="\#(method.name)"/>"#
                    : #"    <method name="\#(method.name)">\#(arguments.joined())</method>"#)
            }
            for property in interface.properties {
                let annotation = property.announcesChanges
                    ? "" : #"<annotation name="org.freedesktop.DBus.Property.EmitsChangedSignal" value="false"/>"#
                lines.append(annotation.isEmpty
                    ? #"    <property name="\#(property.name)" type="\#(property.signature)" access="read"/>"#
                    : #"    <property name="\#(property.name)" type="\#(property.signature)" access="read">\#(annotation)</property>"#)
            }
            for signal in interface.signals {
                let arguments = signal.arguments.map { argument($0, direction: nil) }
                lines.append(arguments.isEmpty
                    ? #"    <signal name="\#(signal.name)"/>"#
                    : #"    <signal name="\#(signal.name)">\#(arguments.joined())</signal>"#)
            }
            lines.append("  </interface>")
        }
        lines.append("</node>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func argument(_ argument: BusInterface.Argument, direction: String?) -> String {
        let name = #"<arg name="\#(argument.name)" type="\#(argument.signature)""#
        return name + (direction.map { #" direction="\#($0)"/>"# } ?? "/>")
    }
}
