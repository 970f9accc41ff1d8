import Glibc
import SitBreakCLI
import SitBreakModel

/// The terminal a guided break runs in: its width, single key presses without Enter, and
/// Ctrl-C. SIGINT and SIGTERM are blocked and collected between waits, so no handler state is
/// shared; the terminal's own settings come back when the session ends.
final class GuidedTerminal {
    enum Event: Equatable {
        case timeout
        case key(Character)
        case interrupt
    }

    /// Keys are read and lines redrawn in place only when both ends are a terminal; in a pipe
    /// every line is printed once.
    let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
    private var signals = sigset_t()
    private var saved: termios?
    private var inputOpen = true
    /// The terminal's width and wrapped lines.
    let text = TerminalText()

    init() {
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        guard interactive else { return }
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return }
        saved = settings
        // One key at a time, not echoed; Ctrl-C still raises SIGINT.
        settings.c_lflag &= ~tcflag_t(ICANON | ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &settings)
    }

    deinit { restore() }

    /// Gives the terminal back its settings (echo, lines), e.g. before the program prints its end.
    func restore() {
        guard var settings = saved else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &settings)
        saved = nil
    }

    /// Waits until `deadline` (CLOCK_MONOTONIC seconds) for a key or Ctrl-C. Blocked signals do
    /// not end a poll, so it looks at them every tenth of a second.
    func wait(until deadline: Seconds) -> Event {
        while true {
            var pending = signals
            var none = timespec(tv_sec: 0, tv_nsec: 0)
            if sigtimedwait(&pending, nil, &none) > 0 { return .interrupt }
            let left = deadline - Self.now()
            if left <= 0 { return .timeout }
            let slice = Int32(min(left, 0.1) * 1000) + 1
            guard interactive, inputOpen else {
                poll(nil, 0, slice)
                continue
            }
            var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            guard poll(&input, 1, slice) > 0 else { continue }
            var byte: UInt8 = 0
            if read(STDIN_FILENO, &byte, 1) == 1 {
                return .key(Character(Unicode.Scalar(byte)))
            }
            inputOpen = false
        }
    }

    static func now() -> Seconds {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Seconds(time.tv_sec) + Seconds(time.tv_nsec) / 1e9
    }

    /// Replaces the current line with `line` (a countdown); in a pipe, prints it once.
    func redraw(_ line: String) {
        write(interactive ? "\r\u{1B}[K" + line : line + "\n")
    }

    /// Clears a redrawn line for the text that follows.
    func clearLine() {
        if interactive { write("\r\u{1B}[K") }
    }

    func write(_ text: String) { self.text.write(text) }
}

/// Lines for the terminal: wrapped at its width, which is read each time (it may be resized).
struct TerminalText {
    /// Columns of the terminal now (it may have been resized); 80 when it cannot say.
    var width: Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// `text` wrapped to the terminal, the first line after `lead` and the rest under it.
    func say(_ text: String, lead: String = "") {
        let indent = String(repeating: " ", count: lead.count)
        let lines = TextWrapping.wrap(text, width: max(20, width - 1 - lead.count))
        for (index, line) in lines.enumerated() { write((index == 0 ? lead : indent) + line + "\n") }
    }

    func write(_ text: String) {
        _ = text.withCString { Glibc.write(STDOUT_FILENO, $0, strlen($0)) }
    }
}
