import Foundation
import Testing

/// `stats`, `exercises` and `config` read files only: they work in a shell without a login
/// session's XDG_RUNTIME_DIR (su, cron, a container), where the commands that talk to
/// sitbreakd cannot.
@Suite struct FileCommandsTests {
    @Test func fileCommandsWorkWithoutARuntimeDirectory() throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        #expect(harness.ctl("snooze", "10m").status == 0)
        #expect(harness.stop() == 0)
        let noSession = ["XDG_RUNTIME_DIR": ""]
        let stats = harness.run("sitbreakctl", ["stats"], extraEnvironment: noSession)
        #expect(stats.status == 0, "\(stats.errors)")
        #expect(stats.output.contains("0 skipped, 1 snoozed"), "\(stats.output)")
        for arguments in [["exercises", "--ids"], ["config"]] {
            let outcome = harness.run("sitbreakctl", arguments, extraEnvironment: noSession)
            #expect(outcome.status == 0 && !outcome.output.isEmpty, "\(arguments): \(outcome.errors)")
        }
        let status = harness.run("sitbreakctl", ["status"], extraEnvironment: noSession)
        #expect(status.status == 3)
        #expect(status.errors.contains("XDG_RUNTIME_DIR is not set"), "\(status.errors)")
    }
}
