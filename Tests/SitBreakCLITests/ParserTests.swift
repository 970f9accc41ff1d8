import SitBreakCLI
import Testing

struct ParserTests {
    @Test func aSubcommandRunsWithItsArgument() throws {
        let command = try parsed("snooze", "10m")
        #expect(command.action == .snooze)
        #expect(command.commandPath == ["tool", "snooze"])
        #expect(command.argument("duration") == "10m")
    }

    @Test func optionsGoBeforeOrAfterArguments() throws {
        for words in [["items", "show", "--verbose", "x"], ["items", "show", "x", "--verbose"]] {
            let show = try parsed(words)
            #expect(show.action == .show)
            #expect(show.requiredArgument("id") == "x")
            #expect(show.flag("verbose"))
        }
    }

    @Test func aValueComesAfterAnEqualsSignOrAsTheNextWord() throws {
        #expect(try parsed("status", "--format=bar").value("format") == "bar")
        #expect(try parsed("status", "--format", "prompt").value("format") == "prompt")
        #expect(try parsed("status", "--config=a=b").value("config") == "a=b")
    }

    @Test func doubleDashEndsTheOptions() throws {
        #expect(try parsed("items", "show", "--", "--verbose").requiredArgument("id") == "--verbose")
        #expect(!(try parsed("items", "show", "--", "--verbose").flag("verbose")))
        #expect(try parsed("snooze", "--", "-5m").argument("duration") == "-5m")
    }

    @Test func aRepeatedFlagCountsOnceAndTheLastValueWins() throws {
        #expect(try parsed("status", "--json", "--json").flag("json"))
        #expect(try parsed("status", "--format", "bar", "--format", "prompt").value("format") == "prompt")
    }

    @Test func whatWasNotGivenIsAbsent() throws {
        let command = try parsed("status")
        #expect(!command.flag("json"))
        #expect(command.value("format") == nil)
        #expect(try parsed("snooze").argument("duration") == nil)
    }

    @Test func theDefaultSubcommandRunsWhenNoneIsNamed() throws {
        #expect(try parsed().action == .status)
        #expect(try parsed("--json").flag("json"))
        #expect(try parsed("--json").commandPath == ["tool", "status"])
        #expect(try parsed("items").action == .list)
        #expect(try parsed("items", "--json").flag("json"))
    }

    @Test func aMissingValueSaysWhichOption() {
        #expect(usageError("status", "--format") == UsageError(
            commandPath: ["tool", "status"], message: "missing value for --format <format>",
            usage: "tool status [--json] [--format <format>] [--config <path>] [--a-rather-long-option-name <value>]"))
    }

    @Test func anUnknownSubcommandSuggestsTheNearestOne() {
        #expect(usageError("snoze")?.description == "tool: unknown subcommand \"snoze\"; did you mean \"snooze\"?")
        #expect(usageError("frobnicate")?.description == "tool: unknown subcommand \"frobnicate\"")
        #expect(usageError("items", "sho")?.description == "tool items: unknown subcommand \"sho\"; did you mean \"show\"?")
    }

    @Test func anUnknownOptionSuggestsTheNearestOne() {
        #expect(usageError("status", "--jsno")?.description == "tool status: unknown option \"--jsno\"; did you mean \"--json\"?")
        #expect(usageError("status", "--xyz")?.description == "tool status: unknown option \"--xyz\"")
        #expect(usageError("--verison")?.description == "tool status: unknown option \"--verison\"; did you mean \"--version\"?")
    }

    @Test func extraAndMissingArgumentsAreRefused() {
        #expect(usageError("snooze", "5m", "10m")?.description == "tool snooze: unexpected argument \"10m\"")
        #expect(usageError("status", "now")?.description == "tool status: unexpected argument \"now\"")
        #expect(usageError("items", "show")?.description == "tool items show: missing argument <id>")
    }

    @Test func aValueOutsideTheChoicesIsRefused() {
        #expect(usageError("status", "--format", "tmux")?.description
            == "tool status: --format \"tmux\": choose one of bar, prompt")
    }

    @Test func aFlagTakesNoValue() {
        #expect(usageError("status", "--json=yes")?.description == "tool status: --json takes no value")
    }

    @Test func helpAndVersionWinOverEverythingElseOnTheLine() throws {
        let rootHelp = try shown("--help")
        #expect(rootHelp.hasPrefix("OVERVIEW: Control toold"))
        #expect(try shown("-h") == rootHelp)
        #expect(try shown("help") == rootHelp)
        #expect(try shown("help", "items", "show") == shown("items", "show", "--help"))
        #expect(try shown("status", "--format", "nonsense", "-h").hasPrefix("OVERVIEW: Show the state."))
        #expect(try shown("--version") == "1.2.3")
        #expect(try shown("items", "show", "--version") == "1.2.3")
        #expect(usageError("help", "bogus")?.description == "tool: unknown subcommand \"bogus\"")
        #expect(usageError("items", "show", "--", "--help") == nil)
    }

    @Test func aUsageErrorReportSaysWhereToReadMore() throws {
        let error = try parsed("snooze").usageError("\"45\" has no unit; write \"45m\"")
        #expect(error.report == """
            tool snooze: "45" has no unit; write "45m"
            Usage: tool snooze [<duration>]
              See 'tool snooze --help' for more information.
            """)
    }

    @Test func generatedFilesAreAskedForByTheWholeLine() throws {
        #expect(try shown("--generate-manual").contains(".SH SUBCOMMANDS"))
        #expect(try shown("--generate-completion-script", "fish").contains("complete -c 'tool'"))
        #expect(usageError("--generate-completion-script", "tcsh")?.message
            == "--generate-completion-script \"tcsh\": choose one of bash, zsh, fish")
        #expect(usageError("status", "--generate-manual")?.message == "unknown option \"--generate-manual\"")
    }
}

extension ParserTests {
    /// `sitbreakctl exercises show Kneeling lunge`: a name needs no quotes.
    static let namer = Program(
        root: CommandSpec<FixtureAction>(
            name: "namer", abstract: "Finds things by name.",
            subcommands: [
                CommandSpec(
                    name: "show", abstract: "Show one.", options: [.flag("open", help: "Open it.")],
                    arguments: [ArgumentSpec("name", help: "Its name.", takesRest: true)], action: .show),
            ]),
        version: "1")

    @Test func aTrailingArgumentThatTakesTheRestJoinsTheWordsAfterIt() throws {
        let request = try CommandLineParser.parse(["show", "Kneeling", "lunge", "(3", "×", "30", "s):", "--open"], for: Self.namer)
        guard case .run(let command) = request else { throw UnexpectedRequest(words: []) }
        #expect(command.requiredArgument("name") == "Kneeling lunge (3 × 30 s):")
        #expect(command.flag("open"))
        let one = try CommandLineParser.parse(["show", "bridge"], for: Self.namer)
        guard case .run(let single) = one else { throw UnexpectedRequest(words: []) }
        #expect(single.requiredArgument("name") == "bridge")
        let missing = #expect(throws: UsageError.self) { try CommandLineParser.parse(["show"], for: Self.namer) }
        #expect(missing?.usage.hasSuffix("<name>...") == true, "\(String(describing: missing?.usage))")
    }
}
