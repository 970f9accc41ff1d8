import CSystemd
import Glibc

/// One D-Bus value, as written into and read out of message bodies.
public indirect enum BusValue: Hashable, Sendable {
    case byte(UInt8)
    case bool(Bool)
    case int16(Int16)
    case uint16(UInt16)
    case int32(Int32)
    case uint32(UInt32)
    case int64(Int64)
    case uint64(UInt64)
    case double(Double)
    case string(String)
    case objectPath(String)
    case signature(String)
    /// A file descriptor passed with the message (`h`): a received one is a duplicate that
    /// closes itself when dropped; a sent one is duplicated by sd-bus.
    case unixFD(PassedDescriptor)
    case variant(BusValue)
    /// `elementSignature` types the array even when it is empty.
    case array(elementSignature: String, [BusValue])
    /// `ay` sent in one piece (an icon's pixels): a byte each as `.array` would cost some
    /// twenty times the memory. Received byte arrays still read as `.array` of `.byte`.
    case bytes([UInt8])
    case structure([BusValue])
    /// An element of a dictionary: an array whose element signature is `{KV}`.
    case dictionaryEntry(key: BusValue, value: BusValue)

    /// `as`.
    public static func strings(_ strings: [String]) -> BusValue {
        .array(elementSignature: "s", strings.map(BusValue.string))
    }

    /// `a{sv}`, keys sorted so that equal dictionaries make equal messages.
    public static func properties(_ entries: [String: BusValue]) -> BusValue {
        .array(
            elementSignature: "{sv}",
            entries.sorted { $0.key < $1.key }.map { .dictionaryEntry(key: .string($0.key), value: .variant($0.value)) })
    }

    /// The D-Bus type signature of this value.
    public var signature: String {
        switch self {
        case .byte: "y"
        case .bool: "b"
        case .int16: "n"
        case .uint16: "q"
        case .int32: "i"
        case .uint32: "u"
        case .int64: "x"
        case .uint64: "t"
        case .double: "d"
        case .string: "s"
        case .objectPath: "o"
        case .signature: "g"
        case .unixFD: "h"
        case .variant: "v"
        case .array(let element, _): "a" + element
        case .bytes: "ay"
        case .structure(let fields): "(" + fields.map(\.signature).joined() + ")"
        case .dictionaryEntry(let key, let value): "{" + key.signature + value.signature + "}"
        }
    }

    // Readers for replies: each looks through variants, so a property value reads the same
    // as a plain argument, and returns nil for any other type.

    public var stringValue: String? {
        switch unwrapped {
        case .string(let text), .objectPath(let text), .signature(let text): text
        default: nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let value) = unwrapped { value } else { nil }
    }

    public var uint32Value: UInt32? {
        if case .uint32(let value) = unwrapped { value } else { nil }
    }

    public var uint64Value: UInt64? {
        if case .uint64(let value) = unwrapped { value } else { nil }
    }

    /// The strings of an `as`.
    public var stringArrayValue: [String]? {
        guard case .array(_, let elements) = unwrapped else { return nil }
        let strings = elements.compactMap(\.stringValue)
        return strings.count == elements.count ? strings : nil
    }

    /// The entries of a dictionary with string keys, such as `a{sv}`; variant values unwrapped.
    public var dictionaryValue: [String: BusValue]? {
        guard case .array(_, let elements) = unwrapped else { return nil }
        var dictionary: [String: BusValue] = [:]
        for element in elements {
            guard case .dictionaryEntry(let key, let value) = element, let name = key.stringValue else { return nil }
            dictionary[name] = value.unwrapped
        }
        return dictionary
    }

    /// The value inside any number of variants.
    public var unwrapped: BusValue {
        if case .variant(let inner) = self { inner.unwrapped } else { self }
    }
}

/// A failed bus operation: the D-Bus error name and message (for failures on this side,
/// sd-bus's names such as `System.Error.ENOENT`), and what was being done.
public struct BusError: Error, Equatable, Sendable, CustomStringConvertible {
    public var name: String
    public var message: String
    /// The call or operation that failed, e.g. `org.freedesktop.Notifications.Notify`.
    public var context: String

    public init(name: String, message: String, context: String) {
        self.name = name
        self.message = message
        self.context = context
    }

    /// From a negative errno-style result of an sd-bus function.
    init(_ context: String, result: Int32) {
        var error = sd_bus_error()
        sd_bus_error_set_errno(&error, -result)
        self.init(context, error)
        sd_bus_error_free(&error)
    }

    init(_ context: String, _ error: sd_bus_error) {
        name = error.name.map { String(cString: $0) } ?? "org.freedesktop.DBus.Error.Failed"
        message = error.message.map { String(cString: $0) } ?? ""
        self.context = context
    }

    public var description: String { "\(context): \(message.isEmpty ? name : "\(message) (\(name))")" }

    /// The D-Bus daemon's answer when nobody owns the destination name and none can be started.
    public static let serviceUnknown = "org.freedesktop.DBus.Error.ServiceUnknown"
}

/// A method call to send: where it goes and its arguments.
public struct BusMethodCall: Equatable, Sendable {
    public var destination: String
    public var path: String
    public var interface: String
    public var member: String
    public var arguments: [BusValue]

    public init(destination: String, path: String, interface: String, member: String, arguments: [BusValue] = []) {
        self.destination = destination
        self.path = path
        self.interface = interface
        self.member = member
        self.arguments = arguments
    }

    /// `interface.member`, for errors and logs.
    public var name: String { "\(interface).\(member)" }
}

/// A signal as received.
public struct BusSignal: Equatable, Sendable {
    /// The unique name (`:1.42`) of the connection that sent it.
    public var sender: String
    public var path: String
    public var interface: String
    public var member: String
    public var arguments: [BusValue]

    public init(sender: String, path: String, interface: String, member: String, arguments: [BusValue]) {
        self.sender = sender
        self.path = path
        self.interface = interface
        self.member = member
        self.arguments = arguments
    }
}

/// Writes and reads `sd_bus_message` bodies as `BusValue`s, through the non-variadic
/// sd-bus calls (Swift cannot call `sd_bus_message_append`/`_read`).
enum BusMessageBody {
    static func append(_ values: [BusValue], to message: OpaquePointer, context: String) throws(BusError) {
        for value in values { try append(value, to: message, context: context) }
    }

    static func append(_ value: BusValue, to message: OpaquePointer, context: String) throws(BusError) {
        let result: Int32
        switch value {
        case .byte(var byte): result = appendBasic(message, "y", &byte)
        case .bool(let flag):
            var word: Int32 = flag ? 1 : 0
            result = appendBasic(message, "b", &word)
        case .int16(var number): result = appendBasic(message, "n", &number)
        case .uint16(var number): result = appendBasic(message, "q", &number)
        case .int32(var number): result = appendBasic(message, "i", &number)
        case .uint32(var number): result = appendBasic(message, "u", &number)
        case .int64(var number): result = appendBasic(message, "x", &number)
        case .uint64(var number): result = appendBasic(message, "t", &number)
        case .double(var number): result = appendBasic(message, "d", &number)
        case .unixFD(let passed):
            var descriptor = passed.descriptor
            result = appendBasic(message, "h", &descriptor)
        // For string types sd-bus takes the characters themselves, not a pointer to a pointer.
        case .string(let text): result = text.withCString { sd_bus_message_append_basic(message, typeCode("s"), $0) }
        case .objectPath(let text): result = text.withCString { sd_bus_message_append_basic(message, typeCode("o"), $0) }
        case .signature(let text): result = text.withCString { sd_bus_message_append_basic(message, typeCode("g"), $0) }
        case .variant(let inner):
            try inContainer(message, "v", inner.signature, context: context) { () throws(BusError) in
                try append(inner, to: message, context: context)
            }
            return
        case .bytes(let bytes):
            result = bytes.withUnsafeBytes { sd_bus_message_append_array(message, typeCode("y"), $0.baseAddress, $0.count) }
        case .array(let element, let elements):
            try inContainer(message, "a", element, context: context) { () throws(BusError) in
                try append(elements, to: message, context: context)
            }
            return
        case .structure(let fields):
            try inContainer(message, "r", fields.map(\.signature).joined(), context: context) { () throws(BusError) in
                try append(fields, to: message, context: context)
            }
            return
        case .dictionaryEntry(let key, let entryValue):
            try inContainer(message, "e", key.signature + entryValue.signature, context: context) { () throws(BusError) in
                try append([key, entryValue], to: message, context: context)
            }
            return
        }
        guard result >= 0 else { throw BusError("\(context): writing \(value.signature)", result: result) }
    }

    /// Every value from the current read position to the end of the body.
    static func read(_ message: OpaquePointer, context: String) throws(BusError) -> [BusValue] {
        var values: [BusValue] = []
        while let value = try readNext(message, context: context) { values.append(value) }
        return values
    }

    /// The next value of the current container, or nil at its end.
    private static func readNext(_ message: OpaquePointer, context: String) throws(BusError) -> BusValue? {
        var type: CChar = 0
        var contents: UnsafePointer<CChar>?
        let peeked = sd_bus_message_peek_type(message, &type, &contents)
        guard peeked >= 0 else { throw BusError("\(context): reading the reply", result: peeked) }
        guard peeked > 0 else { return nil }
        let code = UnicodeScalar(UInt8(bitPattern: type))
        switch code {
        case "y": return .byte(try readBasic(message, type, UInt8(0), context))
        case "b": return .bool(try readBasic(message, type, Int32(0), context) != 0)
        case "n": return .int16(try readBasic(message, type, Int16(0), context))
        case "q": return .uint16(try readBasic(message, type, UInt16(0), context))
        case "i": return .int32(try readBasic(message, type, Int32(0), context))
        case "u": return .uint32(try readBasic(message, type, UInt32(0), context))
        case "x": return .int64(try readBasic(message, type, Int64(0), context))
        case "t": return .uint64(try readBasic(message, type, UInt64(0), context))
        case "d": return .double(try readBasic(message, type, Double(0), context))
        case "s": return .string(try readString(message, type, context))
        case "o": return .objectPath(try readString(message, type, context))
        case "g": return .signature(try readString(message, type, context))
        case "h":
            // The message owns its descriptor and closes it when freed: keep a copy, which
            // closes itself should the rest of the body fail to read.
            guard let copy = PassedDescriptor.duplicating(try readBasic(message, type, Int32(-1), context)) else {
                throw BusError("\(context): duplicating a passed descriptor", result: -errno)
            }
            return .unixFD(copy)
        case "v", "a", "r", "e":
            let inner = contents.map { String(cString: $0) } ?? ""
            let elements = try inContainer(message, code, inner, reading: true, context: context) { () throws(BusError) in
                try read(message, context: context)
            }
            switch code {
            case "v":
                guard let only = elements.first, elements.count == 1 else {
                    throw BusError(name: "org.freedesktop.DBus.Error.InvalidArgs", message: "empty variant", context: context)
                }
                return .variant(only)
            case "a": return .array(elementSignature: inner, elements)
            case "r": return .structure(elements)
            default:
                guard elements.count == 2 else {
                    throw BusError(name: "org.freedesktop.DBus.Error.InvalidArgs", message: "malformed dictionary entry", context: context)
                }
                return .dictionaryEntry(key: elements[0], value: elements[1])
            }
        default:
            throw BusError(
                name: "org.freedesktop.DBus.Error.NotSupported",
                message: "values of D-Bus type '\(Character(code))' are not supported", context: context)
        }
    }

    private static func appendBasic<Value>(_ message: OpaquePointer, _ type: UnicodeScalar, _ value: inout Value) -> Int32 {
        withUnsafeBytes(of: &value) { sd_bus_message_append_basic(message, typeCode(type), $0.baseAddress) }
    }

    private static func readBasic<Value>(
        _ message: OpaquePointer, _ type: CChar, _ initial: Value, _ context: String
    ) throws(BusError) -> Value {
        var value = initial
        let result = withUnsafeMutableBytes(of: &value) { sd_bus_message_read_basic(message, type, $0.baseAddress) }
        guard result > 0 else { throw BusError("\(context): reading the reply", result: result == 0 ? -EBADMSG : result) }
        return value
    }

    private static func readString(_ message: OpaquePointer, _ type: CChar, _ context: String) throws(BusError) -> String {
        var characters: UnsafePointer<CChar>?
        let result = sd_bus_message_read_basic(message, type, &characters)
        guard result > 0, let characters else {
            throw BusError("\(context): reading the reply", result: result < 0 ? result : -EBADMSG)
        }
        return String(cString: characters)
    }

    @discardableResult
    private static func inContainer<Result>(
        _ message: OpaquePointer, _ type: UnicodeScalar, _ contents: String, reading: Bool = false, context: String,
        _ body: () throws(BusError) -> Result
    ) throws(BusError) -> Result {
        let opened = contents.withCString {
            reading
                ? sd_bus_message_enter_container(message, typeCode(type), $0)
                : sd_bus_message_open_container(message, typeCode(type), $0)
        }
        guard opened > 0 || (!reading && opened == 0) else {
            throw BusError("\(context): \(reading ? "entering" : "opening") \(type)\(contents)", result: opened < 0 ? opened : -EBADMSG)
        }
        let result = try body()
        let closed = reading ? sd_bus_message_exit_container(message) : sd_bus_message_close_container(message)
        guard closed >= 0 else { throw BusError("\(context): closing \(type)\(contents)", result: closed) }
        return result
    }

    private static func typeCode(_ scalar: UnicodeScalar) -> CChar { CChar(bitPattern: UInt8(scalar.value)) }
}
