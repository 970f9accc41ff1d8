import SitBreakCLI
import SitBreakCoach
import SitBreakModel
import SitBreakProtocol

struct Break: CtlCommand {
    static let spec = CtlSpec(
        name: "break",
        abstract: "Start a break now, guided through a move in the terminal.",
        discussion: "The break counts once the keyboard and mouse have been quiet for [break] length; input "
            + "restarts that countdown, and still typing [break] grace after the start abandons the break "
            + "(counted as sitting). The guided move is the one the reminder offered (after a warm-up, for a "
            + "deep stretch), else a short walk. Keys: n skips to the next move, q or Ctrl-C ends the "
            + "guided break early (recorded as a partial break). After each move, 1, 2 or 3 says whether it "
            + "was too easy, about right or too hard, and the coach moves the dose along its range.",
        options: [
            .flag("no-guide", help: "Only start the break; no guided move."),
            .value("move", valueName: "move",
                   help: "Guide this move (an id or name from `sitbreakctl exercises`): a deep stretch after a "
                       + "warm-up; with [coach] injured = true, only walking and gentle mobility.",
                   completion: MoveIDs.completion),
        ],
        action: Break.self)

    let noGuide: Bool
    let moveName: String?

    init(_ parsed: CtlParsed) {
        noGuide = parsed.flag("no-guide")
        moveName = parsed.value("move")
    }

    func run() throws {
        // A move that does not exist, or that an injured user must not do, is refused before
        // anything starts.
        let library = try noGuide ? nil : UserLibrary.load()
        let asked = try moveName.map { name in try UserLibrary.move(named: name, in: library ?? UserLibrary.load()) }
        if let asked { try Self.refuseIfInjured(asked) }
        let status = try DaemonConnection.open().request(ControlRequest(.break))
        guard let library else {
            print("Break started: stay away for \(TimeSpan.format(status?.breakLengthSeconds ?? 0)), or say `sitbreakctl done`")
            Durability.warnIfUnsaved(status)
            return
        }
        Durability.warnIfUnsaved(status)
        let history = CoachMemory.history()
        let offered = (status?.suggestion?.moves ?? status?.suggestion.map { [$0.id] } ?? []).compactMap { library[$0] }
        let fallback = library.exercises.first { $0.kind == .walk }.map { [$0] } ?? []
        let moves = (asked.map { SafetyRules.guidedMoves(for: $0, library: library.exercises) }
            ?? (offered.isEmpty ? fallback : offered))
            .map { CoachMemory.prescribed($0, history: history) }
        guard !moves.isEmpty else {
            throw CtlFailure("no move to guide: your exercise library has no walk; give one with --move", exitCode: 1)
        }
        let terminal = GuidedTerminal()
        NoticeOnce.show()
        let result = GuidedSession(terminal: terminal, safetyNotes: library.safetyNotes(for:)).run(moves)
        terminal.restore()
        try GuidedOutcome.report(result)
        try GuidedOutcome.finishBreak(everything: result.finishedEverything, breaksBefore: status?.today.breaks ?? 0)
    }

    /// The coach's offers follow `[coach] injured`; a move asked for by name must too.
    private static func refuseIfInjured(_ move: Exercise) throws {
        let reply = try DaemonConnection.open().exchange(ControlRequest(.coach), timeout: 5)
        guard reply.ok, let settings = reply.coach else {
            throw CtlFailure(reply.error ?? "sitbreakd did not say which [coach] settings it runs with", exitCode: 1)
        }
        guard settings.injured, let reason = SafetyRules.reasonAgainstWhenInjured(move) else { return }
        throw CtlFailure(
            "not guiding \(move.name) ([coach] injured = true): \(reason). While injured, walk and move gently "
                + "within what does not hurt: `sitbreakctl break` guides a walk, and `sitbreakctl exercises` "
                + "lists the mobility moves", exitCode: 1)
    }
}
