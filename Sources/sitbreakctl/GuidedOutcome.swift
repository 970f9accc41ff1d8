import SitBreakProtocol

/// What a guided break or routine tells the daemon when it ends, and says to the user.
enum GuidedOutcome {
    /// The moves done and the answers given, for the coach's history and the dose steps.
    static func report(_ result: GuidedSession.Result) throws {
        guard !result.done.isEmpty else { return }
        _ = try DaemonConnection.open().request(
            ControlRequest(.movesDone, moves: result.done.map(\.id), ratings: result.ratings))
        TerminalText().say("Recorded as done: \(result.done.map(\.name).joined(separator: ", ")).")
    }

    /// Tells the daemon how the break went, unless it already decided (it counted the break
    /// after break.length without input, or abandoned it because input went on): every move
    /// done confirms it; stopped or skipped early, it is recorded as partial.
    static func finishBreak(everything: Bool, breaksBefore: Int) throws {
        let text = TerminalText()
        let now = try DaemonConnection.open().request(ControlRequest(.status))
        guard now?.state == .break else {
            let breaks = now?.today.breaks ?? 0
            text.say(breaks > breaksBefore
                ? "Break counted: \(breaks) today."
                : "Break not counted: sitbreak saw keyboard or mouse input through it, so it counts as sitting.")
            return
        }
        if everything {
            let done = try DaemonConnection.open().request(ControlRequest(.done))
            text.say("Well done. Break recorded: \(done?.today.breaks ?? 0) today.")
        } else {
            _ = try DaemonConnection.open().request(ControlRequest(.abandon))
            text.say("Break ended early; recorded as partial.")
        }
    }
}
