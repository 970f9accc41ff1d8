/// Decodes `Decodable` values from JSON text, throwing the standard `DecodingError`s with
/// the coding paths Foundation's JSONDecoder gave, so messages built from them read the same.
public struct JSONDecoder: Sendable {
    public enum KeyStrategy: Sendable {
        case useDefaultKeys
        /// `sitting_seconds` is read as `sittingSeconds`. The keys of a `[String: Value]`
        /// dictionary are data, not names, and are read as they are, as Foundation does.
        case convertFromSnakeCase
    }

    public var keyStrategy: KeyStrategy

    public init(keyStrategy: KeyStrategy = .useDefaultKeys) {
        self.keyStrategy = keyStrategy
    }

    /// Text that is not JSON throws `DecodingError.dataCorrupted` at the empty coding path,
    /// described by its `JSONSyntaxError`, which is also the underlying error.
    public func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: error.description, underlyingError: error))
        }
        return try decode(type, from: document)
    }

    public func decode<Value: Decodable>(_ type: Value.Type, from document: JSONValue) throws -> Value {
        try ValueDecoder(value: document, codingPath: [], keyStrategy: keyStrategy).decodeValue(type)
    }
}

/// The decoder a type's `init(from:)` is given, reading `value`; also its single-value container.
struct ValueDecoder: Decoder, SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let keyStrategy: JSONDecoder.KeyStrategy

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The decoder for `value` at `key` below this one.
    func child(_ value: JSONValue, at key: any CodingKey) -> ValueDecoder {
        ValueDecoder(value: value, codingPath: codingPath + [key], keyStrategy: keyStrategy)
    }

    func decodeValue<Value: Decodable>(_ type: Value.Type) throws -> Value {
        if let dictionaryType = type as? any StringKeyedDecodable.Type {
            // `dictionaryType` is `Value.Type` seen through the protocol, so the cast back holds.
            return try dictionaryType.init(keysAsWritten: self) as! Value
        }
        return try Value(from: self)
    }

    /// What finding this value where a `type` belongs is: null is a missing value, as
    /// Foundation has it, and anything else the wrong type.
    func mismatch(_ type: Any.Type) -> DecodingError {
        guard value != .null else {
            return .valueNotFound(
                type, .init(codingPath: codingPath, debugDescription: "Expected \(type) but found null instead."))
        }
        let found = "Expected \(type) but found \(value.kindDescription) instead."
        return .typeMismatch(type, .init(codingPath: codingPath, debugDescription: found))
    }

    func container<Key: CodingKey>(keyedBy _: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: Any].self) }
        return KeyedDecodingContainer(ObjectDecoder(members: members, decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch([Any].self) }
        return ArrayDecoder(elements: elements, decoder: self)
    }

    func singleValueContainer() -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { value == .null }

    func decode(_: Bool.Type) throws -> Bool {
        guard case .bool(let truth) = value else { throw mismatch(Bool.self) }
        return truth
    }

    func decode(_: String.Type) throws -> String {
        guard case .string(let string) = value else { throw mismatch(String.self) }
        return string
    }

    func decode(_: Double.Type) throws -> Double { try decodeNumber { $0.floatingPoint() } }
    func decode(_: Float.Type) throws -> Float { try decodeNumber { $0.floatingPoint() } }
    func decode(_: Int.Type) throws -> Int { try decodeNumber { $0.integer() } }
    func decode(_: Int8.Type) throws -> Int8 { try decodeNumber { $0.integer() } }
    func decode(_: Int16.Type) throws -> Int16 { try decodeNumber { $0.integer() } }
    func decode(_: Int32.Type) throws -> Int32 { try decodeNumber { $0.integer() } }
    func decode(_: Int64.Type) throws -> Int64 { try decodeNumber { $0.integer() } }
    func decode(_: UInt.Type) throws -> UInt { try decodeNumber { $0.integer() } }
    func decode(_: UInt8.Type) throws -> UInt8 { try decodeNumber { $0.integer() } }
    func decode(_: UInt16.Type) throws -> UInt16 { try decodeNumber { $0.integer() } }
    func decode(_: UInt32.Type) throws -> UInt32 { try decodeNumber { $0.integer() } }
    func decode(_: UInt64.Type) throws -> UInt64 { try decodeNumber { $0.integer() } }
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value { try decodeValue(type) }

    /// The number converted by `convert`, which gives nil when it does not fit the type:
    /// `1.5` for an `Int`, `300` for a `UInt8`, `1e400` for a `Double`.
    private func decodeNumber<Number>(_ convert: (JSONNumber) -> Number?) throws -> Number {
        guard case .number(let number) = value else { throw mismatch(Number.self) }
        guard let converted = convert(number) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: codingPath, debugDescription: "The number \(number) does not fit in \(Number.self)."))
        }
        return converted
    }
}

private struct ObjectDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ValueDecoder
    /// Members by the name a `Key` would have, the first of a repeated name winning as with Foundation.
    let members: [String: JSONValue]
    /// The names in the order written.
    let names: [String]

    init(members written: [JSONMember], decoder: ValueDecoder) {
        var members: [String: JSONValue] = [:]
        var names: [String] = []
        for member in written {
            let name = switch decoder.keyStrategy {
            case .useDefaultKeys: member.key
            case .convertFromSnakeCase: KeySpelling.camelCase(fromSnakeCase: member.key)
            }
            guard members[name] == nil else { continue }
            members[name] = member.value
            names.append(name)
        }
        self.decoder = decoder
        self.members = members
        self.names = names
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var allKeys: [Key] { names.compactMap(Key.init(stringValue:)) }

    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    private func child(at key: Key) throws -> ValueDecoder {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key, .init(codingPath: codingPath, debugDescription: "No value for the key \"\(key.stringValue)\"."))
        }
        return decoder.child(value, at: key)
    }

    func decodeNil(forKey key: Key) throws -> Bool { try child(at: key).decodeNil() }
    func decode(_: Bool.Type, forKey key: Key) throws -> Bool { try child(at: key).decode(Bool.self) }
    func decode(_: String.Type, forKey key: Key) throws -> String { try child(at: key).decode(String.self) }
    func decode(_: Double.Type, forKey key: Key) throws -> Double { try child(at: key).decode(Double.self) }
    func decode(_: Float.Type, forKey key: Key) throws -> Float { try child(at: key).decode(Float.self) }
    func decode(_: Int.Type, forKey key: Key) throws -> Int { try child(at: key).decode(Int.self) }
    func decode(_: Int8.Type, forKey key: Key) throws -> Int8 { try child(at: key).decode(Int8.self) }
    func decode(_: Int16.Type, forKey key: Key) throws -> Int16 { try child(at: key).decode(Int16.self) }
    func decode(_: Int32.Type, forKey key: Key) throws -> Int32 { try child(at: key).decode(Int32.self) }
    func decode(_: Int64.Type, forKey key: Key) throws -> Int64 { try child(at: key).decode(Int64.self) }
    func decode(_: UInt.Type, forKey key: Key) throws -> UInt { try child(at: key).decode(UInt.self) }
    func decode(_: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(at: key).decode(UInt8.self) }
    func decode(_: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(at: key).decode(UInt16.self) }
    func decode(_: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(at: key).decode(UInt32.self) }
    func decode(_: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(at: key).decode(UInt64.self) }
    func decode<Value: Decodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        try child(at: key).decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy _: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try child(at: key).container(keyedBy: NestedKey.self)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(at: key).unkeyedContainer()
    }

    /// An absent super is null, for the superclass's `init(from:)` to judge.
    func superDecoder() -> any Decoder {
        decoder.child(members[JSONKey.super.stringValue] ?? .null, at: JSONKey.super)
    }

    func superDecoder(forKey key: Key) -> any Decoder { decoder.child(members[key.stringValue] ?? .null, at: key) }
}

private struct ArrayDecoder: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let decoder: ValueDecoder
    private(set) var currentIndex = 0

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    /// The decoder for the next element. The index moves on only once something decoded from
    /// it, as with Foundation, so a caller may try the element as another type.
    private func nextDecoder(for type: Any.Type) throws -> ValueDecoder {
        let key = JSONKey(index: currentIndex)
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                type, .init(codingPath: codingPath + [key], debugDescription: "The array has no more elements."))
        }
        return decoder.child(elements[currentIndex], at: key)
    }

    private mutating func next<Value>(_ type: Value.Type, _ read: (ValueDecoder) throws -> Value) throws -> Value {
        let value = try read(nextDecoder(for: type))
        currentIndex += 1
        return value
    }

    mutating func decodeNil() throws -> Bool {
        guard try nextDecoder(for: Never?.self).decodeNil() else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_: Bool.Type) throws -> Bool { try next(Bool.self) { try $0.decode(Bool.self) } }
    mutating func decode(_: String.Type) throws -> String { try next(String.self) { try $0.decode(String.self) } }
    mutating func decode(_: Double.Type) throws -> Double { try next(Double.self) { try $0.decode(Double.self) } }
    mutating func decode(_: Float.Type) throws -> Float { try next(Float.self) { try $0.decode(Float.self) } }
    mutating func decode(_: Int.Type) throws -> Int { try next(Int.self) { try $0.decode(Int.self) } }
    mutating func decode(_: Int8.Type) throws -> Int8 { try next(Int8.self) { try $0.decode(Int8.self) } }
    mutating func decode(_: Int16.Type) throws -> Int16 { try next(Int16.self) { try $0.decode(Int16.self) } }
    mutating func decode(_: Int32.Type) throws -> Int32 { try next(Int32.self) { try $0.decode(Int32.self) } }
    mutating func decode(_: Int64.Type) throws -> Int64 { try next(Int64.self) { try $0.decode(Int64.self) } }
    mutating func decode(_: UInt.Type) throws -> UInt { try next(UInt.self) { try $0.decode(UInt.self) } }
    mutating func decode(_: UInt8.Type) throws -> UInt8 { try next(UInt8.self) { try $0.decode(UInt8.self) } }
    mutating func decode(_: UInt16.Type) throws -> UInt16 { try next(UInt16.self) { try $0.decode(UInt16.self) } }
    mutating func decode(_: UInt32.Type) throws -> UInt32 { try next(UInt32.self) { try $0.decode(UInt32.self) } }
    mutating func decode(_: UInt64.Type) throws -> UInt64 { try next(UInt64.self) { try $0.decode(UInt64.self) } }
    mutating func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try next(type) { try $0.decodeValue(type) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy _: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try next(KeyedDecodingContainer<NestedKey>.self) { try $0.container(keyedBy: NestedKey.self) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next((any UnkeyedDecodingContainer).self) { try $0.unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder { try next((any Decoder).self) { $0 } }
}

/// `[String: Value]`, whose keys are data and so escape the key strategy.
protocol StringKeyedDecodable {
    init(keysAsWritten decoder: ValueDecoder) throws
}

extension Dictionary: StringKeyedDecodable where Key == String, Value: Decodable {
    init(keysAsWritten decoder: ValueDecoder) throws {
        guard case .object(let members) = decoder.value else { throw decoder.mismatch(Self.self) }
        self.init()
        for member in members where self[member.key] == nil {
            let valueDecoder = decoder.child(member.value, at: JSONKey(stringValue: member.key))
            self[member.key] = try valueDecoder.decodeValue(Value.self)
        }
    }
}

extension JSONValue {
    /// What a person calls this kind of value, for error messages: "a string", "an array".
    fileprivate var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a bool"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
