import SitBreakModel

/// What a command line asks for.
public enum Request<Action: Sendable>: Sendable {
    case run(ParsedCommand<Action>)
    /// Help, the version, a man page or a completion script: print it and exit 0.
    case show(String)
}

/// Reads a command line against a program's command tree. Pure: the words in, a request or a
/// usage error out.
public enum CommandLineParser {
    /// Hidden options of the root, for `make release`: not in help, man pages or completions.
    static let manualOption = "--generate-manual"
    static let completionOption = "--generate-completion-script"

    /// `words` without the program's own name (argv[0]).
    public static func parse<Action>(_ words: [String], for program: Program<Action>) throws(UsageError) -> Request<Action> {
        if let generated = try generatedFile(words, program) { return .show(generated) }
        var command = program.root
        var path = [program.name]
        var rest = words[...]
        while !command.subcommands.isEmpty {
            let word = rest.first
            if path.count == 1, word == "help" {
                return .show(try helpSubcommand(Array(rest.dropFirst()), program))
            }
            if let word, let subcommand = command.subcommand(named: word) {
                command = subcommand
                path.append(word)
                rest = rest.dropFirst()
                continue
            }
            if let word, isHelp(word) { return .show(HelpText.render(command, path: path)) }
            if word == OptionSpec.version.longSpelling { return .show(program.version) }
            guard let defaultName = command.defaultSubcommand, let fallback = command.subcommand(named: defaultName) else {
                throw groupError(word.map { "unknown subcommand \(quoted($0))" } ?? "name a subcommand", command, path)
            }
            // A word that is not an option goes to the default subcommand only if it takes one;
            // otherwise it was meant as a subcommand.
            if let word, !word.hasPrefix("-"), fallback.arguments.isEmpty {
                let guess = nearestName(to: word, among: command.subcommands.map(\.name))
                throw groupError("unknown subcommand \(quoted(word))" + didYouMean(guess), command, path)
            }
            command = fallback
            path.append(defaultName)
        }
        return try parseLeaf(Array(rest), command, path: path, program: program)
    }

    private static func parseLeaf<Action>(
        _ words: [String], _ command: CommandSpec<Action>, path: [String], program: Program<Action>
    ) throws(UsageError) -> Request<Action> {
        let optionWords = words.prefix { $0 != "--" }
        if optionWords.contains(where: isHelp) { return .show(HelpText.render(command, path: path)) }
        if optionWords.contains(OptionSpec.version.longSpelling) { return .show(program.version) }
        // A command without an action only groups; the loop above never stops at one.
        guard let action = command.action else { preconditionFailure("\(command.name) has neither subcommands nor an action") }
        func failure(_ message: String) -> UsageError {
            UsageError(commandPath: path, message: message, usage: Usage.line(command, path: path))
        }
        var flags: Set<String> = []
        var values: [String: String] = [:]
        var positionals: [String] = []
        var index = words.startIndex
        var optionsEnded = false
        while index < words.endIndex {
            let word = words[index]
            index += 1
            if optionsEnded || word == "-" || !word.hasPrefix("-") {
                positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            // The option's value: attached, else the next word, which may not be another option.
            func value(of option: OptionSpec, spelled spelling: String, attached: String?) throws(UsageError) -> String {
                guard case .value(let valueName, let completion) = option.kind else { preconditionFailure("a flag has no value") }
                let value: String
                if let attached {
                    value = attached
                } else if index < words.endIndex, words[index] == "-" || !words[index].hasPrefix("-") {
                    value = words[index]
                    index += 1
                } else {
                    let next = index < words.endIndex ? " (\(quoted(words[index])) is an option; "
                        + "write \(option.longSpelling)=\(words[index]) if it is the value)" : ""
                    throw failure("missing value for \(spelling) <\(valueName)>" + next)
                }
                if case .choices(let choices) = completion, !choices.contains(value) {
                    throw failure("\(option.longSpelling) \(quoted(value)): choose one of \(choices.joined(separator: ", "))")
                }
                return value
            }
            if !word.hasPrefix("--") {
                // Short options, POSIX style: `-jf` is `-j -f`; a letter that takes a value takes
                // the rest of the word (`-dN`) or the next word (`-d N`).
                var letters = word.dropFirst()
                while let letter = letters.popFirst() {
                    guard let option = command.options.first(where: { $0.shortName == letter }) else {
                        if letter == OptionSpec.help.shortName { return .show(HelpText.render(command, path: path)) }
                        throw failure("unknown option \(quoted("-\(letter)"))")
                    }
                    if option.kind == .flag {
                        flags.insert(option.name)
                    } else {
                        values[option.name] = try value(of: option, spelled: "-\(letter)", attached: letters.isEmpty ? nil : String(letters))
                        letters = ""
                    }
                }
                continue
            }
            let (spelling, attached) = splitAttachedValue(word)
            guard let option = command.options.first(where: { $0.spellings.contains(spelling) }) else {
                let guess = nearestName(to: spelling, among: command.allOptions.map(\.longSpelling))
                throw failure("unknown option \(quoted(spelling))" + didYouMean(guess))
            }
            if option.kind == .flag {
                if attached != nil { throw failure("\(option.longSpelling) takes no value") }
                flags.insert(option.name)
            } else {
                values[option.name] = try value(of: option, spelled: spelling, attached: attached)
            }
        }
        if let last = command.arguments.last, last.takesRest, positionals.count > command.arguments.count {
            let restStart = command.arguments.count - 1
            positionals[restStart] = positionals[restStart...].joined(separator: " ")
            positionals.removeSubrange((restStart + 1)...)
        }
        if positionals.count > command.arguments.count {
            throw failure("unexpected argument \(quoted(positionals[command.arguments.count]))")
        }
        if let missing = command.arguments.dropFirst(positionals.count).first(where: { !$0.isOptional }) {
            throw failure("missing argument <\(missing.name)>")
        }
        var arguments: [String: String] = [:]
        for (argument, value) in zip(command.arguments, positionals) {
            if case .choices(let choices) = argument.completion, !choices.contains(value) {
                throw failure("<\(argument.name)> \(quoted(value)): choose one of \(choices.joined(separator: ", "))")
            }
            arguments[argument.name] = value
        }
        return .run(ParsedCommand(
            action: action, commandPath: path, spec: command, flags: flags, values: values, arguments: arguments))
    }

    /// `help`, `help exercises`, `help exercises show`.
    private static func helpSubcommand<Action>(_ names: [String], _ program: Program<Action>) throws(UsageError) -> String {
        var command = program.root
        var path = [program.name]
        for name in names {
            guard let subcommand = command.subcommand(named: name) else {
                let guess = nearestName(to: name, among: command.subcommands.map(\.name))
                throw groupError("unknown subcommand \(quoted(name))" + didYouMean(guess), command, path)
            }
            command = subcommand
            path.append(name)
        }
        return HelpText.render(command, path: path)
    }

    /// `--generate-manual` and `--generate-completion-script SHELL`, taken only as the whole
    /// command line, so that no command's options can collide with them.
    private static func generatedFile<Action>(_ words: [String], _ program: Program<Action>) throws(UsageError) -> String? {
        switch words.first {
        case manualOption where words.count == 1:
            return ManualPage.render(program)
        case completionOption where words.count == 2:
            guard let shell = Shell(rawValue: words[1]) else {
                throw groupError(
                    "\(completionOption) \(quoted(words[1])): choose one of \(Shell.allCases.map(\.rawValue).joined(separator: ", "))",
                    program.root, [program.name])
            }
            return shell.completionScript(program)
        default:
            return nil
        }
    }

    private static func groupError<Action>(_ message: String, _ command: CommandSpec<Action>, _ path: [String]) -> UsageError {
        UsageError(commandPath: path, message: message, usage: Usage.line(command, path: path))
    }

    private static func isHelp(_ word: String) -> Bool { OptionSpec.help.spellings.contains(word) }

    /// `--format=tmux` -> ("--format", "tmux"); `--format` -> ("--format", nil).
    private static func splitAttachedValue(_ word: String) -> (String, String?) {
        guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    private static func didYouMean(_ guess: String?) -> String { guess.map { "; did you mean \(quoted($0))?" } ?? "" }
}

func quoted(_ text: String) -> String { "\"\(text)\"" }
