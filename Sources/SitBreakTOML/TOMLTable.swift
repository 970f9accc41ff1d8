/// The keys of a TOML table in the order they are first written, each with its value.
public struct TOMLTable: Equatable, Sendable {
    public struct Entry: Equatable, Sendable {
        public let key: String
        /// Where the key is written; for a dotted key or a header, where the whole key starts
        /// (`a` of `a.b.c = 1` and of `[a.b.c]` is at the `a`).
        public let keyPosition: TOMLPosition
        public let value: TOMLValue
        /// True for a table or array of tables that `[header]`s or `[[header]]`s make.
        public let isMadeByHeaders: Bool
    }

    public let entries: [Entry]
    private let indexByKey: [String: Int]

    init(entries: [Entry]) {
        self.entries = entries
        indexByKey = Dictionary(uniqueKeysWithValues: entries.indices.map { (entries[$0].key, $0) })
    }

    public var keys: [String] { entries.map(\.key) }

    public func entry(_ key: String) -> Entry? { indexByKey[key].map { entries[$0] } }

    public subscript(key: String) -> TOMLValue? { entry(key)?.value }

    /// The entry a path of keys leads to through nested tables, e.g. `["break", "sit_limit"]`.
    public func entry(at path: [String]) -> Entry? {
        guard let first = path.first, let entry = entry(first) else { return nil }
        guard path.count > 1 else { return entry }
        return entry.value.table?.entry(at: Array(path.dropFirst()))
    }
}
