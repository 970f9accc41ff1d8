import SitBreakCLI
import Testing

/// Laid out as swift-argument-parser did: the help people have read stays as it was.
struct HelpTextTests {
    @Test func theRootListsItsSubcommandsAndTheDefault() throws {
        #expect(try shown("--help") == """
            OVERVIEW: Control toold, the example daemon.

            Exit status: 0 done, 1 refused.

            USAGE: tool <subcommand>

            OPTIONS:
              --version               Show the version.
              -h, --help              Show help information.

            SUBCOMMANDS:
              status (default)        Show the state.
              snooze                  Move the next reminder out.
              items                   List the items, or show one.

              See 'tool help <subcommand>' for detailed help.
            """)
    }

    @Test func aLeafShowsItsUsageArgumentsAndOptions() throws {
        #expect(try shown("help", "items", "show") == """
            OVERVIEW: Print an item.

            USAGE: tool items show [--verbose] <id>

            ARGUMENTS:
              <id>                    The item's id.

            OPTIONS:
              --verbose               Say more.
              --version               Show the version.
              -h, --help              Show help information.
            """)
    }

    @Test func aNestedGroupPointsToHelpWithItsPath() throws {
        #expect(try shown("items", "--help").hasSuffix("""
            SUBCOMMANDS:
              list (default)          List every item.
              show                    Print an item.

              See 'tool help items <subcommand>' for detailed help.
            """))
    }

    @Test func longLabelsAndLongHelpWrapUnderTheHelpColumn() throws {
        #expect(try shown("status", "--help").contains("""
              --config <path>         The config file.
              --a-rather-long-option-name <value>
                                      An option whose label fills its column.
            """))
        let program = Program(
            root: CommandSpec<FixtureAction>(
                name: "tool",
                abstract: "Show how you sat and how often you got up: today, a week, or any span.",
                options: [.flag("follow", help: "Keep printing one line per change (waybar's continuous mode); no polling.")],
                action: .status),
            version: "1")
        guard case .show(let help) = try CommandLineParser.parse(["--help"], for: program) else {
            Issue.record("--help did not show help")
            return
        }
        #expect(help.hasPrefix("""
            OVERVIEW: Show how you sat and how often you got up: today, a week, or any
            span.

            USAGE: tool [--follow]

            OPTIONS:
              --follow                Keep printing one line per change (waybar's
                                      continuous mode); no polling.
            """))
    }
}
