import Glibc

/// This test binary run again as a child, restricted to one test, with a pipe on fd 3 the
/// child writes lines to. stdout and stderr go to /dev/null: the child's test report is noise.
struct ChildProcess {
    let pid: pid_t
    private var lines: LineReader

    static let reportDescriptor: Int32 = 3

    init(runningTest filter: String, environment extra: [String: String]) throws {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw ChildProcessError("pipe: \(String(cString: strerror(errno)))") }
        // Only fd 3 reaches the child (the dup2 below clears its flag); pipe2 does not import.
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], Self.reportDescriptor)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let executable = "/proc/self/exe"
        let arguments = [executable, "--testing-library", "swift-testing", "--filter", filter]
        var environment: [String] = []
        var entry = environ
        while let variable = entry.pointee {
            environment.append(String(cString: variable))
            entry += 1
        }
        environment += extra.map { "\($0.key)=\($0.value)" }

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(ends[1])
        guard status == 0 else {
            close(ends[0])
            throw ChildProcessError("posix_spawn: \(String(cString: strerror(status)))")
        }
        self.pid = pid
        lines = LineReader(descriptor: ends[0])
    }

    /// The next line the child wrote; nil once it closed the pipe (exited or died).
    mutating func nextLine() -> String? { lines.next() }

    /// Kills the child with SIGKILL and reaps it; returns the signal that ended it (0 if it exited).
    func kill() -> Int32 {
        Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status & 0x7f
    }
}

struct ChildProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Lines from a file descriptor, closed at the end of input.
struct LineReader {
    private let descriptor: Int32
    private var pending: [UInt8] = []
    private var ended = false

    init(descriptor: Int32) { self.descriptor = descriptor }

    mutating func next() -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            if ended { return nil }
            var chunk = [UInt8](repeating: 0, count: 4_096)
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                ended = true
                close(descriptor)
                continue
            }
            pending += chunk[..<count]
        }
    }
}
