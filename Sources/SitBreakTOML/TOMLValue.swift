/// One TOML value and where it is written.
public struct TOMLValue: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case string(String)
        case integer(Int64)
        case float(Double)
        case boolean(Bool)
        case dateTime(TOMLDateTime)
        /// Written in brackets, or made by `[[header]]`s: then each element is a table.
        case array([TOMLValue])
        /// Written in braces, or made by a `[header]` or dotted keys.
        case table(TOMLTable)
    }

    public let kind: Kind
    /// Where the value starts; for a table or array of tables made by headers, where its first
    /// header starts; for a table made by a dotted key, where that key starts.
    public let position: TOMLPosition
    /// The bytes of the text it is written in; nil for what headers and dotted keys make.
    let span: Range<Int>?

    init(kind: Kind, position: TOMLPosition, span: Range<Int>?) {
        self.kind = kind
        self.position = position
        self.span = span
    }

    public var string: String? { if case .string(let string) = kind { string } else { nil } }
    public var integer: Int64? { if case .integer(let integer) = kind { integer } else { nil } }
    public var float: Double? { if case .float(let float) = kind { float } else { nil } }
    public var boolean: Bool? { if case .boolean(let boolean) = kind { boolean } else { nil } }
    public var dateTime: TOMLDateTime? { if case .dateTime(let dateTime) = kind { dateTime } else { nil } }
    public var array: [TOMLValue]? { if case .array(let array) = kind { array } else { nil } }
    public var table: TOMLTable? { if case .table(let table) = kind { table } else { nil } }

    /// The spec's name for the kind of value, e.g. "integer" or "local date", for messages.
    public var typeName: String {
        switch kind {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .dateTime(.offsetDateTime): "offset date-time"
        case .dateTime(.localDateTime): "local date-time"
        case .dateTime(.localDate): "local date"
        case .dateTime(.localTime): "local time"
        case .array: "array"
        case .table: "table"
        }
    }
}
