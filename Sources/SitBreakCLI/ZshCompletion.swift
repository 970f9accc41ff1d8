/// A zsh completion script: one function per command, each an `_arguments` call; a command
/// with subcommands offers them with their abstracts and hands the rest of the line to the
/// chosen one's function.
enum ZshCompletion {
    static func render<Action>(_ program: Program<Action>) -> String {
        let functions = program.completionTree.walk().map { path, command, _ in
            command.subcommands.isEmpty ? leafFunction(command, path: path) : groupFunction(command, path: path)
        }
        return """
            #compdef \(program.name)
            \(Shell.zsh.generatedBy(program))

            \(functions.joined(separator: "\n\n"))

            _\(Shell.identifier([program.name])) "$@"

            """
    }

    private static func groupFunction<Action>(_ command: CommandSpec<Action>, path: [String]) -> String {
        let specs = command.allOptions.flatMap(optionSpecs) + ["': :->subcommand'", "'*:: :->argument'"]
        let described = command.subcommands.map { Shell.quoted(describeEscaped($0.name) + ":" + $0.abstract) }
        let dispatch = command.subcommands.map { "        \(Shell.quoted($0.name))) _\(Shell.identifier(path + [$0.name])) ;;" }
        return """
            _\(Shell.identifier(path))() {
                local context state state_descr line
                local -A opt_args
                _arguments -C \\
                    \(specs.joined(separator: " \\\n        "))
                case $state in
                subcommand)
                    local -a subcommands=(
                        \(described.joined(separator: "\n            "))
                    )
                    _describe -t subcommands subcommand subcommands
                    ;;
                argument)
                    case $line[1] in
            \(dispatch.joined(separator: "\n"))
                    esac
                    ;;
                esac
            }
            """
    }

    private static func leafFunction<Action>(_ command: CommandSpec<Action>, path: [String]) -> String {
        let specs = command.allOptions.flatMap(optionSpecs) + command.arguments.map(argumentSpec)
        return """
            _\(Shell.identifier(path))() {
                _arguments \\
                    \(specs.joined(separator: " \\\n        "))
            }
            """
    }

    /// `'--format=[One of: ...]:format:(waybar tmux)'`; one spec for each of `-h` and `--help`.
    private static func optionSpecs(_ option: OptionSpec) -> [String] {
        option.spellings.map { spelling in
            let described = "\(spelling)\(option.valueName == nil ? "" : "=")[\(descriptionEscaped(option.help))]"
            return Shell.quoted(described + (option.valueName.map { ":\($0):\(action(option.completion))" } ?? ""))
        }
    }

    /// `'::duration:(5m 10m)'` for an optional argument, `':id: '` for a required one.
    private static func argumentSpec(_ argument: ArgumentSpec) -> String {
        Shell.quoted((argument.isOptional ? "::" : ":") + "\(argument.name):\(action(argument.completion))")
    }

    private static func action(_ completion: ValueCompletion) -> String {
        switch completion {
        // A single space: say what is expected, offer nothing.
        case .none: " "
        case .files: "_files"
        case .suggestions(let values), .choices(let values): "(\(values.map(valueEscaped).joined(separator: " ")))"
        case .printedBy(let command): "{compadd -- ${(f)\"$(\(ValueCompletion.shellLine(command)))\"}}"
        }
    }

    /// Inside an option's `[description]`.
    private static func descriptionEscaped(_ text: String) -> String { escaping("\\[]", in: text) }

    /// A word of an action's `(word word)` list.
    private static func valueEscaped(_ text: String) -> String { escaping("\\() ", in: text) }

    /// `_describe` splits its items at the first unescaped colon.
    private static func describeEscaped(_ name: String) -> String { escaping("\\:", in: name) }

    private static func escaping(_ special: String, in text: String) -> String {
        String(text.flatMap { special.contains($0) ? ["\\", $0] : [$0] })
    }
}
