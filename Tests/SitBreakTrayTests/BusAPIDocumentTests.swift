import Glibc
import SitBreakBus
import Testing

@testable import SitBreakTray

/// config/io.github.sitbreak.SitBreak1.xml is the interface as the daemon introspects it, so
/// a binding generated from the file (gdbus-codegen, qdbusxml2cpp) matches what runs.
@Suite struct BusAPIDocumentTests {
    static let file: String = {
        let repository = String(#filePath.split(separator: "/Tests/", maxSplits: 1)[0])
        return repository + "/config/\(BusAPI.name).xml"
    }()

    @Test func theShippedIntrospectionFileIsWhatTheDaemonAnswers() throws {
        let expected = BusIntrospection.xml([BusAPI.interface])
        let shipped = try #require(readFile(Self.file), "\(Self.file) is missing")
        #expect(shipped == expected, "regenerate \(Self.file): it differs from BusAPI.interface")
    }

    private func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
