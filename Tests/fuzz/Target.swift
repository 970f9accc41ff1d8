import SitBreakFuzzChecks

/// libFuzzer's entry point for the target `run.sh` compiles this file for: it passes
/// `-D TARGET_<NAME>`, and the input goes to that target's check in `FuzzChecks`. A broken
/// rule stops the run, so libFuzzer keeps the input in the corpus.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    #if TARGET_CONTROL_REQUEST
    let violation = FuzzChecks.controlRequest(bytes)
    #elseif TARGET_CONFIG
    let violation = FuzzChecks.config(bytes)
    #elseif TARGET_EXERCISE_FILE
    let violation = FuzzChecks.exerciseFile(bytes)
    #elseif TARGET_STATE_FILE
    let violation = FuzzChecks.stateFile(bytes)
    #elseif TARGET_DURATION
    let violation = FuzzChecks.duration(bytes)
    #endif
    if let violation { preconditionFailure(violation) }
    return 0
}
