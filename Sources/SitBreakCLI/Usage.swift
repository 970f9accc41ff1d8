/// The one-line synopsis of a command, as help, errors and the man page show it.
enum Usage {
    /// `sitbreakctl stats [--week] [--days <N>]`, or `sitbreakctl exercises <subcommand>`.
    static func line<Action>(_ command: CommandSpec<Action>, path: [String]) -> String {
        let words = command.subcommands.isEmpty
            ? command.options.map { "[\($0.label)]" } + command.arguments.map(\.usage)
            : ["<subcommand>"]
        return (path + words).joined(separator: " ")
    }
}
