import Testing

@testable import SitBreakFiles

/// GNOME's do-not-disturb switch read as GNOME keeps it, from dconf's own files (written by
/// `gsettings set org.gnome.desktop.notifications show-banners ...` through dconf-service 0.40).
struct GVDBFileTests {
    static let key = "/org/gnome/desktop/notifications/show-banners"

    private static func bytes(_ hex: [String]) -> [UInt8] {
        let digits = Array(hex.joined().utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }

    /// Only show-banners, set to false.
    static let bannersOff = GVDBFile(bytes: bytes([
        "4756617269616e74000000000000000018000000c8000000000000280600000000000000000000000200000004000000",
        "05000000060000004b50900b02000000c800000004004c00cc000000d0000000d982b51c05000000d00000000c007600",
        "e0000000e3000000d4b50200ffffffffe300000001004c00e4000000e8000000b0b7243000000000e800000006004c00",
        "f0000000f4000000b988fdda03000000f400000008004c00fc00000000010000c21d8c8504000000000100000e004c00",
        "10010000140100006f72672f0300000073686f772d62616e6e657273000000000000622f00000000676e6f6d652f0000",
        "040000006465736b746f702f050000006e6f74696669636174696f6e732f000001000000",
    ]))

    /// show-banners set back to true, and a key of another schema beside it.
    static let bannersOnBytes = bytes([
        "4756617269616e7400000000000000001800000000010000000000280800000000000000010000000400000005000000",
        "06000000070000000700000007000000b0b72430050000000001000006004c00080100000c010000b988fdda00000000",
        "0c01000008004c00140100001c010000d982b51c040000001c0100000c007600280100002b01000039c53b4f01000000",
        "2b0100000a004c00380100003c010000c21d8c85010000003c0100000e004c004c010000500100004b50900b06000000",
        "5001000004004c005401000058010000d4b50200ffffffff5801000001004c005c010000600100008ff53a5f03000000",
        "6001000012007600780100007b010000676e6f6d652f0000010000006465736b746f702f030000000400000073686f77",
        "2d62616e6e657273010062696e746572666163652f000000070000006e6f74696669636174696f6e732f000002000000",
        "6f72672f000000002f00000005000000636c6f636b2d73686f772d7365636f6e6473000000000000010062",
    ])
    static let bannersOn = GVDBFile(bytes: bannersOnBytes)

    @Test func readsTheBannersSwitchAsDconfWroteIt() {
        #expect(Self.bannersOff.bool(at: Self.key) == false)
        #expect(Self.bannersOn.bool(at: Self.key) == true)
        #expect(Self.bannersOn.bool(at: "/org/gnome/desktop/interface/clock-show-seconds") == true)
    }

    @Test func aKeyThatIsNotSetOrNotABooleanReadsAsUnset() {
        #expect(Self.bannersOff.bool(at: "/org/gnome/desktop/notifications/show-in-lock-screen") == nil)
        #expect(Self.bannersOff.bool(at: "/org/gnome/desktop/notifications/") == nil)
        #expect(Self.bannersOff.bool(at: "") == nil)
    }

    @Test func aBrokenFileReadsAsUnsetWithoutTrapping() {
        #expect(GVDBFile(bytes: []).bool(at: Self.key) == nil)
        #expect(GVDBFile(bytes: Array("GVariant".utf8)).bool(at: Self.key) == nil)
        var garbage = Array(repeating: UInt8(0xFF), count: 64)
        garbage.replaceSubrange(0..<8, with: Array("GVariant".utf8))
        #expect(GVDBFile(bytes: garbage).bool(at: Self.key) == nil)
        // Every truncation of a real file.
        for length in 0..<Self.bannersOnBytes.count {
            #expect(GVDBFile(bytes: Array(Self.bannersOnBytes.prefix(length))).bool(at: Self.key) != false)
        }
    }

    @Test func aMissingFileIsNoFile() {
        #expect(GVDBFile.load(path: "/nonexistent/dconf/user") == nil)
        #expect(GVDBFile.load(path: "/dev/zero") == nil)
    }
}
