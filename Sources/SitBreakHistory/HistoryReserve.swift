import Glibc
import SitBreakFiles
import SitBreakJSON

/// Room set aside beside the history, while there is room, for the events a full disk keeps
/// out of it: they wait in memory (`PendingEvents`), and a daemon that stops then would lose
/// them. Writing here takes no new block, so it works on the disk that refused the history;
/// the next start reads them back and appends them first.
///
/// The file is allocated whole when it is opened: two slots of `slotBytes`. Each write goes
/// to the slot not holding the latest copy and is synced before the next one is begun, with a
/// header that carries a sequence number, the length and a checksum of the events; a torn
/// write leaves a slot that fails its checksum, and the other one is read.
public final class HistoryReserve {
    /// About 280 events of the kinds sitbreak records (170 to 280 bytes each), a week of a
    /// full disk; past that the newest are kept.
    public static let slotBytes = 64 * 1024
    static let magic = "sitbreak history reserve 1"

    public let path: String
    private let operations: FileOperations
    private let descriptor: Int32
    /// The slot holding the latest copy, and its sequence number; nil before the first write
    /// into a new file.
    private var latest: (slot: Int, sequence: UInt64)?

    /// Opens `path`, creating it with mode 0600, and makes sure both slots are allocated.
    /// `operations` are the system's; tests pass ones that tear writes or fail syncs.
    public init(path: String, operations: FileOperations = .system) throws(HistoryError) {
        self.path = path
        self.operations = operations
        try PrivateFile.prepare(path)
        let descriptor = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(errno, path: path, action: "open the reserve for unsaved events") }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw .file(path: path, action: "open the reserve for unsaved events", reason: "it is not a regular file")
        }
        // posix_fallocate returns the error; it does not set errno.
        let allocation = posix_fallocate(descriptor, 0, off_t(2 * Self.slotBytes))
        guard allocation == 0 else {
            close(descriptor)
            throw .system(allocation, path: path, action: "set \(2 * Self.slotBytes / 1024) KiB aside for unsaved events")
        }
        self.descriptor = descriptor
        latest = nil
        latest = newestSlot()?.header
    }

    deinit { close(descriptor) }

    /// The events of the latest intact copy, oldest first; empty when none is kept. A slot that
    /// fails its checks (a torn write, a file from elsewhere) is passed over.
    public func read() -> [HistoryRecord] {
        newestSlot()?.records ?? []
    }

    /// Keeps `records` (oldest first), or the newest of them that fit, in place of the copy
    /// kept before; returns how many it kept. Once it returns, they are on disk. After a
    /// failure what is read is one whole copy, the one before or (the sync failed) this one.
    @discardableResult
    public func keep(_ records: [HistoryRecord]) throws(HistoryError) -> Int {
        let body = Self.body(ofNewestFitting: records)
        let sequence = (latest?.sequence ?? 0) + 1
        let slot = latest.map { 1 - $0.slot } ?? 0
        let header = SlotHeader(sequence: sequence, records: body.count, bytes: body.bytes.count, checksum: Self.checksum(body.bytes))
        try write(Array(header.line.utf8) + body.bytes, at: slot * Self.slotBytes)
        latest = (slot, sequence)
        return body.count
    }

    /// Nothing kept any more: every event is in the history.
    public func clear() throws(HistoryError) {
        try keep([])
    }

    // MARK: The slots

    struct SlotHeader: Equatable {
        var sequence: UInt64
        var records: Int
        var bytes: Int
        var checksum: UInt64

        var line: String {
            "\(HistoryReserve.magic) sequence=\(sequence) records=\(records) bytes=\(bytes) fnv1a=\(String(checksum, radix: 16))\n"
        }

        /// The longest header line: every number at its widest.
        static let longest = SlotHeader(sequence: .max, records: .max, bytes: .max, checksum: .max).line.utf8.count

        init(sequence: UInt64, records: Int, bytes: Int, checksum: UInt64) {
            self.sequence = sequence
            self.records = records
            self.bytes = bytes
            self.checksum = checksum
        }

        /// nil unless `line` (without its newline) is a header this version writes.
        init?(_ line: Substring) {
            let words = line.split(separator: " ")
            let magicWords = HistoryReserve.magic.split(separator: " ")
            guard words.count == magicWords.count + 4, Array(words.prefix(magicWords.count)) == magicWords else { return nil }
            func value(_ key: String, at index: Int) -> Substring? {
                let word = words[magicWords.count + index]
                guard word.hasPrefix(key + "=") else { return nil }
                return word.dropFirst(key.count + 1)
            }
            guard let sequence = value("sequence", at: 0).flatMap({ UInt64($0) }),
                let records = value("records", at: 1).flatMap({ Int($0) }),
                let bytes = value("bytes", at: 2).flatMap({ Int($0) }),
                let checksum = value("fnv1a", at: 3).flatMap({ UInt64($0, radix: 16) })
            else { return nil }
            self.init(sequence: sequence, records: records, bytes: bytes, checksum: checksum)
        }
    }

    /// One event a line, the newest that fit in a slot after the longest header.
    static func body(ofNewestFitting records: [HistoryRecord]) -> (bytes: [UInt8], count: Int) {
        let room = slotBytes - SlotHeader.longest
        var lines: [[UInt8]] = []
        var used = 0
        for record in records.reversed() {
            guard let json = try? JSONEncoder().encode(record) else { continue }
            let line = Array(json.utf8) + [UInt8(ascii: "\n")]
            guard used + line.count <= room else { break }
            lines.append(line)
            used += line.count
        }
        return (lines.reversed().flatMap { $0 }, lines.count)
    }

    /// The slot with the highest sequence whose header, checksum and every event read back.
    private func newestSlot() -> (header: (slot: Int, sequence: UInt64), records: [HistoryRecord])? {
        var newest: (header: (slot: Int, sequence: UInt64), records: [HistoryRecord])?
        for slot in 0..<2 {
            guard let (header, records) = readSlot(slot) else { continue }
            if header.sequence > newest?.header.sequence ?? 0 { newest = ((slot, header.sequence), records) }
        }
        return newest
    }

    private func readSlot(_ slot: Int) -> (SlotHeader, [HistoryRecord])? {
        var bytes = [UInt8](repeating: 0, count: Self.slotBytes)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, Self.slotBytes, off_t(slot * Self.slotBytes)) }
        guard count > 0, let newline = bytes[..<count].firstIndex(of: UInt8(ascii: "\n")),
            let header = SlotHeader(Substring(decoding: bytes[..<newline], as: UTF8.self))
        else { return nil }
        let start = newline + 1
        guard header.bytes <= count - start else { return nil }
        let body = Array(bytes[start..<(start + header.bytes)])
        guard Self.checksum(body) == header.checksum else { return nil }
        var records: [HistoryRecord] = []
        for line in body.split(separator: UInt8(ascii: "\n")) {
            guard let record = try? JSONDecoder().decode(HistoryRecord.self, from: String(decoding: line, as: UTF8.self)) else {
                return nil
            }
            records.append(record)
        }
        return records.count == header.records ? (header, records) : nil
    }

    private func write(_ bytes: [UInt8], at offset: Int) throws(HistoryError) {
        guard lseek(descriptor, off_t(offset), SEEK_SET) >= 0 else {
            throw .system(errno, path: path, action: "keep unsaved events")
        }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { operations.write(descriptor, UnsafeRawBufferPointer(rebasing: $0[written...])) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(errno, path: path, action: "keep unsaved events")
            }
            written += count
        }
        guard operations.sync(descriptor) == 0 else { throw .system(errno, path: path, action: "sync the kept events") }
    }

    /// FNV-1a, 64 bits: enough to tell a torn or foreign slot from a whole one.
    static func checksum(_ bytes: [UInt8]) -> UInt64 {
        bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
