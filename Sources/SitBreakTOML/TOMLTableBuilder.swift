/// A key as written: its dotted parts, unquoted, and where it starts.
struct TOMLKey {
    var parts: [String]
    var position: TOMLPosition

    /// The key for messages, e.g. `"a.b"`.
    var quoted: String { "\"" + dotted + "\"" }

    var dotted: String { parts.joined(separator: ".") }
}

/// A table while the parser still adds to it. A class, so that adding a key deep in the
/// tree copies none of the tables above it: every key costs the same, however large the file.
/// Here the spec's rules on defining keys and tables once are kept.
final class TOMLTableBuilder {
    /// How a table came to be, which decides what may still add to it.
    enum Origin {
        /// The document itself, a `[header]` or `[[header]]`, or the braces of an inline table.
        case defined
        /// Only named as the start of a longer header, e.g. `a` of `[a.b]`: one header may still define it.
        case implied
        /// Made by a dotted key, e.g. `a` of `a.b = 1`: more dotted keys may add to it, a header may not define it.
        case dottedKeys
    }

    private enum Member {
        /// A value written after `=`. Arrays and inline tables among them are complete as written.
        case value(TOMLValue, keyPosition: TOMLPosition)
        case table(TOMLTableBuilder)
        case arrayOfTables(TOMLArrayOfTablesBuilder)
    }

    private(set) var origin: Origin
    private(set) var keyPosition: TOMLPosition
    private(set) var position: TOMLPosition
    let depth: Int
    private var members: [(key: String, member: Member)] = []
    private var indexByKey: [String: Int] = [:]

    init(origin: Origin, keyPosition: TOMLPosition, position: TOMLPosition, depth: Int) {
        self.origin = origin
        self.keyPosition = keyPosition
        self.position = position
        self.depth = depth
    }

    static func root() -> TOMLTableBuilder {
        let start = TOMLPosition(line: 1, column: 1)
        return TOMLTableBuilder(origin: .defined, keyPosition: start, position: start, depth: 0)
    }

    private func member(_ key: String) -> Member? { indexByKey[key].map { members[$0].member } }

    private func add(_ member: Member, as key: String) {
        indexByKey[key] = members.count
        members.append((key, member))
    }

    private func addTable(_ key: String, origin: Origin, keyPosition: TOMLPosition, position: TOMLPosition)
        throws(TOMLSyntaxError) -> TOMLTableBuilder
    {
        guard depth < TOMLSyntaxError.deepestNesting else { throw .nestingTooDeep(at: keyPosition) }
        let table = TOMLTableBuilder(origin: origin, keyPosition: keyPosition, position: position, depth: depth + 1)
        add(.table(table), as: key)
        return table
    }

    // MARK: What the parser adds

    /// `key = value` written in this table; a dotted key goes through, or makes, the tables its
    /// first parts name.
    func add(_ value: TOMLValue, at key: TOMLKey) throws(TOMLSyntaxError) {
        var table = self
        for part in key.parts.dropLast() {
            switch table.member(part) {
            case nil:
                table = try table.addTable(part, origin: .dottedKeys, keyPosition: key.position, position: key.position)
            case .table(let existing) where existing.origin == .dottedKeys:
                table = existing
            case .table(let existing):
                throw TOMLSyntaxError(
                    at: key.position,
                    "cannot define key \(key.quoted): table \"\(part)\" is made by a [header] (at \(existing.keyPosition)), "
                        + "which dotted keys cannot add to")
            case let member?:
                throw Self.notATable(part, member, defining: "key \(key.quoted)", at: key.position)
            }
        }
        guard let last = key.parts.last else { return }
        if let existing = table.member(last) {
            throw TOMLSyntaxError(at: key.position, "key \(key.quoted) defined twice (first at \(Self.keyPosition(of: existing)))")
        }
        table.add(.value(value, keyPosition: key.position), as: last)
    }

    /// The table a `[header]` starting at `headerPosition` opens; called on the root.
    func openTable(at key: TOMLKey, headerPosition: TOMLPosition) throws(TOMLSyntaxError) -> TOMLTableBuilder {
        let parent = try parentForHeader(key, headerPosition: headerPosition)
        guard let last = key.parts.last else { return parent }
        let header = "table [\(key.dotted)]"
        switch parent.member(last) {
        case nil:
            return try parent.addTable(last, origin: .defined, keyPosition: key.position, position: headerPosition)
        case .table(let existing):
            switch existing.origin {
            case .implied:
                existing.origin = .defined
                existing.keyPosition = key.position
                existing.position = headerPosition
                return existing
            case .defined:
                throw TOMLSyntaxError(at: key.position, "\(header) defined twice (first at \(existing.keyPosition))")
            case .dottedKeys:
                throw TOMLSyntaxError(
                    at: key.position, "cannot define \(header): dotted keys already define it (at \(existing.keyPosition))")
            }
        case .arrayOfTables(let array):
            throw TOMLSyntaxError(
                at: key.position,
                "cannot define \(header): \(key.quoted) is already an array of tables (first at \(array.keyPosition)); "
                    + "write [[\(key.dotted)]] to add a table to it")
        case let member?:
            throw Self.notATable(last, member, defining: header, at: key.position)
        }
    }

    /// The new last table of the array a `[[header]]` starting at `headerPosition` names; called on the root.
    func appendTable(at key: TOMLKey, headerPosition: TOMLPosition) throws(TOMLSyntaxError) -> TOMLTableBuilder {
        let parent = try parentForHeader(key, headerPosition: headerPosition)
        guard let last = key.parts.last else { return parent }
        let header = "[[\(key.dotted)]]"
        let array: TOMLArrayOfTablesBuilder
        switch parent.member(last) {
        case nil:
            guard parent.depth + 1 < TOMLSyntaxError.deepestNesting else { throw .nestingTooDeep(at: key.position) }
            array = TOMLArrayOfTablesBuilder(keyPosition: key.position, position: headerPosition, depth: parent.depth + 1)
            parent.add(.arrayOfTables(array), as: last)
        case .arrayOfTables(let existing):
            array = existing
        case .table(let existing):
            throw TOMLSyntaxError(
                at: key.position,
                "cannot define \(header): \(key.quoted) is already a table (at \(existing.keyPosition)), not an array of tables")
        case .value(let value, let keyPosition) where value.table == nil:
            throw TOMLSyntaxError(
                at: key.position,
                "cannot define \(header): \(key.quoted) is already \(withArticle(value.typeName)) (at \(keyPosition)), "
                    + "not an array of tables")
        case let member?:
            throw Self.notATable(last, member, defining: header, at: key.position)
        }
        let table = TOMLTableBuilder(origin: .defined, keyPosition: key.position, position: headerPosition, depth: array.depth + 1)
        array.elements.append(table)
        return table
    }

    /// The table a header's last key goes in: its first keys go through tables and the last
    /// table of arrays of tables, and imply the tables that are not there yet.
    private func parentForHeader(_ key: TOMLKey, headerPosition: TOMLPosition) throws(TOMLSyntaxError) -> TOMLTableBuilder {
        var table = self
        for part in key.parts.dropLast() {
            switch table.member(part) {
            case nil:
                table = try table.addTable(part, origin: .implied, keyPosition: key.position, position: headerPosition)
            case .table(let existing):
                table = existing
            case .arrayOfTables(let array):
                table = array.elements[array.elements.count - 1]
            case let member?:
                throw Self.notATable(part, member, defining: "table [\(key.dotted)]", at: key.position)
            }
        }
        return table
    }

    /// Defining `what` needs `part` to be a table that may still grow, and it is not.
    private static func notATable(
        _ part: String, _ member: Member, defining what: String, at position: TOMLPosition
    ) -> TOMLSyntaxError {
        let problem =
            if case .value(let value, _) = member, value.table != nil {
                "is already an inline table (at \(keyPosition(of: member))); write all its keys inside its braces"
            } else {
                "is already \(withArticle(typeName(of: member))) (at \(keyPosition(of: member))), not a table"
            }
        return TOMLSyntaxError(at: position, "cannot define \(what): \"\(part)\" \(problem)")
    }

    private static func typeName(of member: Member) -> String {
        switch member {
        case .value(let value, _): value.typeName
        case .table: "table"
        case .arrayOfTables: "array of tables"
        }
    }

    private static func keyPosition(of member: Member) -> TOMLPosition {
        switch member {
        case .value(_, let keyPosition): keyPosition
        case .table(let table): table.keyPosition
        case .arrayOfTables(let array): array.keyPosition
        }
    }

    // MARK: The finished table

    func build() -> TOMLTable {
        TOMLTable(entries: members.map { key, member in
            switch member {
            case .value(let value, let keyPosition):
                TOMLTable.Entry(key: key, keyPosition: keyPosition, value: value, isMadeByHeaders: false)
            case .table(let table):
                TOMLTable.Entry(
                    key: key, keyPosition: table.keyPosition, value: table.buildValue(),
                    isMadeByHeaders: table.origin != .dottedKeys)
            case .arrayOfTables(let array):
                TOMLTable.Entry(
                    key: key, keyPosition: array.keyPosition,
                    value: TOMLValue(kind: .array(array.elements.map { $0.buildValue() }), position: array.position, span: nil),
                    isMadeByHeaders: true)
            }
        })
    }

    private func buildValue() -> TOMLValue { TOMLValue(kind: .table(build()), position: position, span: nil) }
}

/// The tables of a `[[header]]`, one per header so far.
final class TOMLArrayOfTablesBuilder {
    let keyPosition: TOMLPosition
    /// Where the first header starts.
    let position: TOMLPosition
    let depth: Int
    var elements: [TOMLTableBuilder] = []

    init(keyPosition: TOMLPosition, position: TOMLPosition, depth: Int) {
        self.keyPosition = keyPosition
        self.position = position
        self.depth = depth
    }
}

func withArticle(_ noun: String) -> String {
    (noun.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + noun
}
