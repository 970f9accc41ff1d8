import PackagePlugin

/// Turns the repository's `config/*.toml` files into Swift string constants, so the
/// built-in defaults and exercise library are the very files users read and copy.
@main
struct EmbedConfigFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let embeddings: [String: [(file: String, constant: String)]] = [
            "SitBreakConfig": [("config.toml", "embeddedDefaultConfig")],
            "SitBreakCoach": [("exercises.toml", "embeddedExerciseLibrary")],
        ]
        guard let files = embeddings[target.name] else { return [] }
        let tool = try context.tool(named: "embed-file")
        let configDirectory = context.package.directoryURL.appending(path: "config")
        return files.map { entry in
            let input = configDirectory.appending(path: entry.file)
            let output = context.pluginWorkDirectoryURL.appending(path: "\(entry.constant).swift")
            return .buildCommand(
                displayName: "Embedding config/\(entry.file)",
                executable: tool.url,
                arguments: [input.path(), output.path(), entry.constant],
                inputFiles: [input],
                outputFiles: [output]
            )
        }
    }
}
