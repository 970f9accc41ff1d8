import Foundation
import Testing

/// The programs' own command lines, as built: usage errors, help, man pages, completions.
/// None of these needs a running daemon.
struct CommandLineTests {
    let harness: DaemonHarness

    init() throws { harness = try DaemonHarness(config: "") }

    @Test func aUsageErrorNamesTheCommandAndHowToWriteIt() {
        let snooze = harness.ctl("snooze", "45")
        #expect(snooze.status == 1)
        #expect(snooze.errors.hasPrefix("sitbreakctl snooze: \"45\" has no unit; write \"45m\"\nUsage: sitbreakctl snooze [<duration>]"),
                "\(snooze.errors)")
        let typo = harness.ctl("snoze")
        #expect(typo.status == 1)
        #expect(typo.errors.hasPrefix("sitbreakctl: unknown subcommand \"snoze\"; did you mean \"snooze\"?"), "\(typo.errors)")
        let stats = harness.ctl("stats", "--week", "--days", "3")
        #expect(stats.status == 1)
        #expect(stats.errors.hasPrefix("sitbreakctl stats: choose one of --week, --days and --since"), "\(stats.errors)")
    }

    @Test func sitbreakdExitsWithExUsageOnAUsageError() {
        let stray = harness.run("sitbreakd", ["stray"])
        #expect(stray.status == 64)
        #expect(stray.errors.hasPrefix("sitbreakd: a path argument goes with --check-config"), "\(stray.errors)")
    }

    @Test func helpAndVersionExitZero() {
        let help = harness.ctl("help", "snooze")
        #expect(help.status == 0)
        #expect(help.output.hasPrefix("OVERVIEW: Move the next reminder out (default: break.snooze)."))
        #expect(harness.ctl("--version").output == harness.run("sitbreakd", ["--version"]).output)
    }

    @Test func theManPagesListEverySubcommand() {
        let page = harness.ctl("--generate-manual")
        #expect(page.status == 0)
        for heading in ["status (default)", "snooze", "exercises list (default)", "exercises show", "doctor"] {
            #expect(page.output.contains(".SS \"\(heading)\""), "\(heading)")
        }
        #expect(harness.run("sitbreakd", ["--generate-manual"]).output.contains(".SH OPTIONS"))
    }

    @Test func bashCompletesSnToSnooze() throws {
        let script = harness.ctl("--generate-completion-script", "bash")
        #expect(script.status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["--norc", "-c", script.output + "\nCOMP_WORDS=(sitbreakctl sn); COMP_CWORD=1; _sitbreakctl; echo \"${COMPREPLY[*]}\""]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let words = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(words == "snooze\n")
    }
}
