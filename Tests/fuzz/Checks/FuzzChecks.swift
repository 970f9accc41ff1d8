import SitBreakCoach
import SitBreakConfig
import SitBreakJSON
import SitBreakModel
import SitBreakPresentation
import SitBreakProtocol

/// What each fuzz target checks of one input, shared by the libFuzzer targets (which stop on
/// a violation, so libFuzzer keeps the input) and the unit tests that replay every corpus
/// file on each `make check`. Each returns nil when the input was handled as it must be, else
/// the rule it broke. A trap inside is a crash in both.
public enum FuzzChecks {
    public typealias Check = @Sendable ([UInt8]) -> String?

    /// The target names, as `Tests/fuzz/run.sh` and the corpus directories spell them.
    public static let all: [String: Check] = [
        "control-request": controlRequest, "config": config, "exercise-file": exerciseFile,
        "state-file": stateFile, "duration": duration,
    ]

    /// One line a control-socket client sent; the daemon's framer hands lines on as
    /// `String(decoding:as:)` does, invalid UTF-8 replaced.
    public static func controlRequest(_ bytes: [UInt8]) -> String? {
        // The parser also reads files byte for byte, invalid UTF-8 and all: whatever it accepts
        // must come back as the same value through the writer, compact and pretty.
        if let value = try? JSONParser.parse(bytes) {
            for options in [[], JSONWriter.Options.prettyPrinted] {
                let again = try? JSONParser.parse(JSONWriter.text(of: value, options: options))
                if again != value { return "\(value) came back as \(String(describing: again))" }
            }
        }
        let line = String(decoding: bytes, as: UTF8.self)
        do {
            let request = try ControlCodec.decode(ControlRequest.self, from: line)
            // The CLI sends what `encodeLine` writes: whatever the daemon accepts must survive it.
            let again = try ControlCodec.decode(ControlRequest.self, from: ControlCodec.encodeLine(request))
            if again != request { return "\(request) came back as \(again)" }
        } catch {
            // The reply quotes the error: building its text must not trap either.
            if error.description.isEmpty { return "an empty error for \(line.debugDescription)" }
        }
        return nil
    }

    /// A whole `config.toml`.
    public static func config(_ bytes: [UInt8]) -> String? {
        // The loader refuses bytes that are not UTF-8 before it parses anything.
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        do {
            _ = try ConfigLoader.parse(text, path: "fuzz.toml")
        } catch {
            // Every refusal names the file (and, where there is one, the line): the daemon logs it as is.
            let message = error.description
            if !message.hasPrefix("fuzz.toml") { return "an error that does not name the file: \(message)" }
            if let line = error.line, line < 1 { return "line \(line) in \(message)" }
        }
        return nil
    }

    /// One built-in move, so that each run parses little besides the input and a user move with
    /// its id exercises the replacing path. (The full built-in file would cut the runs per
    /// second tenfold; the unit tests cover it.)
    private static let builtIn = ExerciseSource(path: "builtin.toml", text: """
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

    /// A user's `exercises.toml`, laid over the built-in library.
    public static func exerciseFile(_ bytes: [UInt8]) -> String? {
        // `loadForUser` reads the file this way: invalid UTF-8 becomes U+FFFD.
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let library = try ExerciseLibrary.load(builtIn: builtIn, userFile: ExerciseSource(path: "fuzz.toml", text: text))
            if library["test-hold"] == nil { return "the user's file made a built-in move vanish" }
            if library.safetyNotes.first?.text != "Stop if it hurts." { return "the built-in safety notes were lost" }
        } catch {
            if !error.description.hasPrefix("fuzz.toml:") { return "an error that does not name the file: \(error)" }
            if error.line < 1 || error.column < 1 { return "no place in \(error)" }
        }
        return nil
    }

    /// A whole `state.json`, as a damaged disk or another program could leave it. Whatever
    /// decodes is carried through a restart the way the daemon does (resumed on this boot or
    /// after a reboot, the gap stepped, a day of events, every effect told): none of it may trap.
    public static func stateFile(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let saved = try? ControlCodec.decode(SavedState.self, from: text) else { return nil }
        let settings = ConfigLoader.defaults
        var now = Moment(boot: 50_000, wall: 1_800_000_000, utcOffset: 3_600)
        for bootID in [saved.bootID, "another boot"] {
            var (state, gap) = saved.resumed(at: now, bootID: bootID)
            var events: [SittingEvent] = [
                gap, .engaged([]), .timer, .input(at: now.boot), .command(.snooze(nil)), .command(.startBreak),
                .quiet(.lastInput(at: now.boot, source: "fuzz")), .command(.done), .command(.pause(600)),
                .command(.resume), .command(.away), .command(.back), .idle(since: now.boot), .settingsChanged,
            ].compactMap { $0 }
            while !events.isEmpty {
                let (stepped, effects) = SittingModel.step(state, events.removeFirst(), at: now, settings: settings)
                state = stepped
                for effect in effects {
                    switch effect {
                    case .record(let happening):
                        _ = HappeningReport(happening.naming(inputSources: "fuzz"), rules: settings.breaks).message
                    case .remind(let reminder):
                        _ = ReminderText(reminder, offer: nil)
                    case .checkQuiet, .withdrawReminder, .refuse:
                        break
                    }
                }
                let status = SittingModel.status(state, at: now, settings: settings)
                _ = ServiceStatusLine.make(status, at: now, sources: ["fuzz"])
                _ = ControlCodec.encodeLine(StatusReport(status, activitySources: [], reminderChannels: [], problems: []))
                _ = ControlCodec.encodeLine(SavedState(bootID: bootID, savedAt: now, state: state))
                if let deadline = SittingModel.nextDeadline(state, at: now, settings: settings), deadline > now.boot {
                    // Never more than a day at once, so a far deadline is reached in a few steps.
                    now = now.advanced(by: min(deadline - now.boot, 86_400))
                    if events.isEmpty, now.boot < 50_000 + 3 * 86_400 { events.append(.timer) }
                }
            }
        }
        return nil
    }

    /// A duration as typed after `sitbreakctl snooze` or `pause`, or written in the config:
    /// an accepted span is finite and in range, and its short form reads back as the same span
    /// to the millisecond.
    public static func duration(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let seconds = try TimeSpan.parse(text)
            guard seconds.isFinite, seconds >= 0, seconds <= TimeSpan.longest else { return "\(text.debugDescription) gave \(seconds)" }
            let written = TimeSpan.format(seconds)
            let again = try TimeSpan.parse(written)
            // Half a millisecond from rounding, and the last bits of a Double on top.
            let tolerance = 0.0005 + seconds.ulp * 16 + 1e-12
            if (again - seconds).magnitude > tolerance { return "\(written) read back as \(again), not \(seconds)" }
            if ControlRequest.durationRange.contains(seconds) {
                let line = ControlCodec.encodeLine(ControlRequest(.snooze, seconds: seconds))
                if (try? ControlCodec.decode(ControlRequest.self, from: line)) == nil { return "\(line) was refused" }
            }
        } catch {
            if error.description.isEmpty { return "an empty error for \(text.debugDescription)" }
        }
        return nil
    }
}
