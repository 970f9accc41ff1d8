import SitBreakJSON
import SitBreakProtocol

/// libFuzzer's entry point: each input is one line a control-socket client sent. The
/// daemon's framer hands lines on as `String(decoding:as:)` does, invalid UTF-8 replaced.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzControlRequest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The parser also reads files byte for byte, invalid UTF-8 and all: whatever it accepts
    // must come back as the same value through the writer, compact and pretty.
    if let value = try? JSONParser.parse(bytes) {
        for options in [[], JSONWriter.Options.prettyPrinted] {
            let again = try? JSONParser.parse(JSONWriter.text(of: value, options: options))
            precondition(again == value, "\(value) came back as \(String(describing: again))")
        }
    }
    let line = String(decoding: bytes, as: UTF8.self)
    do {
        let request = try ControlCodec.decode(ControlRequest.self, from: line)
        // The CLI sends what `encodeLine` writes: whatever the daemon accepts must survive it.
        let again = try ControlCodec.decode(ControlRequest.self, from: ControlCodec.encodeLine(request))
        precondition(again == request, "\(request) came back as \(again)")
    } catch {
        // The reply quotes the error: building its text must not trap either.
        precondition(!error.description.isEmpty, "an empty error for \(line.debugDescription)")
    }
    return 0
}
