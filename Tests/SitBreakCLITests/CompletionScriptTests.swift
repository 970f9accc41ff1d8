import Foundation
import SitBreakCLI
import Testing

struct CompletionScriptTests {
    private func script(_ shell: String) throws -> String { try shown("--generate-completion-script", shell) }

    /// The words bash offers for the command line `words`, the last being the word under the cursor.
    private func bashCompletions(_ words: [String]) throws -> [String] {
        let quotedWords = words.map { "'\($0)'" }.joined(separator: " ")
        let probe = try script("bash") + """
            COMP_WORDS=(\(quotedWords))
            COMP_CWORD=\(words.count - 1)
            _tool
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let outcome = try ShellRun.run("bash", ["--norc", "-s"], input: probe)
        #expect(outcome.errors == "")
        return outcome.output.split(separator: "\n").map(String.init)
    }

    /// The words fish offers for `commandLine`, without their descriptions.
    private func fishCompletions(_ commandLine: String) throws -> [String] {
        let probe = try script("fish") + "\ncomplete -C '\(commandLine)'\n"
        let outcome = try ShellRun.run("fish", ["--no-config", "-c", "source"], input: probe)
        #expect(outcome.errors == "")
        return outcome.output.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
    }

    @Test func theBashScriptIsValidBash() throws {
        let check = try ShellRun.run("bash", ["-n"], input: try script("bash"))
        #expect(check.status == 0, "\(check.errors)")
    }

    @Test func bashCompletesSubcommandsOptionsAndValues() throws {
        #expect(try bashCompletions(["tool", "sn"]) == ["snooze"])
        #expect(try bashCompletions(["tool", ""]) == ["status", "snooze", "items", "help"])
        #expect(try bashCompletions(["tool", "status", "--f"]) == ["--format"])
        #expect(try bashCompletions(["tool", "status", "--format", ""]) == ["bar", "prompt"])
        #expect(try bashCompletions(["tool", "snooze", ""]) == ["5m", "10m"])
        #expect(try bashCompletions(["tool", "snooze", "5m", ""]) == [])
        #expect(try bashCompletions(["tool", "items", "s"]) == ["show"])
        #expect(try bashCompletions(["tool", "items", "list", "--j"]) == ["--json"])
        #expect(try bashCompletions(["tool", "help", "it"]) == ["items"])
        #expect(try bashCompletions(["tool", "status", "--config", "/etc/host"]).contains("/etc/hostname"))
    }

    /// `tool --json` runs `tool status --json`, and `tool items --json` runs `tool items list --json`.
    @Test func bashOffersTheDefaultSubcommandsOptionsAtItsGroup() throws {
        #expect(try bashCompletions(["tool", "--"]) == ["--json", "--format", "--config", "--a-rather-long-option-name", "--version", "--help"])
        #expect(try bashCompletions(["tool", "--format", ""]) == ["bar", "prompt"])
        #expect(try bashCompletions(["tool", "items", "--j"]) == ["--json"])
        #expect(try bashCompletions(["tool", "snooze", "--j"]) == [])
    }

    /// bash hands `--format=pr` over as three words: `--format`, `=` and `pr`.
    @Test func bashCompletesAValueAfterAnEqualsSign() throws {
        #expect(try bashCompletions(["tool", "status", "--format", "="]) == ["bar", "prompt"])
        #expect(try bashCompletions(["tool", "status", "--format", "=", "p"]) == ["prompt"])
        #expect(try bashCompletions(["tool", "status", "--format", "=", "bar", ""]) == [])
        #expect(try bashCompletions(["tool", "status", "--format", "=", "bar", "--j"]) == ["--json"])
    }

    @Test(.enabled(if: ShellRun.installed("zsh"), "zsh is not installed (make test-deps)"))
    func theZshScriptIsValidZsh() throws {
        let check = try ShellRun.run("zsh", ["-n"], input: try script("zsh"))
        #expect(check.status == 0, "\(check.errors)")
        #expect(try script("zsh").hasPrefix("#compdef tool\n"))
    }

    @Test(.enabled(if: ShellRun.installed("fish"), "fish is not installed (make test-deps)"))
    func theFishScriptIsValidFish() throws {
        let check = try ShellRun.run("fish", ["--no-config", "-n"], input: try script("fish"))
        #expect(check.status == 0, "\(check.errors)")
    }

    @Test(.enabled(if: ShellRun.installed("fish"), "fish is not installed (make test-deps)"))
    func fishCompletesSubcommandsOptionsAndValues() throws {
        #expect(try fishCompletions("tool sn") == ["snooze"])
        #expect(try fishCompletions("tool status --format ").sorted() == ["bar", "prompt"])
        #expect(try fishCompletions("tool items ").sorted() == ["list", "show"])
        #expect(try fishCompletions("tool items show --v").sorted() == ["--verbose", "--version"])
        #expect(try fishCompletions("tool --fo") == ["--format"])
        #expect(try fishCompletions("tool --format=").sorted() == ["--format=bar", "--format=prompt"])
        #expect(try fishCompletions("tool items --j") == ["--json"])
    }
}
