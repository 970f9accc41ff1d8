import Glibc
import SitBreakDesktop

/// Starts a program in the user's desktop session for a click in the panel: a terminal for
/// the guided break, `xdg-open` for the config. The program gets the desktop's display
/// variables (handed over after the service started) and is detached with `setsid --fork`,
/// so sitbreakd neither waits for it nor keeps a child process.
struct DesktopLauncher {
    /// The service's own environment.
    var environment: [String: String]

    /// Whether `program` is on the service's PATH.
    func finds(_ program: String) -> Bool {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").contains { access("\($0)/\(program)", X_OK) == 0 }
    }

    /// Starts `arguments` with the desktop's variables; false when it could not be started.
    func start(_ arguments: [String], desktop: DesktopEnvironment) -> Bool {
        var variables = environment
        variables.merge(desktop.variables) { $1 }
        let argv = (["setsid", "--fork"] + arguments).map { strdup($0) } + [nil]
        let envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "setsid", nil, nil, argv, envp) == 0 else { return false }
        // setsid forks the program off and exits at once: reaped here, so no zombie stays.
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return status == 0
    }
}
