import SitBreakCLI
import Testing

/// Values only known when completion is asked (the user's own move ids): each shell runs the
/// command and offers what it prints.
struct PrintedCompletionTests {
    /// `printf %s\\n alpha beta`: one id a line, in words every shell reads alike.
    private static let ids = ValueCompletion.printedBy(["printf", "%s\\\\n", "alpha", "beta"])

    private static let program = Program(
        root: CommandSpec<FixtureAction>(
            name: "mover", abstract: "An example.",
            subcommands: [
                CommandSpec(
                    name: "show", abstract: "Show a move.",
                    arguments: [ArgumentSpec("move", help: "Its id.", completion: ids)], action: .show),
                CommandSpec(
                    name: "break", abstract: "Take a break.",
                    options: [.value("move", valueName: "move", help: "This move.", completion: ids)], action: .status),
            ]),
        version: "1")

    private static func script(_ shell: String) throws -> String {
        guard case .show(let text) = try CommandLineParser.parse(["--generate-completion-script", shell], for: program) else {
            throw UnexpectedRequest(words: [shell])
        }
        return text
    }

    @Test func bashOffersWhatTheCommandPrints() throws {
        for words in [["mover", "show", ""], ["mover", "break", "--move", ""], ["mover", "show", "al"]] {
            let probe = try Self.script("bash") + """
                COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " ")))
                COMP_CWORD=\(words.count - 1)
                _mover
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let outcome = try ShellRun.run("bash", ["--norc", "-s"], input: probe)
            #expect(outcome.errors == "")
            #expect(outcome.output.split(separator: "\n") == (words.last == "al" ? ["alpha"] : ["alpha", "beta"]), "\(words)")
        }
    }

    @Test(.enabled(if: ShellRun.installed("fish"), "fish is not installed (make test-deps)"))
    func fishOffersWhatTheCommandPrints() throws {
        for commandLine in ["mover show ", "mover break --move "] {
            let probe = try Self.script("fish") + "\ncomplete -C '\(commandLine)'\n"
            let outcome = try ShellRun.run("fish", ["--no-config", "-c", "source"], input: probe)
            #expect(outcome.errors == "")
            #expect(outcome.output.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }.sorted() == ["alpha", "beta"])
        }
    }

    @Test(.enabled(if: ShellRun.installed("zsh"), "zsh is not installed (make test-deps)"))
    func zshRunsTheCommandInItsAction() throws {
        let script = try Self.script("zsh")
        let check = try ShellRun.run("zsh", ["-n"], input: script)
        #expect(check.status == 0, "\(check.errors)")
        #expect(script.contains(#"{compadd -- ${(f)"$(printf %s\\n alpha beta 2>/dev/null)"}}"#))
    }
}
