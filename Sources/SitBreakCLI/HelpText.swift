/// `--help`: laid out as swift-argument-parser did, so that the help people know stays put.
enum HelpText {
    /// Lines stay under 80 columns.
    static let width = 79
    /// Where an entry's help starts: two spaces, a 22-column label and at least two spaces.
    static let helpColumn = 26

    static func render<Action>(_ command: CommandSpec<Action>, path: [String]) -> String {
        var sections = [TextWrapping.wrap("OVERVIEW: " + command.abstract, width: width).joined(separator: "\n")]
        if !command.discussion.isEmpty {
            sections.append(TextWrapping.wrap(command.discussion, width: width).joined(separator: "\n"))
        }
        sections.append("USAGE: " + Usage.line(command, path: path))
        if !command.arguments.isEmpty {
            sections.append(section("ARGUMENTS:", command.arguments.map { ("<\($0.name)>", $0.help) }))
        }
        sections.append(section("OPTIONS:", command.allOptions.map { ($0.label, $0.help) }))
        if !command.subcommands.isEmpty {
            let entries = command.subcommands.map { subcommand in
                (subcommand.name + (subcommand.name == command.defaultSubcommand ? " (default)" : ""), subcommand.abstract)
            }
            let helpPath = ([path[0], "help"] + path.dropFirst() + ["<subcommand>"]).joined(separator: " ")
            sections.append(section("SUBCOMMANDS:", entries) + "\n\n  See '\(helpPath)' for detailed help.")
        }
        return sections.joined(separator: "\n\n")
    }

    private static func section(_ title: String, _ entries: [(label: String, help: String)]) -> String {
        ([title] + entries.flatMap(entry)).joined(separator: "\n")
    }

    /// `  --days <N>              The last N days, today included.`, the help wrapped under itself;
    /// a label too long for its column puts the help on the next line.
    private static func entry(label: String, help: String) -> [String] {
        let indent = String(repeating: " ", count: helpColumn)
        let labelLine = "  " + label
        let helpLines = TextWrapping.wrap(help, width: width - helpColumn).filter { !$0.isEmpty }
        guard let first = helpLines.first else { return [labelLine] }
        if labelLine.count + 2 > helpColumn { return [labelLine] + helpLines.map { indent + $0 } }
        let padding = String(repeating: " ", count: helpColumn - labelLine.count)
        return [labelLine + padding + first] + helpLines.dropFirst().map { indent + $0 }
    }
}
