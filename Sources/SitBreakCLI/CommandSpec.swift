/// One command of a program: what it is for, what it takes, and the commands under it.
/// `Action` is what the program runs for a command the parser arrives at.
public struct CommandSpec<Action: Sendable>: Sendable {
    public var name: String
    /// One line: the first line of `--help` and the man page's NAME.
    public var abstract: String
    /// Said after the abstract; each line is a paragraph of its own.
    public var discussion: String
    public var options: [OptionSpec]
    public var arguments: [ArgumentSpec]
    public var subcommands: [CommandSpec]
    /// The subcommand that runs when none is named.
    public var defaultSubcommand: String?
    /// What runs; nil for a command that only groups subcommands.
    public var action: Action?

    /// A command that runs.
    public init(
        name: String, abstract: String, discussion: String = "", options: [OptionSpec] = [],
        arguments: [ArgumentSpec] = [], action: Action
    ) {
        precondition(arguments.drop { !$0.isOptional }.allSatisfy(\.isOptional),
                     "\(name): a required argument cannot follow an optional one")
        self.init(name: name, abstract: abstract, discussion: discussion, options: options, arguments: arguments,
                  subcommands: [], defaultSubcommand: nil, action: action)
    }

    /// A command that only holds subcommands.
    public init(
        name: String, abstract: String, discussion: String = "", subcommands: [CommandSpec],
        defaultSubcommand: String? = nil
    ) {
        precondition(defaultSubcommand.map { name in subcommands.contains { $0.name == name } } ?? true,
                     "\(name): the default subcommand \(defaultSubcommand ?? "") is not among its subcommands")
        self.init(name: name, abstract: abstract, discussion: discussion, options: [], arguments: [],
                  subcommands: subcommands, defaultSubcommand: defaultSubcommand, action: nil)
    }

    fileprivate init(
        name: String, abstract: String, discussion: String, options: [OptionSpec], arguments: [ArgumentSpec],
        subcommands: [CommandSpec], defaultSubcommand: String?, action: Action?
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.options = options
        self.arguments = arguments
        self.subcommands = subcommands
        self.defaultSubcommand = defaultSubcommand
        self.action = action
    }

    public func subcommand(named name: String) -> CommandSpec? { subcommands.first { $0.name == name } }

    /// Its own options, then the ones every command takes.
    var allOptions: [OptionSpec] { options + OptionSpec.builtIn }

    /// The parser hands the options given to a group to its default subcommand
    /// (`sitbreakctl --json` is `sitbreakctl status --json`), so the shells offer them there too.
    var offeringDefaultOptions: CommandSpec {
        var command = self
        command.subcommands = subcommands.map(\.offeringDefaultOptions)
        if let defaultSubcommand, let fallback = command.subcommand(named: defaultSubcommand) {
            command.options += fallback.options
        }
        return command
    }

    /// This command and every one below it, depth first, each with its path from here and
    /// whether it is its parent's default.
    func walk(path: [String] = [], isDefault: Bool = false) -> [(path: [String], command: CommandSpec, isDefault: Bool)] {
        let here = path + [name]
        return [(here, self, isDefault)] + subcommands.flatMap { $0.walk(path: here, isDefault: $0.name == defaultSubcommand) }
    }
}

/// A whole program: its command tree and what belongs to the program rather than to a command.
public struct Program<Action: Sendable>: Sendable {
    public var root: CommandSpec<Action>
    public var version: String
    /// Related man pages for SEE ALSO, e.g. "sitbreakd(1)".
    public var seeAlso: [String]
    /// The man page's sections after the subcommands and before SEE ALSO, in their order.
    public var manualSections: [ManualSection]

    public init(root: CommandSpec<Action>, version: String, seeAlso: [String] = [], manualSections: [ManualSection] = []) {
        self.root = root
        self.version = version
        self.seeAlso = seeAlso
        self.manualSections = manualSections
    }

    var name: String { root.name }

    /// The tree as the shells see it: `help` is a subcommand of the root that completes to the
    /// root's subcommand names (the parser handles `help` itself, so it is not in `root`), and
    /// a group offers its default subcommand's options.
    var completionTree: CommandSpec<Action> {
        guard !root.subcommands.isEmpty else { return root }
        let subcommandName = ArgumentSpec(
            "subcommand", help: "The subcommand to explain.", isOptional: true,
            completion: .choices(root.subcommands.map(\.name)))
        var tree = root.offeringDefaultOptions
        tree.subcommands.append(CommandSpec(
            name: "help", abstract: "Show subcommand help information.", discussion: "", options: [],
            arguments: [subcommandName], subcommands: [], defaultSubcommand: nil, action: nil))
        return tree
    }
}
