import Glibc
import SitBreakCoach
import SitBreakCore

/// Runs a guided break in the terminal: the steps, then a countdown with a progress bar for
/// every hold, set and rest. Ctrl-C ends it cleanly: SIGINT is blocked and waited for with
/// `sigtimedwait`, which doubles as the one-second tick, so no handler state is shared.
struct GuidedSession {
    enum Outcome { case completed, interrupted }

    private let interactive = isatty(STDOUT_FILENO) == 1
    private var signals = sigset_t()

    init() {
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
    }

    /// Guides one move; `safety`, the notes that go with it, come before the first step.
    func run(_ exercise: Exercise, safety: [String]) -> Outcome {
        say("\(exercise.name) — \(exercise.doseText) (about \(TimeSpan.format(exercise.estimatedDuration)))")
        for note in safety { say("  ! \(note)") }
        for caution in exercise.cautions { say("  ! \(caution)") }
        for step in GuidedBreak.plan(for: exercise) {
            switch step {
            case .instruction(let text):
                say(text)
            case .switchSides:
                say("Switch sides.")
                if wait(3, label: "get ready") == .interrupted { return .interrupted }
            case .rest(let seconds):
                if wait(seconds, label: "rest") == .interrupted { return .interrupted }
            case .hold(let seconds, let label):
                if wait(seconds, label: label) == .interrupted { return .interrupted }
            case .reps(let count, let tempo, let label):
                say("\(label): \(count) reps, \(tempo.up) s up, \(tempo.hold) s hold, \(tempo.down) s down")
                if wait(Seconds(count) * tempo.secondsPerRep, label: "\(count) reps") == .interrupted {
                    return .interrupted
                }
            }
        }
        return .completed
    }

    /// Counts down `seconds`, redrawing one line each second; returns early on Ctrl-C.
    private func wait(_ seconds: Seconds, label: String) -> Outcome {
        var elapsed: Seconds = 0
        while elapsed < seconds {
            draw(label: label, elapsed: elapsed, total: seconds)
            let tick = min(1, seconds - elapsed)
            var timeout = timespec(tv_sec: Int(tick), tv_nsec: Int((tick - tick.rounded(.down)) * 1e9))
            var pending = signals
            if sigtimedwait(&pending, nil, &timeout) > 0 {
                finishLine()
                return .interrupted
            }
            elapsed += tick
        }
        draw(label: label, elapsed: seconds, total: seconds)
        finishLine()
        return .completed
    }

    private func draw(label: String, elapsed: Seconds, total: Seconds) {
        let left = TimeSpan.format((total - elapsed).rounded(.up))
        let line = "  \(ProgressBar.render(elapsed: elapsed, total: total, width: 24)) \(left) \(label)"
        // On a terminal the line is redrawn in place; in a pipe each second would be noise.
        if interactive {
            write(line: "\r\u{1B}[K" + line, newline: false)
        } else if elapsed == 0 {
            say(line)
        }
    }

    private func finishLine() {
        if interactive { write(line: "", newline: true) }
    }

    private func say(_ text: String) { write(line: text, newline: true) }

    private func write(line: String, newline: Bool) {
        let text = newline ? line + "\n" : line
        _ = text.withCString { Glibc.write(STDOUT_FILENO, $0, strlen($0)) }
    }
}
