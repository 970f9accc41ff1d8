import Foundation
import Glibc
import SitBreakTestSupport
import Testing

@testable import SitBreakFiles

private func permissionBits(_ path: String) -> mode_t? {
    var status = stat()
    return stat(path, &status) == 0 ? status.st_mode & 0o7777 : nil
}

@Suite struct StateFileTests {
    @Test func savedBytesLoadBackInANewPrivateDirectory() throws {
        let temporary = try DisposableDirectory()
        let file = StateFile(path: temporary.path + "/state/sitbreak/state.json")
        let bytes = Array(#"{"sitting": 2820}"#.utf8)

        try file.save(bytes)

        #expect(try file.load() == bytes)
        #expect(permissionBits(file.path) == 0o600)
        #expect(permissionBits(temporary.path + "/state") == 0o700)
        #expect(permissionBits(temporary.path + "/state/sitbreak") == 0o700)
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.directory) == ["state.json"])
    }

    @Test(arguments: [StateFile.Durability.synced, .survivesProcessCrash])
    func saveReplacesTheWholeFile(durability: StateFile.Durability) throws {
        let temporary = try DisposableDirectory()
        let file = StateFile(path: temporary.path + "/state.json")
        try file.save(Array(repeating: 0x41, count: 100_000), durability: durability)
        try file.save([1, 2, 3], durability: durability)
        #expect(try file.load() == [1, 2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: file.directory) == ["state.json"])
    }

    @Test func anEmptyFileIsEmptyNotAbsent() throws {
        let temporary = try DisposableDirectory()
        let file = StateFile(path: temporary.path + "/state.json")
        try file.save([])
        #expect(try file.load() == [])
    }

    @Test func aStaleTemporaryFileFromACrashIsReplaced() throws {
        let temporary = try DisposableDirectory()
        let file = StateFile(path: temporary.path + "/state.json")
        #expect(FileManager.default.createFile(atPath: file.temporaryPath, contents: Data("torn".utf8)))
        try file.save([7])
        #expect(try file.load() == [7])
        #expect(!FileManager.default.fileExists(atPath: file.temporaryPath))
    }

    @Test func anAbsentFileLoadsAsNil() throws {
        let temporary = try DisposableDirectory()
        #expect(try StateFile(path: temporary.path + "/missing/state.json").load() == nil)
    }

    @Test func aDirectoryWhereTheFileShouldBeIsAnErrorNamingIt() throws {
        let temporary = try DisposableDirectory()
        let error = #expect(throws: FileReadError.self) { try StateFile(path: temporary.path).load() }
        #expect(error?.description == "\(temporary.path): is a directory, not a regular file; a state file must be a file")
    }

    @Test func aFileWhereTheDirectoryShouldBeIsAnErrorNamingIt() throws {
        let temporary = try DisposableDirectory()
        let blocker = temporary.path + "/sitbreak"
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data()))

        let direct = #expect(throws: StateFileError.self) { try StateFile(path: blocker + "/state.json").save([1]) }
        #expect(direct?.description == "cannot create directory \(blocker): not a directory")

        let nested = #expect(throws: StateFileError.self) {
            try StateFile(path: blocker + "/deeper/state.json").save([1])
        }
        #expect(nested?.description == "cannot create directory \(blocker)/deeper: not a directory")
    }

    @Test(.enabled(if: getuid() != 0, "root writes into read-only directories"))
    func aReadOnlyDirectoryIsAnErrorNamingTheTemporaryFile() throws {
        let temporary = try DisposableDirectory()
        chmod(temporary.path, 0o500)
        defer { chmod(temporary.path, 0o700) }
        let file = StateFile(path: temporary.path + "/state.json")
        let error = #expect(throws: StateFileError.self) { try file.save([1]) }
        #expect(error?.description == "cannot write \(file.temporaryPath): permission denied")
    }

    @Test func aFullDiskReadsAsSuch() {
        let error = StateFileError(action: "write /x/state.json.tmp", errno: ENOSPC)
        #expect(error.description == "cannot write /x/state.json.tmp: no space left on the disk")
    }

    @Test(arguments: [
        ("/x/state.json", "/x", "/x/state.json.tmp"),
        ("/state.json", "/", "/state.json.tmp"),
        ("state.json", ".", "state.json.tmp"),
    ])
    func theTemporaryFileIsASiblingInTheSameDirectory(path: String, directory: String, temporary: String) {
        #expect(StateFile(path: path).directory == directory)
        #expect(StateFile(path: path).temporaryPath == temporary)
    }
}
