import Foundation
import Testing

/// Xvfb, a private session bus and (when started) dunst configured so that tests can see and
/// act on notifications: its context menu runs a script that picks the line named in a file,
/// and a rule script records every sitbreak notification it shows.
public final class PrivateDesktop {
    public let bus: PrivateBus
    public let display: String
    private let xvfb: Process
    private var dunst: Process?

    public static let canRun: Bool = {
        guard PrivateBus.canRun else { return false }
        let missing = ["Xvfb", "dunst", "dunstctl", "xdotool"].filter { findTool($0) == nil }
        if !missing.isEmpty {
            print("skipping desktop notification tests: \(missing.joined(separator: ", ")) not installed "
                + "(Debian: xvfb, dunst, xdotool)")
        }
        return missing.isEmpty
    }()

    private func file(_ name: String) -> URL { bus.directory.appendingPathComponent(name) }

    public init() throws {
        bus = try PrivateBus()
        (xvfb, display) = try Self.startXvfb()
        let directory = bus.directory.path
        try write("dunstrc", """
            [global]
                markup = full
                mouse_left_click = do_action, close_current
                dmenu = \(directory)/pick.sh
            [record]
                appname = sitbreak
                script = \(directory)/shown.sh
            """)
        try write("shown.sh", """
            #!/bin/sh
            { env | grep '^DUNST_' | sort; echo '---'; } >> '\(directory)/shown.log'
            """, executable: true)
        try write("pick.sh", """
            #!/bin/sh
            tee -a '\(directory)/menu.log' | grep -F ",$(cat '\(directory)/pick')]"
            """, executable: true)
        try pick(nil)
    }

    deinit {
        stopDunst()
        stopChild(xvfb)
        Self.removeDisplayFiles(display)
    }

    /// A killed X server leaves its lock and socket behind.
    private static func removeDisplayFiles(_ display: String) {
        let number = display.dropFirst()
        try? FileManager.default.removeItem(atPath: "/tmp/.X\(number)-lock")
        try? FileManager.default.removeItem(atPath: "/tmp/.X11-unix/X\(number)")
    }

    public var environment: [String: String] {
        ["DISPLAY": display, "HOME": bus.directory.path, "XDG_CONFIG_HOME": bus.directory.path]
    }

    public func startDunst() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(findTool("dunst")))
        process.arguments = ["-config", file("dunstrc").path]
        process.environment = bus.environment.merging(environment) { $1 }
        _ = FileManager.default.createFile(atPath: file("dunst.log").path, contents: nil)
        let log = try FileHandle(forWritingTo: file("dunst.log"))
        try log.seekToEnd()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        dunst = process
    }

    public func stopDunst() {
        if let dunst { stopChild(dunst) }
        dunst = nil
    }

    /// Lets the bus start dunst on demand, as desktops ship it (`org.freedesktop.Notifications.service`).
    public func makeDunstActivatable() throws {
        let dunstPath = try #require(findTool("dunst"))
        try write("services/org.freedesktop.Notifications.service", """
            [D-BUS Service]
            Name=org.freedesktop.Notifications
            Exec=/usr/bin/env DISPLAY=\(display) HOME=\(bus.directory.path) \(dunstPath) -config \(file("dunstrc").path)
            """)
    }

    /// The bus started that dunst, so only the bus knows its pid.
    public func stopActivatedDunst() {
        let reply = try? bus.runTool("dbus-send", [
            "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
            "org.freedesktop.DBus.GetConnectionUnixProcessID", "string:org.freedesktop.Notifications",
        ])
        if let pid = reply?.split(separator: " ").last.flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
            kill(pid, SIGKILL)
        }
    }

    @discardableResult
    public func dunstctl(_ arguments: String...) throws -> String {
        try bus.runTool("dunstctl", arguments, environment: environment).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until dunst's bubble is mapped on the screen (not merely received), so a click
    /// lands on it; false when it is not within `timeout` seconds.
    public func bubbleIsOnScreen(within timeout: Int = 3) -> Bool {
        (try? bus.runTool(
            "timeout", ["\(timeout)", "xdotool", "search", "--sync", "--onlyvisible", "--class", "Dunst"],
            environment: environment)) != nil
    }

    public func click(x: Int, y: Int) throws {
        try bus.runTool("xdotool", ["mousemove", "\(x)", "\(y)", "click", "1"], environment: environment)
    }

    /// Which action key the context menu script picks; nil picks nothing.
    public func pick(_ key: String?) throws { try write("pick", key ?? "nothing") }

    /// The `DUNST_*` fields of each sitbreak notification dunst showed, oldest first.
    public var shown: [[String: String]] {
        let text = (try? String(contentsOf: file("shown.log"), encoding: .utf8)) ?? ""
        return text.components(separatedBy: "---\n").dropLast().map { record in
            var fields: [String: String] = [:]
            for line in record.split(separator: "\n") {
                guard let equals = line.firstIndex(of: "=") else { continue }
                fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
            }
            return fields
        }
    }

    /// The lines dunst offered in its context menus.
    public var menu: [String] {
        ((try? String(contentsOf: file("menu.log"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    public var dunstLog: String { (try? String(contentsOf: file("dunst.log"), encoding: .utf8)) ?? "" }

    private func write(_ name: String, _ text: String, executable: Bool = false) throws {
        try (text + "\n").write(to: file(name), atomically: true, encoding: .utf8)
        if executable { chmod(file(name).path, 0o755) }
    }

    /// Xvfb on the first free display from a random start, so parallel test runs do not collide.
    private static func startXvfb() throws -> (Process, String) {
        let first = Int.random(in: 100..<600)
        for number in first..<(first + 50) where !FileManager.default.fileExists(atPath: "/tmp/.X\(number)-lock") {
            removeDisplayFiles(":\(number)")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try #require(findTool("Xvfb")))
            process.arguments = [":\(number)", "-screen", "0", "1280x800x24", "-nolisten", "tcp"]
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            process.standardError = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            for _ in 0..<250 where process.isRunning {
                if FileManager.default.fileExists(atPath: "/tmp/.X11-unix/X\(number)") { return (process, ":\(number)") }
                usleep(20_000)
            }
            stopChild(process)
            removeDisplayFiles(":\(number)")
        }
        throw HarnessFailure("Xvfb did not start on any display from :\(first)")
    }
}
