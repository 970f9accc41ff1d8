/// A JSON document as a plain value.
///
/// Objects keep their members in the order they were written, duplicates included: RFC 8259
/// leaves the meaning of a repeated name open, so it is the reader's call (the decoder takes
/// the first, as Foundation's does).
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])
}

/// One `"name": value` pair of an object.
public struct JSONMember: Equatable, Sendable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
        self.key = key
        self.value = value
    }
}
