/// A command line that asks for something the program does not take, with the command it was
/// meant for: `sitbreakctl snooze: "45" has no unit; write "45m"`.
public struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// From the program's name down to the command the error is about.
    public var commandPath: [String]
    public var message: String
    /// That command's usage line, e.g. `sitbreakctl snooze [<duration>]`.
    public var usage: String

    public init(commandPath: [String], message: String, usage: String) {
        self.commandPath = commandPath
        self.message = message
        self.usage = usage
    }

    public var description: String { "\(commandPath.joined(separator: " ")): \(message)" }

    /// What a program prints on standard error: the problem, the usage, and where to read more.
    public var report: String {
        """
        \(description)
        Usage: \(usage)
          See '\(commandPath.joined(separator: " ")) --help' for more information.
        """
    }
}

/// A command that has already said what went wrong, and only has its exit status left to give.
public struct ExitStatus: Error, Equatable, Sendable {
    public var code: Int32
    public init(_ code: Int32) { self.code = code }
}
