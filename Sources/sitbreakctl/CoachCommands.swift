import Glibc
import SitBreakCoach
import SitBreakFiles
import SitBreakProtocol

/// The library as the daemon sees it: built in, with the user's own file laid over it.
enum UserLibrary {
    static func load() throws -> ExerciseLibrary {
        do {
            return try ExerciseLibrary.loadForUser(configDirectory: try XDGFileDirectories.current().configDirectory)
        } catch {
            throw CtlFailure("\(error)", exitCode: 1)
        }
    }

    /// The move `text` names (an id, a name, a reminder's words), or a failure that says what
    /// the user most likely meant.
    static func move(named text: String, in library: ExerciseLibrary) throws -> Exercise {
        guard let move = library.move(named: text) else {
            let guess = library.nearestID(to: text).map { "did you mean \"\($0)\"? " } ?? ""
            throw CtlFailure("no move \"\(text)\"; \(guess)`sitbreakctl exercises` lists them", exitCode: 1)
        }
        return move
    }
}

/// What the daemon remembers for the coach (`coach.json`), read-only here: the moves done
/// lately and where each dose stands. Unreadable or absent: an empty history, which only costs
/// variety and starts every dose at the low end.
enum CoachMemory {
    static func history() -> CoachHistory {
        guard let directory = try? XDGFileDirectories.current().stateDirectory,
            let bytes = try? StateFile(path: directory + "/coach.json").load()
        else { return CoachHistory() }
        return (try? ControlCodec.decode(CoachHistory.self, from: String(decoding: bytes, as: UTF8.self))) ?? CoachHistory()
    }

    /// `move` at the user's step of its range.
    static func prescribed(_ move: Exercise, history: CoachHistory) -> Exercise {
        move.prescribed(level: history.level(of: move.id))
    }
}

/// The "not medical advice" notice of docs/exercises.md, shown once: before the first list of
/// moves or the first guided break. A file in the state directory remembers it was shown.
enum NoticeOnce {
    static func show() {
        guard let directory = try? XDGFileDirectories.current().stateDirectory else { return }
        let marker = StateFile(path: directory + "/notice-shown")
        guard (try? marker.load()) == .some(nil) else { return }
        let paragraphs = CoachNotice.paragraphs
        guard !paragraphs.isEmpty else { return }
        let text = TerminalText()
        for (index, paragraph) in paragraphs.enumerated() {
            if index < 2 || !paragraph.hasPrefix("- ") { text.write("\n") }
            if paragraph.hasPrefix("- ") {
                text.say(String(paragraph.dropFirst(2)), lead: "  - ")
            } else {
                text.say(paragraph)
            }
        }
        text.write("\n(Shown once; it is in docs/exercises.md.)\n\n")
        try? marker.save(Array("shown\n".utf8))
    }
}
