/// A value while its `encode(to:)` runs.
///
/// Swift's `Encoder` hands out containers that outlive the calls that made them and write
/// into storage the caller never sees again, so that storage has to be shared: these are
/// classes, read out as a plain `JSONValue` once encoding is over.
final class PendingValue {
    private enum Content {
        case nothing
        case complete(JSONValue)
        case object(PendingObject)
        case array(PendingArray)
    }

    private var content = Content.nothing

    func set(_ value: JSONValue) { content = .complete(value) }

    /// The object being built here, started if there is none. A second keyed container asked
    /// of the same encoder adds to the same object, as with Foundation: a type may write its
    /// own keys and then hand the encoder to a member to write its keys alongside.
    func object() -> PendingObject {
        if case .object(let existing) = content { return existing }
        let started = PendingObject()
        content = .object(started)
        return started
    }

    /// The array being built here, started if there is none.
    func array() -> PendingArray {
        if case .array(let existing) = content { return existing }
        let started = PendingArray()
        content = .array(started)
        return started
    }

    /// Nil if nothing was encoded.
    var finished: JSONValue? {
        switch content {
        case .nothing: nil
        case .complete(let value): value
        case .object(let object): .object(object.keys.map { JSONMember($0, object.values[$0]!.finishedOrEmpty) })
        case .array(let array): .array(array.elements.map(\.finishedOrEmpty))
        }
    }

    /// Foundation writes a member or element that encoded nothing as an empty object.
    private var finishedOrEmpty: JSONValue { finished ?? .object([]) }
}

final class PendingObject {
    /// In the order first encoded.
    private(set) var keys: [String] = []
    private(set) var values: [String: PendingValue] = [:]

    /// A new value for `key`: encoding a key again replaces what it held.
    func replacing(_ key: String) -> PendingValue {
        let fresh = PendingValue()
        if values.updateValue(fresh, forKey: key) == nil { keys.append(key) }
        return fresh
    }

    /// The value at `key` so far, for a nested container to carry on with.
    func existing(_ key: String) -> PendingValue {
        values[key] ?? replacing(key)
    }
}

final class PendingArray {
    private(set) var elements: [PendingValue] = []

    func appending() -> PendingValue {
        let fresh = PendingValue()
        elements.append(fresh)
        return fresh
    }
}
