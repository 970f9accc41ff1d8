import Foundation
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
        let shipped = try String(contentsOfFile: Self.file, encoding: .utf8)
        #expect(shipped == expected, "regenerate \(Self.file): it differs from BusAPI.interface")
    }
}
