/// What the parser understood: the command to run and the options and arguments given to it.
/// Names are looked up as the spec declares them; asking for one it does not declare is a bug
/// in the program, not in the command line, and stops it.
public struct ParsedCommand<Action: Sendable>: Sendable {
    public let action: Action
    /// From the program's name down to this command.
    public let commandPath: [String]
    let spec: CommandSpec<Action>
    let flags: Set<String>
    let values: [String: String]
    let arguments: [String: String]

    /// Whether the flag `--name` was given.
    public func flag(_ name: String) -> Bool {
        precondition(spec.options.contains { $0.name == name && $0.kind == .flag }, "\(spec.name) declares no flag --\(name)")
        return flags.contains(name)
    }

    /// The flags given, declared or not looked up: for what every command shares (`--json`).
    public var flagsGiven: Set<String> { flags }

    /// The value of `--name`, the last one when it was given more than once.
    public func value(_ name: String) -> String? {
        precondition(spec.options.contains { $0.name == name && $0.valueName != nil }, "\(spec.name) declares no option --\(name)")
        return values[name]
    }

    /// The optional positional argument shown as `[<name>]`.
    public func argument(_ name: String) -> String? {
        precondition(spec.arguments.contains { $0.name == name && $0.isOptional }, "\(spec.name) declares no optional argument <\(name)>")
        return arguments[name]
    }

    /// The required positional argument shown as `<name>`: the parser refuses a command line
    /// without it.
    public func requiredArgument(_ name: String) -> String {
        guard let value = arguments[name], spec.arguments.contains(where: { $0.name == name && !$0.isOptional }) else {
            preconditionFailure("\(spec.name) declares no required argument <\(name)>")
        }
        return value
    }

    /// A usage error about this command, for what only the program can check: values that do
    /// not convert, options that do not go together.
    public func usageError(_ message: String) -> UsageError {
        UsageError(commandPath: commandPath, message: message, usage: Usage.line(spec, path: commandPath))
    }
}
