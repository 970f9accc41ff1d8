import Foundation
import Glibc
import Logging
import SitBreakPresentation
import SitBreakTestSupport
import Synchronization
import Testing

@testable import SitBreakSystemd

private func event(
    _ level: Logger.Level, _ message: String, metadata: Logger.Metadata? = nil
) -> LogEvent {
    LogEvent(
        level: level, message: "\(message)", metadata: metadata, source: nil,
        file: "SitBreakOS/Reminders.swift", function: "remind(now:)", line: 42)
}

private let handler = JournalLogHandler(
    identifier: "sitbreakd", destinations: JournalLogDestinations(journal: false, stderr: .plain))

/// Keeps what a `Logger` hands its handler.
private struct RecordingHandler: LogHandler {
    final class Sink: Sendable {
        let events = Mutex<[LogEvent]>([])
    }

    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    let sink = Sink()

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) { sink.events.withLock { $0.append(event) } }
}

@Suite struct JournalLogHandlerTests {
    @Test func anEntryCarriesTheCallSiteAndEveryMetadataField() {
        let reminder = event(
            .notice, "Time to stand up",
            metadata: [
                "MESSAGE_ID": "daac2b2bb2e74410b823c0738fe5366b", "SITBREAK_EVENT": "reminder",
                "SITBREAK_SITTING_SEC": "2820",
            ])
        #expect(
            handler.journalFields(for: reminder, metadata: reminder.metadata!) == [
                "MESSAGE=Time to stand up",
                "PRIORITY=5",
                "SYSLOG_IDENTIFIER=sitbreakd",
                "CODE_FILE=SitBreakOS/Reminders.swift",
                "CODE_LINE=42",
                "CODE_FUNC=remind(now:)",
                "MESSAGE_ID=daac2b2bb2e74410b823c0738fe5366b",
                "SITBREAK_EVENT=reminder",
                "SITBREAK_SITTING_SEC=2820",
            ])
    }

    @Test func aMultiLineMessageStaysOneField() {
        let rejected = event(.warning, "config.toml:3:13: sit_limit: \"45\" has no unit\n  write \"45m\"")
        #expect(
            handler.journalFields(for: rejected, metadata: [:]).first
                == "MESSAGE=config.toml:3:13: sit_limit: \"45\" has no unit\n  write \"45m\"")
    }

    @Test func metadataCannotReplaceTheHandlersOwnFields() {
        let sneaky = event(.info, "hello", metadata: ["priority": "0", "MESSAGE": "other", "code-line": "1"])
        let fields = handler.journalFields(for: sneaky, metadata: sneaky.metadata!)
        #expect(fields.filter { $0.hasPrefix("PRIORITY=") } == ["PRIORITY=6"])
        #expect(fields.filter { $0.hasPrefix("MESSAGE=") } == ["MESSAGE=hello"])
        #expect(fields.filter { $0.hasPrefix("CODE_LINE=") } == ["CODE_LINE=42"])
    }

    @Test(arguments: [
        ("sitting-sec", "SITTING_SEC"),
        ("_SYSTEMD_UNIT", "SYSTEMD_UNIT"),
        ("2fa", "FA"),
        ("SITBREAK_SOURCE", "SITBREAK_SOURCE"),
        (String(repeating: "A", count: 70), String(repeating: "A", count: 64)),
    ])
    func fieldNamesAreMadeValidForTheJournal(key: String, name: String) {
        #expect(JournalLogHandler.journalFieldName(key) == name)
    }

    @Test func aKeyWithNoUsableCharacterIsDropped() {
        #expect(JournalLogHandler.journalFieldName("__") == nil)
        #expect(JournalLogHandler.journalFieldName("") == nil)
    }

    @Test func levelsMapToSyslogPriorities() {
        let levels: [Logger.Level] = [.trace, .debug, .info, .notice, .warning, .error, .critical]
        #expect(levels.map { JournalLogHandler.priority(of: $0).rawValue } == [7, 7, 6, 5, 4, 3, 2])
    }

    @Test func aPlainLineIsReadable() {
        let snoozed = event(
            .info, "Snoozed for 10 min", metadata: ["SITBREAK_EVENT": "snoozed", "SITBREAK_DURATION_SEC": "600"])
        #expect(
            handler.stderrLine(for: snoozed, metadata: snoozed.metadata!, format: .plain)
                == "sitbreakd: Snoozed for 10 min (SITBREAK_DURATION_SEC=600 SITBREAK_EVENT=snoozed)\n")
    }

    @Test func aPlainLineNamesWarningsAndQuotesValuesWithSpaces() {
        let rejected = event(
            .warning, "Configuration rejected\nkept the previous settings",
            metadata: ["SITBREAK_CONFIG_ERROR": "config.toml:3:13: sit_limit: \"45\" has no unit"])
        #expect(
            handler.stderrLine(for: rejected, metadata: rejected.metadata!, format: .plain)
                == "sitbreakd: warning: Configuration rejected\n  kept the previous settings"
                + " (SITBREAK_CONFIG_ERROR=\"config.toml:3:13: sit_limit: \\\"45\\\" has no unit\")\n")
    }

    @Test func aPrefixedLineCarriesThePriorityAndStaysOneLine() {
        let rejected = event(.error, "cannot save state\ndisk full", metadata: ["SITBREAK_EVENT": "x"])
        #expect(
            handler.stderrLine(for: rejected, metadata: rejected.metadata!, format: .priorityPrefixed)
                == "<3>cannot save state\\ndisk full (SITBREAK_EVENT=x)\n")
    }

    @Test func theCallsMetadataWinsOverTheLoggersAndTheProviders() {
        var configured = handler
        configured.metadata = ["SITBREAK_SOURCE": "tty", "SITBREAK_VERSION": "1"]
        configured.metadataProvider = Logger.MetadataProvider {
            ["SITBREAK_SOURCE": "gnome", "SITBREAK_EXERCISE": "lunge"]
        }
        let merged = configured.mergedMetadata(event(.info, "x", metadata: ["SITBREAK_EXERCISE": "bridge"]))
        #expect(merged == ["SITBREAK_SOURCE": "gnome", "SITBREAK_VERSION": "1", "SITBREAK_EXERCISE": "bridge"])
    }

    @Test func loggingAJournalEventSetsItsIdEventAndPriority() throws {
        let recorder = RecordingHandler()
        let logger = Logger(label: "test") { _ in recorder }
        logger.log(.configRejected, "Configuration rejected", fields: [.configPath: "/c.toml", .configError: "bad"])
        let logged = try #require(recorder.sink.events.withLock { $0.first })
        #expect(logged.level == .warning)
        #expect(
            logged.metadata == [
                "MESSAGE_ID": "cede77170ff54234ae0d1d870d2ab168", "SITBREAK_EVENT": "config_rejected",
                "SITBREAK_CONFIG_PATH": "/c.toml", "SITBREAK_CONFIG_ERROR": "bad",
            ])
        #expect(logged.file.hasSuffix("JournalLogHandlerTests.swift"))
    }

    @Test(arguments: [
        (true, true, JournalLogDestinations(journal: true, stderr: nil)),
        (true, false, JournalLogDestinations(journal: false, stderr: .priorityPrefixed)),
        (false, true, JournalLogDestinations(journal: true, stderr: .plain)),
        (false, false, JournalLogDestinations(journal: false, stderr: .plain)),
    ])
    func destinationsFollowStderrAndTheSocket(stderrIsJournal: Bool, socket: Bool, expected: JournalLogDestinations) {
        #expect(
            JournalLogDestinations.choose(stderrIsJournal: stderrIsJournal, journalSocketExists: socket) == expected)
    }

    @Test func stderrIsTheJournalOnlyWhenJournalStreamNamesThatVeryFile() throws {
        let temporary = try DisposableDirectory()
        let socketStandIn = temporary.path + "/socket"
        let descriptor = open(socketStandIn, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        defer { close(descriptor) }
        var status = stat()
        try #require(fstat(descriptor, &status) == 0)
        let stream = "\(status.st_dev):\(status.st_ino)"
        let otherInode = "\(status.st_dev):\(status.st_ino + 1)"

        func detect(_ journalStream: String?, socket: String) -> JournalLogDestinations {
            JournalLogDestinations.detect(
                journalStream: journalStream, stderrDescriptor: descriptor, socketPath: socket)
        }
        #expect(detect(stream, socket: socketStandIn) == JournalLogDestinations(journal: true, stderr: nil))
        #expect(
            detect(stream, socket: temporary.path + "/none")
                == JournalLogDestinations(journal: false, stderr: .priorityPrefixed))
        #expect(detect(otherInode, socket: socketStandIn) == JournalLogDestinations(journal: true, stderr: .plain))
        #expect(detect(nil, socket: temporary.path + "/none") == JournalLogDestinations(journal: false, stderr: .plain))
    }

    @Test(arguments: ["", "12", "12:", ":34", "a:b", "12:34:56", "12:34 "])
    func aMalformedJournalStreamIsNotAMatch(value: String) {
        #expect(!JournalLogDestinations.streamMatches(value, device: 12, inode: 34))
    }

    @Test func aWellFormedJournalStreamMatchesItsDeviceAndInode() {
        #expect(JournalLogDestinations.streamMatches("12:34", device: 12, inode: 34))
        #expect(!JournalLogDestinations.streamMatches("12:35", device: 12, inode: 34))
    }

    /// Runs where a journald listens (CI's systemd harness, a developer's desktop).
    @Test(
        .enabled(
            if: access(JournalLogDestinations.journalSocketPath, F_OK) == 0 && getuid() == 0,
            "no journald here, or not root"))
    func anEntryReachesTheJournalWithItsFields() throws {
        let run = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let journal = JournalLogHandler(
            identifier: "sitbreak-test", destinations: JournalLogDestinations(journal: true, stderr: nil))
        journal.log(event: event(.notice, "Time to stand up\nsecond line", metadata: ["SITBREAK_TEST_RUN": "\(run)"]))

        let output = try runJournalctl(["--sync"]) + runJournalctl(["SITBREAK_TEST_RUN=\(run)", "-o", "json"])
        let entry = try #require(
            output.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }.first)
        #expect(entry["MESSAGE"] as? String == "Time to stand up\nsecond line")
        #expect(entry["PRIORITY"] as? String == "5")
        #expect(entry["SYSLOG_IDENTIFIER"] as? String == "sitbreak-test")
        #expect(entry["CODE_LINE"] as? String == "42")
    }
}

@Suite struct JournalCatalogTests {
    struct Entry {
        var id: String
        var text: String
    }

    static let catalogPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("systemd/sitbreak.catalog").path

    static func entries() throws -> [Entry] {
        let text = try String(contentsOfFile: catalogPath, encoding: .utf8)
        return text.components(separatedBy: "\n-- ").dropFirst().map { chunk in
            let id = String(chunk.prefix { !$0.isNewline })
            return Entry(id: id, text: String(chunk.dropFirst(id.count)))
        }
    }

    @Test func everyEventHasExactlyOneEntryAndEveryEntryAnEvent() throws {
        let ids = try Self.entries().map(\.id)
        #expect(ids.sorted() == JournalEvent.allCases.map(\.messageID).sorted())
    }

    @Test func messageIDsAre128BitLowerCaseHex() {
        for event in JournalEvent.allCases {
            #expect(event.messageID.count == 32)
            #expect(event.messageID.allSatisfy { "0123456789abcdef".contains($0) })
        }
        #expect(Set(JournalEvent.allCases.map(\.messageID)).count == JournalEvent.allCases.count)
    }

    @Test func theCatalogSubstitutesOnlyFieldsTheEventAlwaysCarries() throws {
        let byID = Dictionary(uniqueKeysWithValues: JournalEvent.allCases.map { ($0.messageID, $0) })
        for entry in try Self.entries() {
            let event = try #require(byID[entry.id])
            let substituted = entry.text.components(separatedBy: "@").enumerated()
                .filter { $0.offset % 2 == 1 }.map(\.element)
            let required = Set(event.requiredFields.map(\.rawValue))
            #expect(Set(substituted).isSubset(of: required), "\(event.rawValue) substitutes \(substituted)")
            #expect(entry.text.contains("\nDefined-By: sitbreak\n"))
            #expect(entry.text.contains("\nSubject: "))
        }
    }

    @Test(.enabled(if: access("/usr/bin/journalctl", X_OK) == 0, "journalctl is not installed"))
    func journalctlCompilesTheCatalog() throws {
        let root = try DisposableDirectory()
        let catalogDirectory = root.path + "/usr/lib/systemd/catalog"
        try FileManager.default.createDirectory(atPath: catalogDirectory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.catalogPath, toPath: catalogDirectory + "/sitbreak.catalog")

        _ = try runJournalctl(["--root=\(root.path)", "--update-catalog"])
        let listed = try runJournalctl(["--root=\(root.path)", "--list-catalog"])
        for event in JournalEvent.allCases {
            #expect(
                listed.contains("\(event.messageID) sitbreak: "), "\(event.rawValue) is not in the compiled catalog")
        }
    }
}

private struct JournalctlFailed: Error, CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var description: String { "journalctl \(arguments.joined(separator: " ")) exited with \(status)" }
}

private func runJournalctl(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/journalctl")
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw JournalctlFailed(arguments: arguments, status: process.terminationStatus)
    }
    return String(decoding: data, as: UTF8.self)
}
