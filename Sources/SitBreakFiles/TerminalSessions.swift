import Glibc
import SitBreakModel

/// One of the user's terminal devices.
public struct Terminal: Equatable, Sendable {
    /// `/dev/pts/3`, `/dev/tty2`.
    public var path: String
    /// Wall-clock seconds of the last keystroke: the device's access time, which the tty
    /// layer updates on input (what `w` shows as IDLE).
    public var lastInput: Seconds

    public init(path: String, lastInput: Seconds) {
        self.path = path
        self.lastInput = lastInput
    }
}

/// Why a terminal did not get a message.
public enum TerminalSkipReason: Equatable, Sendable, CustomStringConvertible {
    case notACharacterDevice
    case ownedByAnotherUser(uid: UInt32)
    /// `mesg n`: the group write bit is off. write(1) respects it, and so do we.
    case messagesRefused
    /// The terminal's output buffer is full (a stopped or hung terminal); waiting could block.
    case wouldBlock
    case failed(errno: Int32)

    public var description: String {
        switch self {
        case .notACharacterDevice: "not a terminal device"
        case .ownedByAnotherUser(let uid): "owned by uid \(uid), not this user"
        case .messagesRefused: "messages refused (mesg n)"
        case .wouldBlock: "output is full; skipped rather than wait"
        case .failed(let errno): String(cString: strerror(errno))
        }
    }
}

public struct SkippedTerminal: Equatable, Sendable {
    public var path: String
    public var reason: TerminalSkipReason

    public init(path: String, reason: TerminalSkipReason) {
        self.path = path
        self.reason = reason
    }
}

/// Where a message went: terminal paths it reached, and the others with the reason.
public struct TerminalDelivery: Equatable, Sendable {
    public var delivered: [String] = []
    public var skipped: [SkippedTerminal] = []

    public init(delivered: [String] = [], skipped: [SkippedTerminal] = []) {
        self.delivered = delivered
        self.skipped = skipped
    }
}

/// The terminals a user is logged in on, for terminal activity and terminal reminders.
/// Only devices owned by `uid` are ever read or written, whoever runs the process.
public struct TerminalSessions: Sendable {
    public let uid: UInt32
    /// Pseudo terminals are listed from here, since containers and terminal
    /// multiplexers often leave no utmp record.
    public let pseudoTerminalDirectory: String
    /// Login records of consoles and ssh sessions.
    public let utmpPath: String

    public init(
        uid: UInt32 = getuid(), pseudoTerminalDirectory: String = "/dev/pts", utmpPath: String = "/var/run/utmp"
    ) {
        self.uid = uid
        self.pseudoTerminalDirectory = pseudoTerminalDirectory
        self.utmpPath = utmpPath
    }

    /// The user's terminals, by path.
    public func list() -> [Terminal] {
        let candidates = Set(utmpLoginDevices() + pseudoTerminalPaths())
        return candidates.sorted().compactMap { path in
            var status = stat()
            guard stat(path, &status) == 0, ownershipRefusal(of: status) == nil else { return nil }
            let lastInput = Seconds(status.st_atim.tv_sec) + Seconds(status.st_atim.tv_nsec) / 1e9
            return Terminal(path: path, lastInput: lastInput)
        }
    }

    /// Writes `message` like write(1): never blocks, never to another user's terminal or one
    /// that refuses messages.
    public func write(message: String, bell: Bool, to terminals: [Terminal]) -> TerminalDelivery {
        let bytes = Self.terminalBytes(message: message, bell: bell)
        var delivery = TerminalDelivery()
        for terminal in terminals {
            if let reason = write(bytes, to: terminal.path) {
                delivery.skipped.append(SkippedTerminal(path: terminal.path, reason: reason))
            } else {
                delivery.delivered.append(terminal.path)
            }
        }
        return delivery
    }

    /// Lines end in `\r\n`, since the terminal may be in raw mode. Control characters other
    /// than tab are replaced, so a message cannot move the cursor or retitle the window.
    public static func terminalBytes(message: String, bell: Bool) -> [UInt8] {
        var text = bell ? "\u{7}" : ""
        for line in message.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let visible = line.unicodeScalars.map { scalar -> String in
                let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                return isControl && scalar != "\t" ? "?" : String(scalar)
            }
            text += visible.joined() + "\r\n"
        }
        return Array(text.utf8)
    }

    /// nil when `status` is a terminal device of this user.
    private func ownershipRefusal(of status: stat) -> TerminalSkipReason? {
        if status.st_mode & S_IFMT != S_IFCHR { return .notACharacterDevice }
        if status.st_uid != uid { return .ownedByAnotherUser(uid: status.st_uid) }
        return nil
    }

    /// nil when `status` is a terminal of this user that accepts messages.
    private func writeRefusal(of status: stat) -> TerminalSkipReason? {
        if let reason = ownershipRefusal(of: status) { return reason }
        return status.st_mode & S_IWGRP == 0 ? .messagesRefused : nil
    }

    /// The checks run again on the opened file, so a device swapped in between is caught.
    private func write(_ bytes: [UInt8], to path: String) -> TerminalSkipReason? {
        var status = stat()
        guard stat(path, &status) == 0 else { return .failed(errno: errno) }
        if let reason = writeRefusal(of: status) { return reason }
        let descriptor = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failed(errno: errno) }
        defer { close(descriptor) }
        guard fstat(descriptor, &status) == 0 else { return .failed(errno: errno) }
        if let reason = writeRefusal(of: status) { return reason }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno == EAGAIN || errno == EWOULDBLOCK ? .wouldBlock : .failed(errno: errno)
            }
            offset += written
        }
        return nil
    }

    private func pseudoTerminalPaths() -> [String] {
        guard let directory = opendir(pseudoTerminalDirectory) else { return [] }
        defer { closedir(directory) }
        var paths: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            // Numbered slaves only: `ptmx` is the multiplexer, not anyone's terminal.
            if !name.isEmpty && name.allSatisfy(\.isASCIIDigit) {
                paths.append(pseudoTerminalDirectory + "/" + name)
            }
        }
        return paths
    }

    /// Devices of USER_PROCESS login records (consoles, ssh): `/dev/` + `ut_line`. The file
    /// is read directly because getutxent shares one static buffer between threads.
    private func utmpLoginDevices() -> [String] {
        let recordSize = MemoryLayout<utmpx>.size
        guard let contents = try? StateFile(path: utmpPath).load() else { return [] }
        return stride(from: 0, through: contents.count - recordSize, by: recordSize).compactMap { offset in
            let record = contents.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: utmpx.self) }
            guard Int32(record.ut_type) == USER_PROCESS else { return nil }
            let line = withUnsafeBytes(of: record.ut_line) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            return line.isEmpty || line.contains("..") ? nil : "/dev/" + line
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
