import Glibc
import SitBreakCLI
import SitBreakCoach
import SitBreakConfig
import SitBreakCore
import SitBreakOS

/// The library as the daemon sees it: built in, with the user's own file laid over it.
enum UserLibrary {
    static func load() throws -> ExerciseLibrary {
        do {
            return try ExerciseLibrary.loadForUser(configDirectory: try XDGPaths.current().configDirectory)
        } catch {
            throw CtlFailure("\(error)", exitCode: 1)
        }
    }
}

enum Exercises {
    static let spec = CtlSpec(
        name: "exercises", abstract: "List the psoas / hip-flexor moves, or show one.",
        subcommands: [List.spec, Show.spec], defaultSubcommand: List.spec.name)

    struct List: CtlCommand {
        static let spec = CtlSpec(
            name: "list", abstract: "List every move.",
            options: [.flag("json", help: "Print the library as JSON.")], action: List.self)
        let json: Bool
        init(_ parsed: CtlParsed) { json = parsed.flag("json") }

        func run() throws {
            let library = try UserLibrary.load()
            if json {
                print(ControlCodec.encodeLine(library))
                return
            }
            let rows = library.exercises.map { move in
                [move.id, move.name, move.kind.rawValue, move.place.rawValue, move.equipment.rawValue,
                 TimeSpan.format(move.estimatedDuration)]
            }
            print(Table.render(header: ["ID", "MOVE", "KIND", "PLACE", "EQUIPMENT", "TIME"], rows: rows))
        }
    }

    struct Show: CtlCommand {
        static let spec = CtlSpec(
            name: "show", abstract: "Print a move's steps, dose and cautions.",
            arguments: [ArgumentSpec("id", help: "The move's id (see `sitbreakctl exercises`).")], action: Show.self)
        let id: String
        init(_ parsed: CtlParsed) { id = parsed.requiredArgument("id") }

        func run() throws {
            let library = try UserLibrary.load()
            guard let move = library[id] else {
                throw CtlFailure("no move \"\(id)\"; `sitbreakctl exercises` lists them", exitCode: 1)
            }
            var lines = [
                "\(move.name) (\(move.kind.rawValue), \(move.place.rawValue), equipment: \(move.equipment.rawValue))",
                "Dose: \(move.doseText), about \(TimeSpan.format(move.estimatedDuration))",
                "Cue: \(move.cue)", "",
            ]
            lines += move.steps.enumerated().map { "\($0.offset + 1). \($0.element)" }
            let notes = move.cautions + library.safetyNotes(for: move)
            if !notes.isEmpty { lines += ["", "Take care:"] + notes.map { "  - \($0)" } }
            print(lines.joined(separator: "\n"))
        }
    }
}

struct Break: CtlCommand {
    static let spec = CtlSpec(
        name: "break",
        abstract: "Start a break now, guided through a move in the terminal.",
        discussion: "The break counts once the keyboard and mouse have been quiet for [break] length; input "
            + "restarts that countdown, and still typing [break] grace after the start abandons the break "
            + "(counted as sitting). Ctrl-C ends the guided break early; it is recorded as a partial break.",
        options: [
            .flag("no-guide", help: "Only start the break; no guided move."),
            .value("move", valueName: "move", help: "Guide this move (an id from `sitbreakctl exercises`)."),
        ],
        action: Break.self)

    let noGuide: Bool
    let moveID: String?

    init(_ parsed: CtlParsed) {
        noGuide = parsed.flag("no-guide")
        moveID = parsed.value("move")
    }

    func run() throws {
        let connection = try DaemonConnection.open()
        let status = try connection.request(ControlRequest(.break))
        guard !noGuide else {
            print("Break started: stay away for \(TimeSpan.format(status?.breakLengthSeconds ?? 0)), or say `sitbreakctl done`")
            return
        }
        let library = try UserLibrary.load()
        guard let move = (moveID ?? status?.suggestion?.id).flatMap({ library[$0] }) ?? library.exercises.first(where: { $0.kind == .walk }) else {
            throw CtlFailure("no move \"\(moveID ?? "")\"; `sitbreakctl exercises` lists them", exitCode: 1)
        }
        let outcome = GuidedSession().run(move, safety: library.safetyNotes(for: move))
        try finish(outcome, breaksBefore: status?.today.breaks ?? 0, connection: try DaemonConnection.open())
    }

    /// Tells the daemon how the break went, unless it already decided (it counted the break
    /// after break.length without input, or abandoned it because input went on).
    private func finish(_ outcome: GuidedSession.Outcome, breaksBefore: Int, connection: DaemonConnection) throws {
        let now = try connection.request(ControlRequest(.status))
        guard now?.state == .break else {
            let breaks = now?.today.breaks ?? 0
            print(breaks > breaksBefore
                ? "Break counted: \(breaks) today."
                : "Break not counted: sitbreak saw keyboard or mouse input through it, so it counts as sitting.")
            return
        }
        switch outcome {
        case .completed:
            let done = try DaemonConnection.open().request(ControlRequest(.done))
            print("Well done. Break recorded: \(done?.today.breaks ?? 0) today.")
        case .interrupted:
            _ = try DaemonConnection.open().request(ControlRequest(.abandon))
            print("Break ended early; recorded as partial.")
        }
    }
}

struct Routine: PlainCommand {
    static let spec = CtlSpec(
        name: "routine", abstract: "Run the longer mobility routine (about 10–15 min: stretch and strength).",
        action: Routine.self)

    func run() throws {
        let library = try UserLibrary.load()
        let settings: Settings
        do {
            let environment = ["XDG_CONFIG_HOME": getenv("XDG_CONFIG_HOME"), "HOME": getenv("HOME")]
                .compactMapValues { $0.map { String(cString: $0) } }
            settings = try ConfigLoader.defaultPath(environment: environment).map(ConfigLoader.loadIfPresent) ?? ConfigLoader.defaults
        } catch {
            throw CtlFailure(error.description, exitCode: 1)
        }
        let routine = Coach.buildRoutine(library, settings: settings.coach, history: Self.coachHistory())
        guard !routine.isEmpty else {
            throw CtlFailure("no move suits your [coach] settings; see `sitbreakctl exercises`", exitCode: 1)
        }
        let total = routine.map(\.estimatedDuration).reduce(0, +)
        print("Routine: \(routine.count) moves, about \(TimeSpan.format(total)).")
        let session = GuidedSession()
        var done: [String] = []
        for (index, move) in routine.enumerated() {
            print("\n[\(index + 1)/\(routine.count)]")
            if session.run(move, safety: library.safetyNotes(for: move)) == .interrupted { break }
            done.append(move.id)
        }
        _ = try DaemonConnection.open().request(ControlRequest(.routineDone, moves: done))
        print(done.count == routine.count ? "\nRoutine done." : "\nRoutine ended after \(done.count) moves; recorded.")
    }
}

extension Routine {
    /// The daemon's record of recent moves, so the routine favours what was not done lately.
    /// Unreadable or absent: an empty history, which only costs variety.
    static func coachHistory() -> CoachHistory {
        guard let directory = try? XDGPaths.current().stateDirectory,
            let bytes = try? StateFile(path: directory + "/coach.json").load()
        else { return CoachHistory() }
        return (try? ControlCodec.decode(CoachHistory.self, from: String(decoding: bytes, as: UTF8.self))) ?? CoachHistory()
    }
}

/// Left-aligned columns for plain terminal tables.
enum Table {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
