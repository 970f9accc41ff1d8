import SitBreakCLI

/// What the fixture's commands run: the tests only check which one the parser chose.
enum FixtureAction: Sendable, Equatable {
    case status, snooze, list, show
}

/// A program shaped like sitbreakctl: a default subcommand, options of every kind, optional and
/// required arguments, and a group with a default of its own.
let fixture = Program(
    root: CommandSpec<FixtureAction>(
        name: "tool",
        abstract: "Control toold, the example daemon.",
        discussion: "Exit status: 0 done, 1 refused.",
        subcommands: [
            CommandSpec(
                name: "status", abstract: "Show the state.",
                options: [
                    .flag("json", help: "Print JSON."),
                    .value("format", valueName: "format", help: "One of: bar, prompt.", completion: .choices(["bar", "prompt"])),
                    .value("config", valueName: "path", help: "The config file.", completion: .files),
                    .value("a-rather-long-option-name", valueName: "value", help: "An option whose label fills its column."),
                ],
                action: .status),
            CommandSpec(
                name: "snooze", abstract: "Move the next reminder out.",
                arguments: [ArgumentSpec("duration", help: "How long, e.g. 10m.", isOptional: true, completion: .suggestions(["5m", "10m"]))],
                action: .snooze),
            CommandSpec(
                name: "items", abstract: "List the items, or show one.",
                subcommands: [
                    CommandSpec(name: "list", abstract: "List every item.", options: [.flag("json", help: "Print JSON.")], action: .list),
                    CommandSpec(
                        name: "show", abstract: "Print an item.", options: [.flag("verbose", help: "Say more.")],
                        arguments: [ArgumentSpec("id", help: "The item's id.")], action: .show),
                ],
                defaultSubcommand: "list"),
        ],
        defaultSubcommand: "status"),
    version: "1.2.3",
    seeAlso: ["toold(1)"])

/// The command `words` run; fails the test when they ask for anything else.
func parsed(_ words: String...) throws -> ParsedCommand<FixtureAction> { try parsed(words) }

func parsed(_ words: [String]) throws -> ParsedCommand<FixtureAction> {
    let request = try CommandLineParser.parse(words, for: fixture)
    guard case .run(let command) = request else { throw UnexpectedRequest(words: words) }
    return command
}

/// The text `words` print (help, version, generated files).
func shown(_ words: String...) throws -> String {
    let request = try CommandLineParser.parse(words, for: fixture)
    guard case .show(let text) = request else { throw UnexpectedRequest(words: words) }
    return text
}

/// The usage error `words` make, or nil when they make none.
func usageError(_ words: String...) -> UsageError? {
    do {
        _ = try CommandLineParser.parse(words, for: fixture)
        return nil
    } catch {
        return error
    }
}

struct UnexpectedRequest: Error {
    var words: [String]
}
