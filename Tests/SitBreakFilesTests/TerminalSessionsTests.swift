import Foundation
import Glibc
import SitBreakTestSupport
import Testing

@testable import SitBreakFiles

/// A real pseudo terminal: the test reads the master side, as a terminal emulator would.
private final class PseudoTerminal {
    let master: Int32
    let path: String

    init() throws {
        typealias OnDescriptor = @convention(c) (Int32) -> Int32
        typealias NameOf = @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32
        master = try Self.libc("posix_openpt", as: OnDescriptor.self)(O_RDWR | O_NOCTTY | O_CLOEXEC)
        try #require(master >= 0)
        try #require(Self.libc("grantpt", as: OnDescriptor.self)(master) == 0)
        try #require(Self.libc("unlockpt", as: OnDescriptor.self)(master) == 0)
        var name = [CChar](repeating: 0, count: 128)
        try #require(Self.libc("ptsname_r", as: NameOf.self)(master, &name, name.count) == 0)
        path = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Raw output: the line discipline would otherwise turn "\n" into "\r\n" on its way.
        let slave = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC)
        defer { close(slave) }
        var settings = termios()
        try #require(tcgetattr(slave, &settings) == 0)
        settings.c_oflag &= ~tcflag_t(OPOST)
        try #require(tcsetattr(slave, TCSANOW, &settings) == 0)
        accepting(messages: true)
    }

    deinit { close(master) }

    /// The pty functions are hidden from Swift's Glibc module (they need _XOPEN_SOURCE).
    private static func libc<Function>(_ name: String, as type: Function.Type) throws -> Function {
        let symbol = try #require(dlsym(dlopen(nil, RTLD_NOW), name), "libc has no \(name)")
        return unsafeBitCast(symbol, to: type)
    }

    /// `mesg y` / `mesg n`.
    func accepting(messages: Bool) {
        chmod(path, messages ? 0o620 : 0o600)
    }

    /// What arrived on the screen so far.
    func screen() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 0) == 1 else { return bytes }
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { return bytes }
            bytes += buffer[..<count]
        }
    }

    var terminal: Terminal { Terminal(path: path, lastInput: 0) }
}

@Suite struct TerminalSessionsTests {
    @Test func aMessageIsLinesEndingInCarriageReturnLineFeedAfterABell() {
        #expect(
            TerminalSessions.terminalBytes(message: "Time to stand up\nLow lunge, 30 s", bell: true)
                == Array("\u{7}Time to stand up\r\nLow lunge, 30 s\r\n".utf8))
        #expect(TerminalSessions.terminalBytes(message: "a\r\nb", bell: false) == Array("a\r\nb\r\n".utf8))
    }

    @Test func controlCharactersCannotReachTheTerminal() {
        let hostile = "\u{1B}]0;owned\u{7}\tstand\u{9B}2J up ✓"
        #expect(
            TerminalSessions.terminalBytes(message: hostile, bell: false) == Array("?]0;owned?\tstand?2J up ✓\r\n".utf8)
        )
    }

    @Test func theMessageArrivesOnTheTerminal() throws {
        let pty = try PseudoTerminal()
        let delivery = TerminalSessions().write(
            message: "Time to stand up\nHip flexor stretch", bell: true, to: [pty.terminal])
        #expect(delivery == TerminalDelivery(delivered: [pty.path]))
        #expect(pty.screen() == Array("\u{7}Time to stand up\r\nHip flexor stretch\r\n".utf8))
    }

    @Test func aTerminalThatRefusesMessagesIsSkipped() throws {
        let pty = try PseudoTerminal()
        pty.accepting(messages: false)
        let delivery = TerminalSessions().write(message: "Stand up", bell: false, to: [pty.terminal])
        #expect(delivery == TerminalDelivery(skipped: [SkippedTerminal(path: pty.path, reason: .messagesRefused)]))
        #expect(pty.screen().isEmpty)
    }

    @Test(.enabled(if: getuid() == 0, "changing a terminal's owner needs root"))
    func anotherUsersTerminalIsNeitherListedNorWritten() throws {
        let pty = try PseudoTerminal()
        try #require(chown(pty.path, 65534, 65534) == 0)
        let sessions = TerminalSessions(uid: getuid())

        #expect(!sessions.list().map(\.path).contains(pty.path))
        let delivery = sessions.write(message: "Stand up", bell: false, to: [pty.terminal])
        #expect(delivery.skipped == [SkippedTerminal(path: pty.path, reason: .ownedByAnotherUser(uid: 65534))])
        #expect(pty.screen().isEmpty)
        #expect(TerminalSessions(uid: 65534).list().map(\.path).contains(pty.path))
    }

    @Test func aStoppedTerminalIsSkippedInsteadOfBlocking() throws {
        let pty = try PseudoTerminal()
        // Output stopped, as after Ctrl-S: a blocking write would wait until Ctrl-Q.
        let slave = open(pty.path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        defer {
            tcflow(slave, TCOON)
            close(slave)
        }
        try #require(tcflow(slave, TCOOFF) == 0)

        let delivery = TerminalSessions().write(message: "Stand up", bell: false, to: [pty.terminal])
        #expect(delivery.skipped == [SkippedTerminal(path: pty.path, reason: .wouldBlock)])
    }

    @Test func aFileIsNotATerminal() throws {
        let temporary = try DisposableDirectory()
        let path = temporary.path + "/not-a-tty"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o620]))
        let delivery = TerminalSessions().write(message: "x", bell: false, to: [Terminal(path: path, lastInput: 0)])
        #expect(delivery.skipped == [SkippedTerminal(path: path, reason: .notACharacterDevice)])
        #expect(delivery.skipped.first?.reason.description == "not a terminal device")
    }

    @Test func theUsersPseudoTerminalsAreListedWithTheirAccessTime() throws {
        let pty = try PseudoTerminal()
        pty.accepting(messages: false)
        var status = stat()
        try #require(stat(pty.path, &status) == 0)
        let expected = Double(status.st_atim.tv_sec) + Double(status.st_atim.tv_nsec) / 1e9

        let listed = TerminalSessions(utmpPath: "/nonexistent").list().first { $0.path == pty.path }
        #expect(listed == Terminal(path: pty.path, lastInput: expected))
    }

    @Test func loginRecordsNameTerminalsToo() throws {
        let pty = try PseudoTerminal()
        let temporary = try DisposableDirectory()
        let line = String(pty.path.dropFirst("/dev/".count))
        func record(type: Int32, line: String) -> [UInt8] {
            var entry = utmpx()
            entry.ut_type = Int16(type)
            withUnsafeMutableBytes(of: &entry.ut_line) { buffer in
                for (index, byte) in line.utf8.enumerated() { buffer[index] = byte }
            }
            return withUnsafeBytes(of: entry) { Array($0) }
        }
        let utmp = temporary.path + "/utmp"
        let records = record(type: DEAD_PROCESS, line: "pts/999") + record(type: USER_PROCESS, line: line)
        #expect(FileManager.default.createFile(atPath: utmp, contents: Data(records)))

        let sessions = TerminalSessions(pseudoTerminalDirectory: temporary.path + "/no-pts", utmpPath: utmp)
        #expect(sessions.list().map(\.path) == [pty.path])
    }
}
