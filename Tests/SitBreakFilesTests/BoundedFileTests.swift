import Foundation
import Glibc
import Testing

@testable import SitBreakFiles

/// Whatever is at the path of sitbreak's own files: a FIFO must not hang the daemon, a symbolic
/// link to /dev/zero must not fill its memory, a huge file is refused by its size.
struct BoundedFileTests {
    private final class Directory {
        let path: String
        init() throws {
            var template = Array("/tmp/sitbreak-files-XXXXXX".utf8CString)
            path = try String(cString: #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }))
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
    }

    @Test func aFileIsReadWholeAndNothingIsNil() throws {
        let directory = try Directory()
        try "[break]\n".write(toFile: directory.path + "/config.toml", atomically: false, encoding: .utf8)
        #expect(try BoundedFile.read(directory.path + "/config.toml", limit: 100, what: "a config file") == Array("[break]\n".utf8))
        #expect(try BoundedFile.read(directory.path + "/missing.toml", limit: 100, what: "a config file") == nil)
    }

    @Test func aSymbolicLinkToAFileIsFollowed() throws {
        let directory = try Directory()
        try "x".write(toFile: directory.path + "/real", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/link", withDestinationPath: directory.path + "/real")
        #expect(try BoundedFile.read(directory.path + "/link", limit: 10, what: "a config file") == [UInt8(ascii: "x")])
    }

    @Test func aFIFOIsRefusedAtOnceInsteadOfWaitedOn() throws {
        let directory = try Directory()
        let path = directory.path + "/state.json"
        #expect(mkfifo(path, 0o600) == 0)
        let started = Date()
        #expect(throws: FileReadError(path: path, problem: "is a FIFO, not a regular file; a state file must be a file")) {
            try BoundedFile.read(path, limit: 1024, what: "a state file")
        }
        #expect(Date().timeIntervalSince(started) < 1)
    }

    @Test func aDeviceADirectoryAndALinkToDevZeroAreRefused() throws {
        let directory = try Directory()
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/zero", withDestinationPath: "/dev/zero")
        #expect(throws: FileReadError(path: directory.path + "/zero", problem: "is a character device, not a regular file; a state file must be a file")) {
            try BoundedFile.read(directory.path + "/zero", limit: 1024, what: "a state file")
        }
        #expect(throws: FileReadError(path: directory.path, problem: "is a directory, not a regular file; a config file must be a file")) {
            try BoundedFile.read(directory.path, limit: 1024, what: "a config file")
        }
    }

    @Test func aFileLargerThanTheLimitIsRefusedWithoutReadingIt() throws {
        let directory = try Directory()
        let path = directory.path + "/config.toml"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(count: 50 * 1024 * 1024)))
        #expect(throws: FileReadError(path: path, problem: "is larger than 256 KiB; a config file is far smaller, so this is not one")) {
            try BoundedFile.read(path, limit: 256 * 1024, what: "a config file")
        }
    }

    @Test func commonFailuresAreNamedPlainly() {
        #expect(FileReadError.describe(ENOSPC) == "no space left on the disk")
        #expect(FileReadError.describe(EISDIR) == "it is a directory")
        #expect(FileReadError.describe(EACCES) == "permission denied")
    }
}

/// Damaged files are moved aside, never over an earlier one.
struct KeptAsideTests {
    @Test func eachDamagedCopyGetsTheNextGenerationWithItsCompanions() throws {
        var template = Array("/tmp/sitbreak-kept-XXXXXX".utf8CString)
        let directory = try String(cString: #require(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }))
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/history.sqlite3"
        for round in 1...2 {
            try "db \(round)".write(toFile: path, atomically: false, encoding: .utf8)
            try "wal \(round)".write(toFile: path + "-wal", atomically: false, encoding: .utf8)
            #expect(try KeptAside.move(path, label: "damaged", companions: ["-wal", "-shm"]) == "\(path).damaged-\(round)")
        }
        #expect(try String(contentsOfFile: path + ".damaged-1", encoding: .utf8) == "db 1")
        #expect(try String(contentsOfFile: path + ".damaged-2-wal", encoding: .utf8) == "wal 2")
        #expect(access(path, F_OK) != 0)
    }
}
