import Foundation
import SitBreakTestSupport
import Testing

@testable import SitBreakDisplay

/// Cookies read the way Xlib would pick them: files written by the real `xauth`.
struct XAuthorityTests {
    static let hasXauth = FileManager.default.isExecutableFile(atPath: "/usr/bin/xauth")

    /// An Xauthority file made by `xauth` from its commands.
    static func file(_ commands: [String]) throws -> [UInt8] {
        let directory = try DisposableDirectory()
        let path = directory.path + "/Xauthority"
        for command in commands {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/xauth")
            process.arguments = ["-q", "-f", path] + command.split(separator: " ").map(String.init)
            try process.run()
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "xauth \(command)")
        }
        return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func bytes(_ hex: String) -> [UInt8] {
        stride(from: 0, to: hex.count, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! }
    }

    @Test(.enabled(if: hasXauth, "needs xauth (package xauth)"))
    func theCookieOfTheDisplayIsFoundAmongOthers() throws {
        let file = try Self.file([
            "add :3 MIT-MAGIC-COOKIE-1 00112233445566778899aabbccddeeff",
            "add :7 MIT-MAGIC-COOKIE-1 ffeeddccbbaa99887766554433221100",
        ])
        let cookie = XAuthority.cookie(in: file, displayName: ":7.0")
        #expect(cookie?.name == Array("MIT-MAGIC-COOKIE-1".utf8))
        #expect(cookie?.data == Self.bytes("ffeeddccbbaa99887766554433221100"))
        #expect(XAuthority.cookie(in: file, displayName: "unix:3")?.data == Self.bytes("00112233445566778899aabbccddeeff"))
        #expect(XAuthority.cookie(in: file, displayName: ":9") == nil)
    }

    @Test func aTruncatedOrEmptyFileHasNoCookie() {
        #expect(XAuthority.cookie(in: [], displayName: ":0") == nil)
        // Family, then an address length that runs past the end.
        #expect(XAuthority.cookie(in: [0x01, 0x00, 0x00, 0x09, 0x61], displayName: ":0") == nil)
    }

    @Test func theDisplayNumberIsBetweenTheColonAndTheScreen() {
        #expect(XAuthority.displayNumber(of: ":0") == "0")
        #expect(XAuthority.displayNumber(of: ":12.1") == "12")
        #expect(XAuthority.displayNumber(of: "localhost:10.0") == "10")
        #expect(XAuthority.displayNumber(of: "nonsense") == "")
    }
}
