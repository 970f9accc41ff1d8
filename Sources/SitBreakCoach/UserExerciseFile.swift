#if canImport(Glibc)
import Glibc
#endif
import SitBreakTOML

extension ExerciseLibrary {
    /// The built-in library with `<configDirectory>/exercises.toml` laid over it when that file
    /// exists. A file that exists but cannot be read is an error, never silently skipped.
    public static func loadForUser(configDirectory: String) throws(ExerciseFileError) -> ExerciseLibrary {
        let path = configDirectory + "/exercises.toml"
        guard let file = fopen(path, "rb") else {
            if errno == ENOENT { return try load() }
            throw ExerciseFileError(
                path: path, line: 1, column: 1, subject: "",
                problem: "cannot read it (\(String(cString: strerror(errno))))", fix: "make it readable or move it away")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while case let count = fread(&buffer, 1, buffer.count, file), count > 0 {
            bytes += buffer[0..<count]
        }
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
