import SitBreakModel
import SitBreakProtocol

/// libFuzzer's entry point: each input is a duration as typed after `sitbreakctl snooze` or
/// `pause`, or written in the config. Parsing never traps, an accepted span is finite and in
/// range, and its short form reads back as the same span to the millisecond.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDuration(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let seconds = try TimeSpan.parse(text)
        precondition(seconds.isFinite && seconds >= 0 && seconds <= TimeSpan.longest, "\(text.debugDescription) gave \(seconds)")
        let written = TimeSpan.format(seconds)
        let again = try TimeSpan.parse(written)
        // Half a millisecond from rounding, and the last bits of a Double on top.
        let tolerance = 0.0005 + seconds.ulp * 16 + 1e-12
        precondition((again - seconds).magnitude <= tolerance, "\(written) read back as \(again), not \(seconds)")
        if ControlRequest.durationRange.contains(seconds) {
            let line = ControlCodec.encodeLine(ControlRequest(.snooze, seconds: seconds))
            precondition((try? ControlCodec.decode(ControlRequest.self, from: line)) != nil, "\(line) was refused")
        }
    } catch {
        precondition(!error.description.isEmpty, "an empty error for \(text.debugDescription)")
    }
    return 0
}
