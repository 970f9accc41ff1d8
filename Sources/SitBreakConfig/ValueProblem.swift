/// What is wrong with one value and how to write it instead, before it is pinned to a
/// line and column of the file.
struct ValueProblem: Error, Equatable {
    /// Which part of the entry the message is about.
    enum Anchor: Equatable {
        case key, value
        /// An element of an array value, by index.
        case element(Int)
    }

    var problem: String
    var fix: String
    var anchor: Anchor = .value
}
