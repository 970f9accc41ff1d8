import Glibc
import SitBreakCLI
import SitBreakCoach
import SitBreakFiles
import SitBreakModel
import SitBreakProtocol

enum Exercises {
    static let spec = CtlSpec(
        name: "exercises", abstract: "List the psoas / hip-flexor moves, or show one.",
        subcommands: [List.spec, Show.spec], defaultSubcommand: List.spec.name)

    struct List: CtlCommand {
        static let spec = CtlSpec(
            name: "list", abstract: "List every move.",
            options: [
                .flag("json", short: "j", help: "Print the library as JSON."),
                .flag("ids", help: "Print only the moves' ids, one a line (what the shells complete)."),
            ],
            action: List.self)
        let json: Bool
        let ids: Bool
        init(_ parsed: CtlParsed) throws(UsageError) {
            json = parsed.flag("json")
            ids = parsed.flag("ids")
            if json && ids { throw parsed.usageError("choose one of --json and --ids") }
        }

        func run() throws {
            let library = try UserLibrary.load()
            if json {
                print(ControlCodec.encodeLine(library))
                return
            }
            if ids {
                print(library.exercises.map(\.id).joined(separator: "\n"))
                return
            }
            let width = TerminalText().width
            NoticeOnce.show()
            let columns: [(header: String, cell: (Exercise) -> String)] = [
                ("ID", \.id), ("MOVE", \.name), ("KIND", \.kind.rawValue), ("PLACE", \.place.rawValue),
                ("POSITIONS", { $0.positions.map(\.rawValue).joined(separator: ",") }),
                ("EQUIPMENT", \.equipment.rawValue), ("TIME", { TimeSpan.format($0.estimatedDuration) }),
            ]
            // A narrow terminal loses the names first, then the positions: the ids say as much.
            for dropped in [[], ["MOVE"], ["MOVE", "POSITIONS"]] {
                let shown = columns.filter { !dropped.contains($0.header) }
                let table = Table.render(
                    header: shown.map(\.header), rows: library.exercises.map { move in shown.map { $0.cell(move) } })
                let widest = table.split(separator: "\n").map(\.count).max() ?? 0
                if widest < width || dropped.count == 2 {
                    print(table)
                    return
                }
            }
        }
    }

    struct Show: CtlCommand {
        static let spec = CtlSpec(
            name: "show", abstract: "Print a move's purpose, steps, dose and safety notes.",
            discussion: "The move may be named by its id, by its name, or by the words a reminder printed "
                + "(\"Kneeling lunge (3 × 30 s per side): …\"); quotes are not needed.",
            options: [.flag("open", help: "Open the move's line figure in the desktop's image viewer (xdg-open).")],
            arguments: [
                ArgumentSpec(
                    "move", help: "The move's id or name (see `sitbreakctl exercises`).", completion: MoveIDs.completion,
                    takesRest: true)
            ],
            action: Show.self)
        let text: String
        let open: Bool
        init(_ parsed: CtlParsed) {
            text = parsed.requiredArgument("move")
            open = parsed.flag("open")
        }

        func run() throws {
            let library = try UserLibrary.load()
            let move = CoachMemory.prescribed(try UserLibrary.move(named: text, in: library), history: CoachMemory.history())
            let figure = InstalledDataFile.moveFigure(id: move.id)
            if open {
                guard let figure else {
                    throw CtlFailure(
                        "no figure of \(move.id) is installed (`make install` puts them in ~/.local/share/sitbreak/figures)",
                        exitCode: 1)
                }
                try Opener.open(figure)
                return
            }
            let terminal = TerminalText()
            NoticeOnce.show()
            terminal.say("\(move.name) (\(move.id))")
            terminal.say(
                "\(move.kind.rawValue), \(move.place.rawValue)"
                    + (move.positions.isEmpty ? "" : ", " + move.positions.map(\.rawValue).joined(separator: ", "))
                    + ", equipment: \(move.equipment.rawValue)" + (move.isDeep ? ", deep: warm up first" : ""))
            terminal.say("\(move.doseText), about \(TimeSpan.format(move.estimatedDuration))", lead: "Dose: ")
            if let why = move.why { terminal.say(why, lead: "Why: ") }
            if let feel = move.feel { terminal.say(feel, lead: "Feel it: ") }
            terminal.say(move.cue, lead: "Cue: ")
            terminal.write("\n")
            for (index, step) in move.steps.enumerated() { terminal.say(step, lead: "\(index + 1). ") }
            let notes = move.cautions + library.safetyNotes(for: move)
            if !notes.isEmpty {
                terminal.write("\nTake care:\n")
                for note in notes { terminal.say(note, lead: "  - ") }
            }
            if let figure { terminal.write("\nFigure: \(figure) (`--open` shows it)\n") }
        }
    }
}

/// Opens a file the way the desktop does, without waiting for the viewer.
enum Opener {
    static func open(_ path: String) throws {
        var pid: pid_t = 0
        let arguments = ["xdg-open", path]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let status = posix_spawnp(&pid, "xdg-open", nil, nil, argv, environ)
        guard status == 0 else {
            throw CtlFailure("cannot run xdg-open (\(String(cString: strerror(status)))); the figure is \(path)", exitCode: 1)
        }
        var exitStatus: Int32 = 0
        waitpid(pid, &exitStatus, 0)
        guard exitStatus == 0 else {
            throw CtlFailure("xdg-open could not open \(path)", exitCode: 1)
        }
        print("Opened \(path)")
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

/// What the shells offer where a move goes: the ids of the user's library, built-in and own,
/// as `exercises --ids` prints them when completion is asked.
enum MoveIDs {
    static let completion = ValueCompletion.printedBy(["sitbreakctl", "exercises", "--ids"])
}
