/// A fish completion script: a function finds the command path typed so far the way the parser
/// does, and every `complete` line applies at one path.
enum FishCompletion {
    static func render<Action>(_ program: Program<Action>) -> String {
        let name = Shell.identifier([program.name])
        let nodes = program.completionTree.walk()
        let describeCases = nodes.compactMap { path, command, _ -> String? in
            let valueOptions = command.options.filter { $0.valueName != nil }.map(\.longSpelling)
            let sets = [("subcommands", command.subcommands.map(\.name)), ("value_options", valueOptions)]
                .filter { !$0.1.isEmpty }
                .map { "                set \($0.0) \(words($0.1))" }
            guard !sets.isEmpty else { return nil }
            return (["            case \(quoted(path.joined(separator: " ")))"] + sets).joined(separator: "\n")
        }
        let completions = nodes.flatMap { path, command, _ in
            let at = "complete -c \(quoted(program.name)) -n \(quoted("__\(name)_at \(quoted(path.joined(separator: " ")))"))"
            return command.subcommands.map { "\(at) -a \(quoted($0.name)) -d \(quoted($0.abstract))" }
                + command.allOptions.map { "\(at) \(optionFlags($0)) -d \(quoted($0.help))" }
                + command.arguments.compactMap { argument in argumentFlags(argument.completion).map { "\(at) \($0)" } }
        }
        return """
            \(Shell.fish.generatedBy(program))

            # The command path typed so far, e.g. "sitbreakctl exercises show".
            function __\(name)_path
                set -l tokens (commandline -opc)
                set -e tokens[1]
                set -l path \(quoted(program.name))
                set -l pending_option 0
                for word in $tokens
                    if test $pending_option = 1
                        set pending_option 0
                        continue
                    end
                    set -l subcommands
                    set -l value_options
                    switch $path
            \(describeCases.joined(separator: "\n"))
                    end
                    if string match -q -- '-*' $word
                        contains -- $word $value_options; and set pending_option 1
                    else if contains -- $word $subcommands
                        set path "$path $word"
                    end
                end
                echo $path
            end

            function __\(name)_at
                test (__\(name)_path) = $argv[1]
            end

            complete -c \(quoted(program.name)) -f
            \(completions.joined(separator: "\n"))

            """
    }

    /// `-s h -l help`, `-l format -x -a 'waybar tmux'`.
    private static func optionFlags(_ option: OptionSpec) -> String {
        let names = (option.shortName.map { "-s \($0) " } ?? "") + "-l \(option.name)"
        switch option.completion {
        case _ where option.valueName == nil: return names
        case .none: return names + " -x"
        case .files: return names + " -r -F"
        case .suggestions(let values), .choices(let values): return names + " -x -a \(quoted(values.joined(separator: " ")))"
        case .printedBy(let command): return names + " -x -a \(quoted("(\(ValueCompletion.shellLine(command)))"))"
        }
    }

    /// A positional argument's completions; nil when nothing is offered (files are off for the
    /// whole command).
    private static func argumentFlags(_ completion: ValueCompletion) -> String? {
        switch completion {
        case .none: nil
        case .files: "-F"
        case .suggestions(let values), .choices(let values): "-a \(quoted(values.joined(separator: " ")))"
        case .printedBy(let command): "-a \(quoted("(\(ValueCompletion.shellLine(command)))"))"
        }
    }

    private static func words(_ words: [String]) -> String { words.map(quoted).joined(separator: " ") }

    /// Fish's single quotes, in which only `\\` and `\'` are escapes.
    private static func quoted(_ text: String) -> String {
        "'" + String(text.flatMap { $0 == "\\" || $0 == "'" ? ["\\", $0] : [$0] }) + "'"
    }
}
