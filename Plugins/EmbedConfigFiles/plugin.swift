import PackagePlugin

/// Turns the repository's `config/*.toml` files (and the page that holds the coach's notice)
/// into Swift string constants, so the built-in defaults, the exercise library and the notice
/// are the very files users read and copy.
@main
struct EmbedConfigFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let embeddings: [String: [(file: String, constant: String)]] = [
            "SitBreakConfig": [("config/config.toml", "embeddedDefaultConfig")],
            "SitBreakCoach": [
                ("config/exercises.toml", "embeddedExerciseLibrary"),
                ("docs/exercises.md", "embeddedExercisePage"),
            ],
        ]
        guard let files = embeddings[target.name] else { return [] }
        let tool = try context.tool(named: "embed-file")
        return files.map { entry in
            let input = context.package.directoryURL.appending(path: entry.file)
            let output = context.pluginWorkDirectoryURL.appending(path: "\(entry.constant).swift")
            return .buildCommand(
                displayName: "Embedding \(entry.file)",
                executable: tool.url,
                arguments: [input.path(), output.path(), entry.constant],
                inputFiles: [input],
                outputFiles: [output]
            )
        }
    }
}
