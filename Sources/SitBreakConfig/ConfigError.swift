/// Why a config file cannot be used, pinned to the place in the file and with a way out:
/// `PATH:LINE:COL: KEY: PROBLEM; FIX`, e.g.
/// `~/.config/sitbreak/config.toml:3:13: break.sit_limit: "45" has no unit; write "45m"`.
/// Parts that do not apply (no line for an unreadable file, no key for a syntax error) are left out.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var column: Int?
    /// The dotted key, e.g. `break.sit_limit`.
    public var key: String?
    public var problem: String
    public var fix: String?

    public init(
        path: String, line: Int? = nil, column: Int? = nil, key: String? = nil,
        problem: String, fix: String? = nil
    ) {
        self.path = path
        self.line = line
        self.column = column
        self.key = key
        self.problem = problem
        self.fix = fix
    }

    public var description: String {
        var text = path
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        text += ": "
        if let key { text += "\(key): " }
        text += problem
        if let fix { text += "; \(fix)" }
        return text
    }
}
