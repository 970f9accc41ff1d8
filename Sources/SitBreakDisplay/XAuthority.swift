
/// The cookie an X server asks for, read from an Xauthority file (`man Xsecurity`, `xauth`):
/// a run of entries, each a 16-bit family and four counted fields (address, display number,
/// authorization name, authorization data), every number big-endian.
///
/// sitbreakd hands the cookie to Xlib itself (`XSetAuthorization`) rather than pointing
/// Xlib at the file through `XAUTHORITY`: a desktop that arrives after the daemon hands its
/// file over only as a value, and setting the daemon's environment would change it for every
/// thread of the process, tests included.
struct XAuthority: Equatable {
    var name: [UInt8]
    var data: [UInt8]

    /// This machine's entry for the display in `displayName` (`:1`, `:1.0`, `unix:1`); nil when
    /// the file has none.
    static func cookie(in file: [UInt8], displayName: String) -> XAuthority? {
        let number = Array(displayNumber(of: displayName).utf8)
        var fallback: XAuthority?
        var reader = Reader(bytes: file)
        while let family = reader.uint16(), let _ = reader.field(), let entryNumber = reader.field(),
            let name = reader.field(), let data = reader.field()
        {
            guard entryNumber == number || entryNumber.isEmpty else { continue }
            let entry = XAuthority(name: name, data: data)
            // A connection over the local socket asks for the local or the wildcard entry;
            // an entry for a network address of this host is the next best.
            if family == familyLocal || family == familyWild { return entry }
            fallback = fallback ?? entry
        }
        return fallback
    }

    private static let familyLocal: UInt16 = 256
    private static let familyWild: UInt16 = 65_535

    static func displayNumber(of displayName: String) -> String {
        guard let colon = displayName.lastIndex(of: ":") else { return "" }
        return String(displayName[displayName.index(after: colon)...].prefix { $0 != "." })
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func uint16() -> UInt16? {
            guard offset + 2 <= bytes.count else { return nil }
            defer { offset += 2 }
            return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
        }

        mutating func field() -> [UInt8]? {
            guard let length = uint16(), offset + Int(length) <= bytes.count else { return nil }
            defer { offset += Int(length) }
            return Array(bytes[offset..<offset + Int(length)])
        }
    }
}
