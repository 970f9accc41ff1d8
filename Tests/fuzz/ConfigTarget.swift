import SitBreakConfig

/// libFuzzer's entry point: each input is a whole `config.toml`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // The loader refuses bytes that are not UTF-8 before it parses anything.
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else {
        return 0
    }
    do {
        _ = try ConfigLoader.parse(text, path: "fuzz.toml")
    } catch {
        // Every refusal names the file (and, where there is one, the line): the daemon logs it as is.
        let message = error.description
        precondition(message.hasPrefix("fuzz.toml"), "an error that does not name the file: \(message)")
        if let line = error.line {
            precondition(line >= 1, "line \(line) in \(message)")
        }
    }
    return 0
}
