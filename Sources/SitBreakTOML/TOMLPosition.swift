/// Where something is written in a TOML text. Lines and columns count from 1; columns count
/// Unicode scalars, so `é` is one column, and a byte-order mark at the start counts for none.
public struct TOMLPosition: Comparable, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: TOMLPosition, b: TOMLPosition) -> Bool { (a.line, a.column) < (b.line, b.column) }

    /// `LINE:COL`, as messages name a place.
    public var description: String { "\(line):\(column)" }
}
