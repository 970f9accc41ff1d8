import SitBreakCoach

/// One built-in move, so that each run parses little besides the input and a user move with
/// its id exercises the replacing path. (The full built-in file would cut the runs per second
/// tenfold; the unit tests cover it.)
private let builtIn = ExerciseSource(path: "builtin.toml", text: """
    safety = ["Stop if it hurts."]

    [[exercise]]
    id = "test-hold"
    name = "Test hold"
    kind = "stretch"
    place = "desk"
    seconds = 30
    steps = ["Stand tall beside the desk."]
    cue = "Hips forward."
    """)

/// libFuzzer's entry point: each input is a user's `exercises.toml`, laid over the built-in library.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExerciseFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // `loadForUser` reads the file this way: invalid UTF-8 becomes U+FFFD.
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let library = try ExerciseLibrary.load(builtIn: builtIn, userFile: ExerciseSource(path: "fuzz.toml", text: text))
        precondition(library["test-hold"] != nil, "the user's file made a built-in move vanish")
        precondition(library.safetyNotes.first?.text == "Stop if it hurts.", "the built-in safety notes were lost")
    } catch {
        precondition(error.description.hasPrefix("fuzz.toml:"), "an error that does not name the file: \(error)")
        precondition(error.line >= 1 && error.column >= 1, "no place in \(error)")
    }
    return 0
}
