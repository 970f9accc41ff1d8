import SitBreakBus

/// The menu as `com.canonical.dbusmenu` sends it: `GetLayout`'s `(ia{sv}av)` tree and the
/// properties of single entries. Only properties that differ from the spec's defaults are
/// sent (`enabled` and `visible` default to true), as hosts expect.
public enum DBusMenuLayout {
    /// The invisible root every host asks for first (id 0).
    public static let rootID: Int32 = 0

    /// The subtree under `parent` (nil when there is no such entry), `depth` levels deep
    /// (-1: all), with only `propertyNames` when that is not empty.
    public static func layout(of menu: [TrayMenuItem], parent: Int32, depth: Int32, propertyNames: [String]) -> BusValue? {
        if parent == rootID {
            return node(id: rootID, properties: ["children-display": .string("submenu")], children: menu, depth: depth,
                        propertyNames: propertyNames)
        }
        guard let item = TrayMenuItem.find(parent, in: menu) else { return nil }
        return layout(of: item, depth: depth, propertyNames: propertyNames)
    }

    static func layout(of item: TrayMenuItem, depth: Int32, propertyNames: [String]) -> BusValue {
        node(id: item.id, properties: properties(of: item), children: item.children, depth: depth, propertyNames: propertyNames)
    }

    private static func node(
        id: Int32, properties: [String: BusValue], children: [TrayMenuItem], depth: Int32, propertyNames: [String]
    ) -> BusValue {
        let shown = depth == 0 ? [] : children.map {
            BusValue.variant(layout(of: $0, depth: depth < 0 ? -1 : depth - 1, propertyNames: propertyNames))
        }
        return .structure([.int32(id), .properties(filtered(properties, propertyNames)), .array(elementSignature: "v", shown)])
    }

    /// An entry's properties (`GetGroupProperties`, `GetProperty`, `ItemsPropertiesUpdated`).
    public static func properties(of item: TrayMenuItem) -> [String: BusValue] {
        if item.isSeparator {
            return ["type": .string("separator")].merging(item.visible ? [:] : ["visible": .bool(false)]) { $1 }
        }
        var properties: [String: BusValue] = ["label": .string(escapedLabel(item.label))]
        if !item.enabled { properties["enabled"] = .bool(false) }
        if !item.visible { properties["visible"] = .bool(false) }
        if !item.children.isEmpty { properties["children-display"] = .string("submenu") }
        return properties
    }

    /// `GetGroupProperties`: `a(ia{sv})` for the `ids` that exist (every entry when empty).
    public static func groupProperties(of menu: [TrayMenuItem], ids: [Int32], propertyNames: [String]) -> BusValue {
        let items = ids.isEmpty ? flattened(menu) : ids.compactMap { TrayMenuItem.find($0, in: menu) }
        return .array(elementSignature: "(ia{sv})", items.map {
            .structure([.int32($0.id), .properties(filtered(properties(of: $0), propertyNames))])
        })
    }

    /// Every entry, submenus' included, in menu order.
    public static func flattened(_ menu: [TrayMenuItem]) -> [TrayMenuItem] {
        menu.flatMap { [$0] + flattened($0.children) }
    }

    /// What a host that holds `old` must be told to show `new`. Hosts (GNOME's AppIndicator
    /// among them) re-read only the structure on `LayoutUpdated` and take an existing entry's
    /// label and visibility from `ItemsPropertiesUpdated`, so both are worked out here.
    public struct Changes: Equatable, Sendable {
        /// Entries were added, removed or moved: `LayoutUpdated`.
        public var structureChanged: Bool
        /// `ItemsPropertiesUpdated`'s first argument, `a(ia{sv})`: new or changed values.
        public var updated: [(id: Int32, properties: [String: BusValue])]
        /// Its second, `a(ias)`: properties back to their defaults (an entry shown again).
        public var removed: [(id: Int32, names: [String])]

        public var isEmpty: Bool { !structureChanged && updated.isEmpty && removed.isEmpty }

        /// The two arguments of `ItemsPropertiesUpdated`.
        public var signalArguments: [BusValue] {
            [
                .array(elementSignature: "(ia{sv})", updated.map { .structure([.int32($0.id), .properties($0.properties)]) }),
                .array(elementSignature: "(ias)", removed.map { .structure([.int32($0.id), .strings($0.names)]) }),
            ]
        }

        public static func == (lhs: Changes, rhs: Changes) -> Bool {
            lhs.structureChanged == rhs.structureChanged && lhs.signalArguments == rhs.signalArguments
        }
    }

    public static func changes(from old: [TrayMenuItem], to new: [TrayMenuItem]) -> Changes {
        func shape(_ items: [TrayMenuItem]) -> [[Int32]] {
            flattened(items).map { [$0.id] + $0.children.map(\.id) }
        }
        var changes = Changes(structureChanged: shape(old) != shape(new), updated: [], removed: [])
        let before = Dictionary(uniqueKeysWithValues: flattened(old).map { ($0.id, properties(of: $0)) })
        for item in flattened(new) {
            let now = properties(of: item), was = before[item.id] ?? [:]
            let updated = now.filter { was[$0.key] != $0.value }
            let removed = was.keys.filter { now[$0] == nil }.sorted()
            if !updated.isEmpty { changes.updated.append((item.id, updated)) }
            if !removed.isEmpty { changes.removed.append((item.id, removed)) }
        }
        return changes
    }

    /// dbusmenu reads `_` as the mnemonic marker: a literal one is written twice.
    static func escapedLabel(_ label: String) -> String { label.replacing("_", with: "__") }

    private static func filtered(_ properties: [String: BusValue], _ names: [String]) -> [String: BusValue] {
        names.isEmpty ? properties : properties.filter { names.contains($0.key) }
    }
}
