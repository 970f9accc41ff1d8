/// A bash completion script: walks the words before the cursor through the command tree the
/// way the parser does, then offers the subcommands, options or values that fit there.
enum BashCompletion {
    static func render<Action>(_ program: Program<Action>) -> String {
        let name = Shell.identifier([program.name])
        let nodes = program.completionTree.walk()
        let describeCases = nodes.map { path, command, _ in
            let valueOptions = command.options.filter { $0.valueName != nil }.map(\.longSpelling)
            return """
                    \(Shell.quoted(path.joined(separator: " "))))
                        subcommands=(\(words(command.subcommands.map(\.name))))
                        options=(\(words(command.allOptions.flatMap(\.spellings))))
                        value_options=(\(words(valueOptions)))
                        ;;
                """
        }
        let valueCases = nodes.flatMap { path, command, _ in
            let here = path.joined(separator: " ")
            return command.options.compactMap { option in valueCase("\(here) \(option.longSpelling)", option.completion, name) }
                + command.arguments.enumerated().compactMap { index, argument in
                    valueCase("\(here) \(index)", argument.completion, name)
                }
        }
        return """
            \(Shell.bash.generatedBy(program))

            # Sets what the command at path $1 takes: its subcommands, its options, and those of
            # its options that take a value.
            __\(name)_describe() {
                subcommands=() options=() value_options=()
                case $1 in
            \(describeCases.joined(separator: "\n"))
                esac
            }

            # Adds the completions of a value to COMPREPLY: $1 is "PATH --option" for an option's
            # value, "PATH N" for the Nth positional argument (from 0).
            __\(name)_values() {
                case $1 in
            \(valueCases.joined(separator: "\n"))
                esac
            }

            __\(name)_words() {
                mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -W "$*" -- "$cur")
            }

            __\(name)_files() {
                compopt -o filenames 2> /dev/null
                mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -- "$cur")
            }

            __\(name)_contains() {
                local wanted=$1 item
                shift
                for item; do [[ $item == "$wanted" ]] && return 0; done
                return 1
            }

            _\(name)() {
                local cur=${COMP_WORDS[COMP_CWORD]} path=\(Shell.quoted(program.name)) word pending_option=
                local -i i position=0
                local -a subcommands options value_options
                COMPREPLY=()
                __\(name)_describe "$path"
                for ((i = 1; i < COMP_CWORD; i++)); do
                    word=${COMP_WORDS[i]}
                    if [[ -n $pending_option ]]; then
                        # bash splits `--option=value` at the "=" (COMP_WORDBREAKS): the value follows it.
                        [[ $word == = ]] || pending_option=
                    elif [[ $word == -* ]]; then
                        __\(name)_contains "$word" "${value_options[@]}" && pending_option=$word
                    elif __\(name)_contains "$word" "${subcommands[@]}"; then
                        path+=" $word"
                        position=0
                        __\(name)_describe "$path"
                    else
                        position+=1
                    fi
                done
                [[ -n $pending_option && $cur == = ]] && cur=
                if [[ -n $pending_option ]]; then
                    __\(name)_values "$path $pending_option"
                elif [[ $cur == -* ]]; then
                    __\(name)_words "${options[@]}"
                else
                    __\(name)_words "${subcommands[@]}"
                    __\(name)_values "$path $position"
                fi
            }

            complete -F _\(name) \(Shell.quoted(program.name))

            """
    }

    private static func valueCase(_ key: String, _ completion: ValueCompletion, _ name: String) -> String? {
        let action: String
        switch completion {
        case .none: return nil
        case .files: action = "__\(name)_files"
        case .suggestions(let values), .choices(let values): action = "__\(name)_words \(words(values))"
        case .printedBy(let command): action = "__\(name)_words $(\(ValueCompletion.shellLine(command)))"
        }
        return "    \(Shell.quoted(key))) \(action) ;;"
    }

    private static func words(_ words: [String]) -> String { words.map(Shell.quoted).joined(separator: " ") }
}
