import Glibc

/// Reads one boolean from a GVDB file, the format of dconf's databases
/// (`~/.config/dconf/user`): how GNOME's settings, `show-banners` among them, are read without
/// GIO. Only what dconf writes is understood: a little-endian file whose root is a hash table
/// of items, each named by its last path segment under a parent item, with leaf values as
/// serialized GVariant `v`. Anything else (a byte-swapped file, a truncated one, a foreign
/// value type) reads as "not set".
public struct GVDBFile: Sendable {
    private let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// The file at `path`, or nil when it cannot be read (dconf has written nothing yet). At
    /// most 16 MiB: dconf's own files are kilobytes.
    public static func load(path: String) -> GVDBFile? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size <= 16 << 20 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let got = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if got < 0, errno == EINTR { continue }
            guard got > 0 else { break }
            filled += got
        }
        return filled == bytes.count ? GVDBFile(bytes: bytes) : nil
    }

    /// The boolean stored under `key` (`/org/gnome/desktop/notifications/show-banners`), or
    /// nil when the key is not set or holds something else.
    public func bool(at key: String) -> Bool? {
        guard let value = value(at: key), value.type == "b", value.data.count == 1, let byte = value.data.first else { return nil }
        return byte != 0
    }

    private struct Item {
        var parent: UInt32
        var name: [UInt8]
        var type: UInt8
        var valueStart: Int
        var valueEnd: Int
    }

    /// A serialized GVariant `v`: the value's bytes, a zero byte, then its type string.
    private func value(at key: String) -> (type: String, data: ArraySlice<UInt8>)? {
        guard let items = rootItems() else { return nil }
        let wanted = Array(key.utf8)
        for item in items where item.type == UInt8(ascii: "v") {
            guard fullName(of: item, in: items) == wanted else { continue }
            let stored = bytes[item.valueStart..<item.valueEnd]
            guard let zero = stored.lastIndex(of: 0) else { return nil }
            return (String(decoding: stored[(zero + 1)...], as: UTF8.self), stored[..<zero])
        }
        return nil
    }

    /// An item's name is its segment after its parents' (`/`, `org/`, ..., `show-banners`).
    private func fullName(of item: Item, in items: [Item]) -> [UInt8] {
        var name = item.name
        var parent = item.parent
        var hops = 0
        while parent != UInt32.max, Int(parent) < items.count, hops < items.count {
            name = items[Int(parent)].name + name
            parent = items[Int(parent)].parent
            hops += 1
        }
        return name
    }

    /// The header: "GVariant", version 0, options, then the root table's start and end.
    private func rootItems() -> [Item]? {
        guard bytes.count >= 24, Array(bytes[0..<8]) == Array("GVariant".utf8), let start = u32(16), let end = u32(20),
            start <= end, Int(end) <= bytes.count, let bloomWords = u32(Int(start)), let buckets = u32(Int(start) + 4)
        else { return nil }
        // n_bloom_words keeps the bloom shift in its top 5 bits.
        let itemsStart = Int(start) + 8 + 4 * (Int(bloomWords & 0x07FF_FFFF) + Int(buckets))
        guard itemsStart <= Int(end) else { return nil }
        var items: [Item] = []
        var offset = itemsStart
        while offset + 24 <= Int(end) {
            guard let parent = u32(offset + 4), let keyStart = u32(offset + 8), let keySize = u16(offset + 12),
                let valueStart = u32(offset + 16), let valueEnd = u32(offset + 20),
                Int(keyStart) + Int(keySize) <= bytes.count, valueStart <= valueEnd, Int(valueEnd) <= bytes.count
            else { return nil }
            items.append(Item(
                parent: parent, name: Array(bytes[Int(keyStart)..<Int(keyStart) + Int(keySize)]), type: bytes[offset + 14],
                valueStart: Int(valueStart), valueEnd: Int(valueEnd)))
            offset += 24
        }
        return items
    }

    private func u32(_ offset: Int) -> UInt32? {
        guard offset >= 0, offset + 4 <= bytes.count else { return nil }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * UInt32($1)) }
    }

    private func u16(_ offset: Int) -> UInt16? {
        guard offset >= 0, offset + 2 <= bytes.count else { return nil }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }
}
