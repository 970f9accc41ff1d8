import Foundation

/// Files of the repository and its neighbours, found from this source file's own path.
enum RepositoryFiles {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The seed articles the library's facts come from, kept beside the repository.
    static let seeds = root.deletingLastPathComponent().appendingPathComponent("shared/seeds")

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }
}
