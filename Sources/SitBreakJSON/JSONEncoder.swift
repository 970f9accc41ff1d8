/// Encodes `Encodable` values as JSON: first a `JSONValue`, then text by `JSONWriter`.
public struct JSONEncoder: Sendable {
    public enum KeyStrategy: Sendable {
        case useDefaultKeys
        /// `sittingSeconds` is written `sitting_seconds`. The keys of a `[String: Value]`
        /// dictionary are data, not names, and are written as they are, as Foundation does.
        case convertToSnakeCase
    }

    public var keyStrategy: KeyStrategy
    public var options: JSONWriter.Options

    public init(keyStrategy: KeyStrategy = .useDefaultKeys, options: JSONWriter.Options = []) {
        self.keyStrategy = keyStrategy
        self.options = options
    }

    /// Throws `EncodingError.invalidValue` for NaN or an infinity, which JSON cannot spell,
    /// and for a value that encodes nothing at all.
    public func encode<Value: Encodable>(_ value: Value) throws -> String {
        JSONWriter.text(of: try jsonValue(of: value), options: options)
    }

    public func jsonValue<Value: Encodable>(of value: Value) throws -> JSONValue {
        let root = PendingValue()
        try ValueEncoder(slot: root, codingPath: [], keyStrategy: keyStrategy).encodeValue(value)
        guard let document = root.finished else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: [], debugDescription: "\(Value.self) did not encode any value."))
        }
        return document
    }
}

/// The encoder a value's `encode(to:)` is given, writing into `slot`; also its single-value container.
struct ValueEncoder: Encoder, SingleValueEncodingContainer {
    let slot: PendingValue
    let codingPath: [any CodingKey]
    let keyStrategy: JSONEncoder.KeyStrategy

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// The encoder for what goes at `key` below this value.
    func child(_ slot: PendingValue, at key: any CodingKey) -> ValueEncoder {
        ValueEncoder(slot: slot, codingPath: codingPath + [key], keyStrategy: keyStrategy)
    }

    func encodeValue<Value: Encodable>(_ value: Value) throws {
        if let dictionary = value as? any StringKeyedEncodable {
            try dictionary.encodeKeysAsWritten(into: self)
        } else {
            try value.encode(to: self)
        }
    }

    func container<Key: CodingKey>(keyedBy _: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(ObjectEncoder(object: slot.object(), encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        ArrayEncoder(array: slot.array(), encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() { slot.set(.null) }
    func encode(_ value: Bool) { slot.set(.bool(value)) }
    func encode(_ value: String) { slot.set(.string(value)) }
    func encode(_ value: Double) throws { try encodeFloatingPoint(value) }
    func encode(_ value: Float) throws { try encodeFloatingPoint(value) }
    func encode(_ value: Int) { slot.set(.number(JSONNumber(value))) }
    func encode(_ value: Int8) { slot.set(.number(JSONNumber(value))) }
    func encode(_ value: Int16) { slot.set(.number(JSONNumber(value))) }
    func encode(_ value: Int32) { slot.set(.number(JSONNumber(value))) }
    func encode(_ value: Int64) { slot.set(.number(JSONNumber(value))) }
    func encode(_ value: UInt) { slot.set(.number(JSONNumber(value))) }
    func encode(_ value: UInt8) { slot.set(.number(JSONNumber(value))) }
    func encode(_ value: UInt16) { slot.set(.number(JSONNumber(value))) }
    func encode(_ value: UInt32) { slot.set(.number(JSONNumber(value))) }
    func encode(_ value: UInt64) { slot.set(.number(JSONNumber(value))) }
    func encode<Value: Encodable>(_ value: Value) throws { try encodeValue(value) }

    private func encodeFloatingPoint<Float: BinaryFloatingPoint & LosslessStringConvertible>(_ value: Float) throws {
        guard let number = JSONNumber(value) else {
            throw EncodingError.invalidValue(
                value, .init(codingPath: codingPath, debugDescription: "JSON has no way to write \(value)."))
        }
        slot.set(.number(number))
    }
}

private struct ObjectEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: PendingObject
    let encoder: ValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func name(_ key: Key) -> String {
        switch encoder.keyStrategy {
        case .useDefaultKeys: key.stringValue
        case .convertToSnakeCase: KeySpelling.snakeCase(fromCamelCase: key.stringValue)
        }
    }

    private func child(at key: Key) -> ValueEncoder { encoder.child(object.replacing(name(key)), at: key) }

    func encodeNil(forKey key: Key) { child(at: key).encodeNil() }
    func encode(_ value: Bool, forKey key: Key) { child(at: key).encode(value) }
    func encode(_ value: String, forKey key: Key) { child(at: key).encode(value) }
    func encode(_ value: Double, forKey key: Key) throws { try child(at: key).encode(value) }
    func encode(_ value: Float, forKey key: Key) throws { try child(at: key).encode(value) }
    func encode(_ value: Int, forKey key: Key) { child(at: key).encode(value) }
    func encode(_ value: Int8, forKey key: Key) { child(at: key).encode(value) }
    func encode(_ value: Int16, forKey key: Key) { child(at: key).encode(value) }
    func encode(_ value: Int32, forKey key: Key) { child(at: key).encode(value) }
    func encode(_ value: Int64, forKey key: Key) { child(at: key).encode(value) }
    func encode(_ value: UInt, forKey key: Key) { child(at: key).encode(value) }
    func encode(_ value: UInt8, forKey key: Key) { child(at: key).encode(value) }
    func encode(_ value: UInt16, forKey key: Key) { child(at: key).encode(value) }
    func encode(_ value: UInt32, forKey key: Key) { child(at: key).encode(value) }
    func encode(_ value: UInt64, forKey key: Key) { child(at: key).encode(value) }
    func encode<Value: Encodable>(_ value: Value, forKey key: Key) throws { try child(at: key).encodeValue(value) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy _: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        encoder.child(object.existing(name(key)), at: key).container(keyedBy: NestedKey.self)
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.child(object.existing(name(key)), at: key).unkeyedContainer()
    }

    func superEncoder() -> any Encoder { encoder.child(object.replacing(JSONKey.super.stringValue), at: JSONKey.super) }
    func superEncoder(forKey key: Key) -> any Encoder { child(at: key) }
}

private struct ArrayEncoder: UnkeyedEncodingContainer {
    let array: PendingArray
    let encoder: ValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { array.elements.count }

    private func nextEncoder() -> ValueEncoder {
        let index = count
        return encoder.child(array.appending(), at: JSONKey(index: index))
    }

    func encodeNil() { nextEncoder().encodeNil() }
    func encode(_ value: Bool) { nextEncoder().encode(value) }
    func encode(_ value: String) { nextEncoder().encode(value) }
    func encode(_ value: Double) throws { try nextEncoder().encode(value) }
    func encode(_ value: Float) throws { try nextEncoder().encode(value) }
    func encode(_ value: Int) { nextEncoder().encode(value) }
    func encode(_ value: Int8) { nextEncoder().encode(value) }
    func encode(_ value: Int16) { nextEncoder().encode(value) }
    func encode(_ value: Int32) { nextEncoder().encode(value) }
    func encode(_ value: Int64) { nextEncoder().encode(value) }
    func encode(_ value: UInt) { nextEncoder().encode(value) }
    func encode(_ value: UInt8) { nextEncoder().encode(value) }
    func encode(_ value: UInt16) { nextEncoder().encode(value) }
    func encode(_ value: UInt32) { nextEncoder().encode(value) }
    func encode(_ value: UInt64) { nextEncoder().encode(value) }
    func encode<Value: Encodable>(_ value: Value) throws { try nextEncoder().encodeValue(value) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy _: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        nextEncoder().container(keyedBy: NestedKey.self)
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { nextEncoder().unkeyedContainer() }

    func superEncoder() -> any Encoder { nextEncoder() }
}

/// `[String: Value]`, whose keys are data and so escape the key strategy.
protocol StringKeyedEncodable {
    func encodeKeysAsWritten(into encoder: ValueEncoder) throws
}

extension Dictionary: StringKeyedEncodable where Key == String, Value: Encodable {
    func encodeKeysAsWritten(into encoder: ValueEncoder) throws {
        let object = encoder.slot.object()
        for (key, value) in self {
            try encoder.child(object.replacing(key), at: JSONKey(stringValue: key)).encodeValue(value)
        }
    }
}
