import SitBreakJSON

/// Checks a JSON document against a schema in docs/json/, for the part of JSON Schema those
/// schemas use: `type` (one or a list), `enum`, `required`, `properties`,
/// `additionalProperties: false`, `items` and `minimum`. Returns every mismatch, each with
/// its place in the document, e.g. `$.today.breaks: 1.5 is not of type integer`.
enum JSONSchemaCheck {
    static func problems(of value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        guard case .object(let keywords) = schema else { return ["\(path): the schema is not an object"] }
        func keyword(_ name: String) -> JSONValue? { keywords.first { $0.key == name }?.value }
        var found: [String] = []
        if let types = keyword("type") {
            let allowed: [String] = switch types {
            case .string(let one): [one]
            case .array(let many): many.compactMap { if case .string(let name) = $0 { name } else { nil } }
            default: []
            }
            if !allowed.contains(where: { matches(value, type: $0) }) {
                return ["\(path): \(JSONWriter.text(of: value)) is not of type \(allowed.joined(separator: " or "))"]
            }
        }
        if case .array(let choices)? = keyword("enum"), !choices.contains(value) {
            found.append("\(path): \(JSONWriter.text(of: value)) is not one of \(JSONWriter.text(of: .array(choices)))")
        }
        if case .number(let minimum)? = keyword("minimum"), case .number(let number) = value,
            let low = minimum.floatingPoint(as: Double.self), let actual = number.floatingPoint(as: Double.self), actual < low
        {
            found.append("\(path): \(number) is less than \(minimum)")
        }
        if case .object(let members) = value {
            let properties: [JSONMember] = if case .object(let declared)? = keyword("properties") { declared } else { [] }
            if case .array(let required)? = keyword("required") {
                for case .string(let name) in required where !members.contains(where: { $0.key == name }) {
                    found.append("\(path): \"\(name)\" is missing")
                }
            }
            for member in members {
                if let property = properties.first(where: { $0.key == member.key }) {
                    found += problems(of: member.value, against: property.value, at: "\(path).\(member.key)")
                } else if keyword("additionalProperties") == .bool(false) {
                    found.append("\(path): \"\(member.key)\" is not documented")
                }
            }
        }
        if case .array(let elements) = value, let items = keyword("items") {
            for (index, element) in elements.enumerated() {
                found += problems(of: element, against: items, at: "\(path)[\(index)]")
            }
        }
        return found
    }

    private static func matches(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object),
            ("number", .number):
            true
        case ("integer", .number(let number)): !number.text.contains(where: { ".eE".contains($0) })
        default: false
        }
    }
}
