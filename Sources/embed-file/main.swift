// Writes `let CONSTANT = "<file contents>"` as a Swift source file.
// Usage: embed-file INPUT OUTPUT CONSTANT
#if canImport(Glibc)
import Glibc
#endif

func readWhole(_ path: String) -> [UInt8]? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count == 0 { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return bytes
}

func fail(_ message: String, status: Int32) -> Never {
    let line = message + "\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(status)
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let contents = readWhole(arguments[1]) else {
    fail("usage: embed-file INPUT OUTPUT CONSTANT (input must be readable)", status: 2)
}
// A raw string with enough # that no sequence in the file can close it early.
var hashes = "#"
let text = String(decoding: contents, as: UTF8.self)
while text.contains("\"" + hashes) { hashes += "#" }
let source = "// Generated from \(arguments[1]) by embed-file; edit that file instead.\n"
    + "package let \(arguments[3]) = \(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)\n"
// Debug and release builds share the plugin's output but not its tool, so each switch runs this
// again: an unchanged file keeps its time, and nothing that compiles it is built again.
if readWhole(arguments[2]) == Array(source.utf8) { exit(0) }
guard let out = fopen(arguments[2], "wb") else {
    fail("embed-file: cannot write \(arguments[2])", status: 1)
}
fputs(source, out)
fclose(out)
