import SitBreakFiles
import SitBreakTOML

extension ExerciseLibrary {
    /// The built-in library with `<configDirectory>/exercises.toml` laid over it when that file
    /// exists. A file that exists but cannot be read is an error, never silently skipped.
    public static func loadForUser(configDirectory: String) throws(ExerciseFileError) -> ExerciseLibrary {
        let path = configDirectory + "/exercises.toml"
        let read: [UInt8]?
        do {
            read = try BoundedFile.read(path, limit: 1024 * 1024, what: "an exercise file")
        } catch {
            throw ExerciseFileError(
                path: path, line: 1, column: 1, subject: "", problem: error.problem, fix: "make it readable or move it away")
        }
        guard let bytes = read else { return try load() }
        let text: String
        do throws(TOMLSyntaxError) {
            text = try TOMLDocument.text(fromUTF8: bytes)
        } catch {
            throw ExerciseFileError(
                path: path, line: error.line, column: error.column, subject: "", problem: error.message, fix: nil)
        }
        return try load(userFile: ExerciseSource(path: path, text: text))
    }
}
