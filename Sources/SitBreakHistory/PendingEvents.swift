/// Events acknowledged but not on disk yet, oldest first: what the history file did not take
/// (the disk is full, another program holds its lock, it cannot be opened) waits here and is
/// written, in order, as soon as it can be. Bounded: past `limit` the oldest go, and are counted.
public struct PendingEvents: Sendable {
    public let limit: Int
    public private(set) var events: [HistoryRecord] = []
    /// Dropped because the queue was full; the journal still has each of them.
    public private(set) var dropped = 0

    public init(limit: Int) {
        self.limit = limit
    }

    public var isEmpty: Bool { events.isEmpty }
    public var count: Int { events.count }

    public mutating func add(_ record: HistoryRecord) {
        if events.count >= limit {
            events.removeFirst()
            dropped += 1
        }
        events.append(record)
    }

    /// Writes the waiting events oldest first, stopping at the first failure so the order
    /// holds; what was written leaves the queue. Returns how many were written, and the failure.
    public mutating func flush(
        _ write: (HistoryRecord) throws(HistoryError) -> Void
    ) -> (written: Int, failure: HistoryError?) {
        var written = 0
        defer { events.removeFirst(written) }
        for event in events {
            do throws(HistoryError) {
                try write(event)
            } catch {
                return (written, error)
            }
            written += 1
        }
        return (written, nil)
    }
}
