import SitBreakCoach
import SitBreakModel
import SitBreakProtocol

struct Routine: PlainCommand {
    static let spec = CtlSpec(
        name: "routine", abstract: "Run the longer mobility routine (about 10–15 min: stretch and strength).",
        discussion: "The moves suit the [coach] settings the daemon runs with (also under sitbreakd --config). "
            + "While it runs you count as standing: no sitting is counted and no reminder interrupts it, "
            + "whatever keys you press; at the end you sit down again, and a routine that lasted "
            + "[break] length counts as a break. Keys: n skips to the next move, q or Ctrl-C ends the "
            + "routine; it counts as a routine day only when more than half of its time was done.",
        action: Routine.self)

    func run() throws {
        let library = try UserLibrary.load()
        let history = CoachMemory.history()
        let reply = try DaemonConnection.open().exchange(ControlRequest(.coach), timeout: 5)
        guard reply.ok, let settings = reply.coach, let status = reply.status else {
            throw CtlFailure(reply.error ?? "sitbreakd did not say which [coach] settings it runs with", exitCode: 1)
        }
        let routine = Coach.buildRoutine(library, settings: settings, history: history)
        guard !routine.isEmpty else {
            throw CtlFailure("no move suits your [coach] settings; see `sitbreakctl exercises`", exitCode: 1)
        }
        // The routine is time on your feet: no sitting counted, no reminder, and the keys pressed
        // between moves cannot abandon it as they would a started break.
        let alreadyStanding = status.state == .standing
        if !alreadyStanding { _ = try DaemonConnection.open().request(ControlRequest(.stand)) }
        let total = routine.map(\.estimatedDuration).reduce(0, +)
        let terminal = GuidedTerminal()
        let started = GuidedTerminal.now()
        NoticeOnce.show()
        terminal.text.say("Routine: \(routine.count) moves, about \(TimeSpan.format(total)).")
        let result = GuidedSession(terminal: terminal, safetyNotes: library.safetyNotes(for:)).run(routine)
        terminal.restore()
        try GuidedOutcome.report(result)
        let doneTime = TimeSpan.format(result.done.map(\.estimatedDuration).reduce(0, +))
        let ended = "Routine ended after \(result.done.count) of \(routine.count) moves (\(doneTime) of \(TimeSpan.format(total)))"
        terminal.write("\n")
        if Coach.routineCounts(planned: routine, done: result.done) {
            let recorded = try DaemonConnection.open().request(ControlRequest(.routineDone, moves: result.done.map(\.id)))
            terminal.text.say(result.done.count == routine.count
                ? "Routine done: recorded as today's routine."
                : ended + ": most of it, so it counts as today's routine.")
            Durability.warnIfUnsaved(recorded)
        } else {
            terminal.text.say(ended + ": less than half, so it is not recorded as a routine day.")
        }
        guard !alreadyStanding else { return }
        let seated = try DaemonConnection.open().request(ControlRequest(.sit))
        let breaks = (seated?.today.breaks ?? 0) + (seated?.today.naturalBreaks ?? 0)
        if breaks > status.today.breaks + status.today.naturalBreaks {
            terminal.text.say("Counted as a break: sitting starts again from zero.")
        } else if GuidedTerminal.now() - started < status.breakLengthSeconds {
            terminal.text.say("Too short to count as a break ([break] length is \(TimeSpan.format(status.breakLengthSeconds))).")
        } else {
            terminal.text.say("Not counted as a break: there was little sitting before it to break.")
        }
    }
}
