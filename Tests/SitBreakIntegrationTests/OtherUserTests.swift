import Foundation
import Testing

/// Another user on the same machine (uid 65534) tries to reach the daemon and read what it
/// keeps: the control socket, state.json, history.sqlite3, coach.json and the config.
/// Needs root to act as that user; skipped, with the reason, otherwise.
@Suite("Another user", .serialized)
struct OtherUserTests {
    static let stranger = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]

    static func asStranger(_ harness: DaemonHarness, _ arguments: [String]) -> DaemonHarness.Outcome {
        harness.run(stranger[0], Array(stranger.dropFirst()) + arguments)
    }

    static func mode(_ path: String) -> (permissions: mode_t, owner: uid_t)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (info.st_mode & 0o7777, info.st_uid)
    }

    /// A daemon that has written every file it keeps: the state, the history (with its WAL),
    /// and the coach's memory (a finished routine is what writes it).
    static func daemonWithEveryFile() throws -> DaemonHarness {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        let client = try #require(SocketClient(path: harness.socketPath))
        defer { client.close() }
        client.send("{\"command\":\"routine_done\",\"moves\":[\"standing-hip-flexor-stretch\"]}\n")
        #expect(client.readLine(timeout: 5)?.contains("\"ok\":true") == true)
        #expect(harness.ctl("pause").status == 0)
        return harness
    }

    @Test(.enabled(if: getuid() == 0, "needs root to act as another user (uid 65534)"))
    func theDaemonsFilesAndDirectoriesAreClosedToOthers() throws {
        let harness = try Self.daemonWithEveryFile()
        let state = harness.home.appendingPathComponent("state/sitbreak").path
        let run = harness.home.appendingPathComponent("run/sitbreak").path
        let stateFiles = try FileManager.default.contentsOfDirectory(atPath: state).map { state + "/" + $0 }
        for name in ["state.json", "history.sqlite3", "coach.json"] {
            #expect(stateFiles.contains(state + "/" + name), "the daemon wrote no \(name): \(stateFiles)")
        }
        for file in stateFiles {
            #expect(Self.mode(file)?.permissions == 0o600, "\(file) has mode \(String(Self.mode(file)?.permissions ?? 0, radix: 8))")
            #expect(Self.mode(file)?.owner == getuid())
        }
        for directory in [state, run] {
            #expect(Self.mode(directory)?.permissions == 0o700, "\(directory) has mode \(String(Self.mode(directory)?.permissions ?? 0, radix: 8))")
        }
        #expect(Self.mode(harness.socketPath)?.permissions == 0o600)

        for file in stateFiles + [harness.configPath] {
            let read = Self.asStranger(harness, ["/bin/cat", file])
            #expect(read.status != 0 && read.errors.contains("Permission denied"), "uid 65534 read \(file): \(read.errors)")
        }
        for directory in [state, run] {
            let list = Self.asStranger(harness, ["/bin/ls", directory])
            #expect(list.status != 0, "uid 65534 listed \(directory): \(list.output)")
        }
        let status = Self.asStranger(harness, [DaemonHarness.binaries.appendingPathComponent("sitbreakctl").path, "status"])
        #expect(status.status == 3, "uid 65534 reached the daemon: \(status.output) \(status.errors)")
    }

    /// Each file's own mode is a second lock: with every directory on the way opened to
    /// others, the files and the socket still refuse uid 65534.
    @Test(.enabled(if: getuid() == 0, "needs root to act as another user (uid 65534)"))
    func theFilesModesHoldWhenTheDirectoriesAreOpen() throws {
        let harness = try Self.daemonWithEveryFile()
        let state = harness.home.appendingPathComponent("state/sitbreak").path
        for directory in ["", "state", "state/sitbreak", "run", "run/sitbreak"] {
            chmod(harness.home.appendingPathComponent(directory).path, 0o755)
        }
        // The stranger can read what is meant for everyone: the refusals below are the modes'.
        let open = state + "/readable-by-all"
        #expect(FileManager.default.createFile(atPath: open, contents: Data("hello\n".utf8), attributes: [.posixPermissions: 0o644]))
        #expect(Self.asStranger(harness, ["/bin/cat", open]).output == "hello")
        try FileManager.default.removeItem(atPath: open)

        for file in try FileManager.default.contentsOfDirectory(atPath: state).map({ state + "/" + $0 }) {
            let read = Self.asStranger(harness, ["/bin/cat", file])
            #expect(read.status != 0 && read.errors.contains("Permission denied"), "uid 65534 read \(file): \(read.errors)")
        }
        let status = Self.asStranger(harness, [DaemonHarness.binaries.appendingPathComponent("sitbreakctl").path, "status"])
        #expect(status.status == 3, "uid 65534 reached the daemon: \(status.output) \(status.errors)")
        harness.stop()
        // connect(2) itself failed on the socket's mode: the daemon never saw the stranger.
        #expect(!harness.daemonLog.contains("refused a connection from another user"), "\(harness.daemonLog)")
    }

    /// Another user asking for this one's statistics is told it is not theirs to read, not
    /// that there is no history.
    @Test(.enabled(if: getuid() == 0, "needs root to act as another user (uid 65534)"))
    func statsOfAnotherUserSayPermissionDenied() throws {
        let harness = try Self.daemonWithEveryFile()
        let stats = Self.asStranger(harness, [DaemonHarness.binaries.appendingPathComponent("sitbreakctl").path, "stats"])
        #expect(stats.status == 1)
        #expect(stats.errors.contains("history.sqlite3: cannot read the history: permission denied"), "\(stats.errors)")
    }

    /// `XDG_RUNTIME_DIR`, or `sitbreak/` in it, belongs to uid 65534, even with mode 0700:
    /// its owner could put a socket where sitbreakctl looks. sitbreakd refuses to start there,
    /// naming the directory and its owner, before it touches any file, and leaves the
    /// directory as it found it.
    @Test(.enabled(if: getuid() == 0, "needs root to give a directory to another user (uid 65534)"),
          .timeLimit(.minutes(1)), arguments: ["run", "run/sitbreak"])
    func aRuntimeDirectoryOfAnotherUserIsRefused(directory: String) throws {
        let harness = try DaemonHarness(config: quickConfig)
        let path = harness.home.appendingPathComponent(directory).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        #expect(chown(path, 65534, 65534) == 0)
        let daemon = harness.run("sitbreakd", [])
        #expect(daemon.status == 1)
        #expect(daemon.errors.contains(
            "sitbreakd: \(path) belongs to uid 65534, not \(getuid()): refusing to put the control socket there"), "\(daemon.errors)")
        #expect(!FileManager.default.fileExists(atPath: harness.statePath), "a refused start wrote state")
        #expect(try FileManager.default.contentsOfDirectory(atPath: path).isEmpty, "sitbreakd wrote in another user's directory")
        #expect(Self.mode(path)?.permissions == 0o700 && Self.mode(path)?.owner == 65534, "the directory was changed")
        #expect(harness.ctl("status").status == 3, "nothing answers")
    }

    /// Someone else listens where sitbreakctl looks for sitbreakd (a runtime directory they
    /// could write in): sitbreakctl asks the kernel who answers and refuses a stranger before
    /// it sends a byte, so a fake "Paused" never reaches the user.
    @Test(.enabled(if: getuid() == 0, "needs root to act as another user (uid 65534)"))
    func aStrangerListeningOnTheSocketPathIsRefused() throws {
        let harness = try DaemonHarness(config: quickConfig)
        let run = harness.home.appendingPathComponent("run").path
        chmod(harness.home.path, 0o755)
        chmod(run, 0o1777)
        let fake = """
            import socket, os, sys
            os.makedirs(sys.argv[1], exist_ok=True)
            server = socket.socket(socket.AF_UNIX)
            server.bind(sys.argv[1] + "/control.sock")
            server.listen()
            print("listening", flush=True)
            client, _ = server.accept()
            client.settimeout(3)
            try:
                heard = client.recv(4096)
            except socket.timeout:
                heard = b""
            print("heard", len(heard), flush=True)
            try:
                client.sendall(b'{"ok":true,"status":null}\\n')
            except OSError:
                pass
            """
        let server = Process()
        server.executableURL = URL(fileURLWithPath: Self.stranger[0])
        server.arguments = Array(Self.stranger.dropFirst()) + ["/usr/bin/python3", "-c", fake, run + "/sitbreak"]
        let output = Pipe()
        server.standardOutput = output
        try server.run()
        defer { if server.isRunning { kill(server.processIdentifier, SIGKILL) } }
        let reader = output.fileHandleForReading
        #expect(String(decoding: reader.availableData, as: UTF8.self).hasPrefix("listening"))
        let pause = harness.ctl("pause")
        #expect(pause.status == 3, "\(pause.output)")
        #expect(pause.errors.contains("is served by uid 65534, not by you (uid 0): refusing to talk to it"), "\(pause.errors)")
        server.waitUntilExit()
        #expect(String(decoding: reader.readDataToEndOfFile(), as: UTF8.self).contains("heard 0"), "the request reached the stranger")
    }
}
