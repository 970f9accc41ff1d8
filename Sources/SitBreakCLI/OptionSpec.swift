/// An option: a flag (`--json`) or an option with a value (`--format tmux`, `--format=tmux`).
public struct OptionSpec: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case flag
        /// `valueName` is what help shows: `--days <N>`.
        case value(valueName: String, completion: ValueCompletion)
    }

    /// The long name without its dashes.
    public var name: String
    /// The letter of the short spelling (`-j`), for the options used most.
    public internal(set) var shortName: Character?
    public var help: String
    public var kind: Kind

    public static func flag(_ name: String, short: Character? = nil, help: String) -> OptionSpec {
        OptionSpec(name: name, shortName: short, help: help, kind: .flag)
    }

    public static func value(
        _ name: String, short: Character? = nil, valueName: String, help: String, completion: ValueCompletion = .none
    ) -> OptionSpec {
        OptionSpec(name: name, shortName: short, help: help, kind: .value(valueName: valueName, completion: completion))
    }

    static let help = OptionSpec(name: "help", shortName: "h", help: "Show help information.", kind: .flag)
    static let version = OptionSpec(name: "version", shortName: nil, help: "Show the version.", kind: .flag)
    /// What every command takes, and the parser answers itself.
    static let builtIn = [version, help]

    /// `--format`
    var longSpelling: String { "--" + name }
    /// `-h` and `--help`, or `--format` alone.
    var spellings: [String] { (shortName.map { ["-\($0)"] } ?? []) + [longSpelling] }

    public var takesValue: Bool { valueName != nil }

    var valueName: String? {
        guard case .value(let valueName, _) = kind else { return nil }
        return valueName
    }

    var completion: ValueCompletion {
        guard case .value(_, let completion) = kind else { return .none }
        return completion
    }

    /// As help lists it: `-h, --help` or `--days <N>`.
    var label: String {
        spellings.joined(separator: ", ") + (valueName.map { " <\($0)>" } ?? "")
    }
}

/// A positional argument, shown as `<name>`.
public struct ArgumentSpec: Sendable, Equatable {
    public var name: String
    public var help: String
    public var isOptional: Bool
    public var completion: ValueCompletion
    /// The last argument takes every word left, joined by spaces: a name such as
    /// `Kneeling lunge` needs no quotes.
    public var takesRest: Bool

    public init(
        _ name: String, help: String, isOptional: Bool = false, completion: ValueCompletion = .none,
        takesRest: Bool = false
    ) {
        self.name = name
        self.help = help
        self.isOptional = isOptional
        self.completion = completion
        self.takesRest = takesRest
    }

    var usage: String { (isOptional ? "[<\(name)>]" : "<\(name)>") + (takesRest ? "..." : "") }
}

/// What a shell offers for a value.
public enum ValueCompletion: Sendable, Equatable {
    case none
    case files
    /// Offered by the shells; other values are accepted too.
    case suggestions([String])
    /// The only values accepted: the parser refuses any other.
    case choices([String])
    /// The lines this command prints, run by the shell when it completes (the user's own move
    /// ids, which no build knows); its errors are not shown.
    case printedBy([String])

    var words: [String] {
        switch self {
        case .suggestions(let words), .choices(let words): words
        case .none, .files, .printedBy: []
        }
    }

    /// The command of `.printedBy` as a shell runs it, its errors discarded.
    static func shellLine(_ command: [String]) -> String { command.joined(separator: " ") + " 2>/dev/null" }
}
