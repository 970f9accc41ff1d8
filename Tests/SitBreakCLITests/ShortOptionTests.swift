import SitBreakCLI
import Testing

/// A command with short spellings, parsed the way POSIX and GNU tools parse them.
private let tool = Program(
    root: CommandSpec<FixtureAction>(
        name: "tool", abstract: "An example.",
        options: [
            .flag("json", short: "j", help: "Print JSON."),
            .flag("follow", short: "f", help: "Keep printing."),
            .value("days", short: "d", valueName: "N", help: "How many days."),
            .value("template", valueName: "template", help: "Your own line."),
        ],
        action: .status),
    version: "1", seeAlso: [])

private func run(_ words: String...) throws -> ParsedCommand<FixtureAction> {
    guard case .run(let command) = try CommandLineParser.parse(words, for: tool) else { throw UnexpectedRequest(words: words) }
    return command
}

private func error(_ words: String...) -> String? {
    do {
        _ = try CommandLineParser.parse(words, for: tool)
        return nil
    } catch {
        return error.description
    }
}

struct ShortOptionTests {
    @Test func shortFlagsCombine() throws {
        for words in [["-jf"], ["-fj"], ["-j", "-f"], ["--json", "-f"]] {
            let command = try CommandLineParser.parse(words, for: tool)
            guard case .run(let parsed) = command else { throw UnexpectedRequest(words: words) }
            #expect(parsed.flag("json") && parsed.flag("follow"), "\(words)")
        }
    }

    @Test func aShortOptionTakesTheRestOfTheWordOrTheNextWord() throws {
        #expect(try run("-d3").value("days") == "3")
        #expect(try run("-d", "3").value("days") == "3")
        #expect(try run("-jd3").value("days") == "3")
        #expect(try run("-jd3").flag("json"))
    }

    @Test func anOptionIsNeverTakenAsTheValueOfAnother() {
        #expect(error("--template", "--json")
            == "tool: missing value for --template <template> (\"--json\" is an option; write --template=--json if it is the value)")
        #expect(error("-d", "-j") == "tool: missing value for -d <N> (\"-j\" is an option; write --days=-j if it is the value)")
        #expect(error("-d") == "tool: missing value for -d <N>")
    }

    @Test func anOptionLikeValueGoesAfterAnEqualsSign() throws {
        #expect(try run("--template=--json").value("template") == "--json")
        #expect(try run("--template=--json").flag("json") == false)
    }

    @Test func anUnknownLetterIsNamed() {
        #expect(error("-jx") == "tool: unknown option \"-x\"")
    }

    @Test func helpIsALetterToo() throws {
        guard case .show(let help) = try CommandLineParser.parse(["-jh"], for: tool) else {
            Issue.record("-jh did not show help")
            return
        }
        #expect(help.contains("--json"))
    }
}
