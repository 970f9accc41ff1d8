import Foundation
import SitBreakCore
import Testing

@testable import SitBreakOS

/// The notifier against a real notification server: dunst on a private X display (Xvfb) and
/// a private session bus. What dunst received is read back the way a user would see it
/// (`dunstctl`), plus a dunst rule script that records each notification's fields.
@Suite(.serialized, .enabled(if: PrivateDesktop.canRun, "needs dbus-daemon, Xvfb, dunst and xdotool"))
struct DesktopNotifierTests {
    @Test func aReminderAppearsWithItsTextButtonsAndHints() throws {
        let desktop = try PrivateDesktop()
        try desktop.startDunst()
        let client = try NotifierClient(desktop)
        let content = try client.reminder(level: 1)
        let id = try client.notify(content)

        #expect(run(client.loop) { desktop.shown.count == 1 })
        let shown = try #require(desktop.shown.last)
        #expect(shown["DUNST_ID"] == "\(id)")
        #expect(shown["DUNST_APP_NAME"] == "sitbreak")
        #expect(shown["DUNST_SUMMARY"] == "Time to stand up — 47m sitting")
        #expect(shown["DUNST_BODY"] == content.body)
        #expect(shown["DUNST_URGENCY"] == "NORMAL")
        #expect(shown["DUNST_CATEGORY"] == "x-sitbreak.reminder")
        #expect(shown["DUNST_DESKTOP_ENTRY"] == "sitbreak")
        #expect(try desktop.dunstctl("count", "displayed") == "1")

        try desktop.pick(nil)
        try desktop.dunstctl("context")
        #expect(run(client.loop) { desktop.menu.count == 3 })
        let summary = content.summary
        #expect(Set(desktop.menu) == [
            "#Start break (\(summary)) [\(id),default]", "#Snooze 10 min (\(summary)) [\(id),snooze]",
            "#Skip (\(summary)) [\(id),skip]",
        ])

        try client.notifier.close(id)
        #expect(run(client.loop) { client.events.contains(.closed(id: id, .closedByCall)) })
        let history = try desktop.dunstctl("history")
        #expect(history.contains(summary))
        #expect(history.contains(content.body))
    }

    @Test func aRepeatedReminderReplacesTheFirstAndTurnsCritical() throws {
        let desktop = try PrivateDesktop()
        try desktop.startDunst()
        let client = try NotifierClient(desktop)
        let first = try client.notify(try client.reminder(level: 1))
        #expect(run(client.loop) { desktop.shown.count == 1 })
        let again = try client.notify(try client.reminder(level: 3), replacing: first)
        #expect(again == first)
        #expect(run(client.loop) { desktop.shown.count == 2 })
        #expect(desktop.shown.last?["DUNST_URGENCY"] == "CRITICAL")
        #expect(desktop.shown.last?["DUNST_SUMMARY"] == "Time to stand up — 47m sitting (reminder 3)")
        #expect(desktop.shown.last?["DUNST_ID"] == "\(first)")
        #expect(try desktop.dunstctl("count", "displayed") == "1")
    }

    @Test func onlyTheServersOwnActionReachesTheCaller() throws {
        let desktop = try PrivateDesktop()
        try desktop.startDunst()
        let client = try NotifierClient(desktop)
        let id = try client.notify(try client.reminder(level: 1))
        let ourName = try #require(client.bus.uniqueName)

        // Impostors: another client broadcasting, and the same sent to us alone (which no
        // match rule on the bus daemon can filter).
        let fake = "/org/freedesktop/Notifications org.freedesktop.Notifications.ActionInvoked uint32:\(id) string:skip"
        try desktop.bus.send(signal: fake)
        try desktop.bus.send(signal: fake, to: ourName)
        // The real server, through its context menu: delivered after the fakes were.
        try desktop.pick("snooze")
        try desktop.dunstctl("context")
        #expect(run(client.loop) { client.actions.count == 1 })
        #expect(client.actions == [.actionInvoked(id: id, .snooze)])
    }

    @Test func clickingTheBubbleIsTheDefaultAction() throws {
        let desktop = try PrivateDesktop()
        try desktop.startDunst()
        let client = try NotifierClient(desktop)
        let id = try client.notify(try client.reminder(level: 1))
        #expect(run(client.loop) { desktop.shown.count == 1 })
        // dunst's default geometry: 300 px wide, 10 px from the right edge, 50 px from the top.
        try desktop.click(x: 1_100, y: 70)
        #expect(run(client.loop) { !client.actions.isEmpty })
        #expect(client.actions == [.actionInvoked(id: id, .startBreak)])
    }

    @Test func theServerLeavingAndComingBackFlipsAvailability() throws {
        let desktop = try PrivateDesktop()
        try desktop.startDunst()
        let client = try NotifierClient(desktop)
        let old = try client.notify(try client.reminder(level: 1))

        desktop.stopDunst()
        #expect(run(client.loop) { client.events.last == .availabilityChanged(false) })
        #expect(!client.notifier.isAvailable)
        #expect(client.notifier.whyUnavailable?.contains("nobody owns org.freedesktop.Notifications") == true)
        #expect(client.notifier.features == nil)
        // The old server's notification went with it: nothing to send.
        try client.notifier.close(old)

        try desktop.startDunst()
        #expect(run(client.loop) { client.events.last == .availabilityChanged(true) })
        #expect(client.notifier.whyUnavailable == nil)
        _ = try client.notify(try client.reminder(level: 2))
        #expect(run(client.loop) { desktop.shown.last?["DUNST_SUMMARY"]?.hasSuffix("(reminder 2)") == true })
    }

    @Test func markupInOurTextArrivesEscaped() throws {
        let desktop = try PrivateDesktop()
        try desktop.startDunst()
        let client = try NotifierClient(desktop)
        #expect(client.notifier.features?.readsBodyMarkup == true)
        _ = try client.notify(try client.reminder(level: 1, move: "<b>Lunge</b> & hold"))
        #expect(run(client.loop) { desktop.shown.count == 1 })
        #expect(desktop.shown.last?["DUNST_BODY"] == "Get up and move for 3m. Try: &lt;b&gt;Lunge&lt;/b&gt; &amp; hold")
    }

    @Test func doNotDisturbFollowsTheServersPause() throws {
        let desktop = try PrivateDesktop()
        try desktop.startDunst()
        let client = try NotifierClient(desktop)
        #expect(!client.notifier.doNotDisturb)
        try desktop.dunstctl("set-paused", "true")
        #expect(run(client.loop) { client.events.last == .doNotDisturbChanged(true) })
        #expect(client.notifier.doNotDisturb)
        try desktop.dunstctl("set-paused", "false")
        #expect(run(client.loop) { client.events.last == .doNotDisturbChanged(false) })
    }

    @Test func aServerTheBusCanStartIsStartedWhenNoneRuns() throws {
        let desktop = try PrivateDesktop()
        try desktop.makeDunstActivatable()
        let client = try NotifierClient(desktop)
        defer { desktop.stopActivatedDunst() }
        let id = try client.notify(try client.reminder(level: 1))
        #expect(run(client.loop) { desktop.shown.count == 1 })
        #expect(desktop.shown.last?["DUNST_ID"] == "\(id)")
    }

    @Test func withoutAnyServerItSaysWhy() throws {
        let bus = try PrivateBus()
        let loop = try EventLoop()
        let connection = try BusConnection(address: bus.address, loop: loop)
        var events: [DesktopNotifier.Event] = []
        let notifier = try DesktopNotifier(bus: connection) { events.append($0) }
        #expect(run(loop) { notifier.whyUnavailable?.contains("nothing provides") == true })
        #expect(notifier.whyUnavailable == "no notification server on the session bus (nothing provides org.freedesktop.Notifications)")
        #expect(!notifier.isAvailable)
        #expect(events.isEmpty)
    }

    @Test func losingTheBusMakesItUnavailable() throws {
        let desktop = try PrivateDesktop()
        try desktop.startDunst()
        let client = try NotifierClient(desktop)
        let content = try client.reminder(level: 1)
        desktop.bus.stop()
        #expect(run(client.loop) { client.events.last == .availabilityChanged(false) })
        #expect(client.notifier.whyUnavailable == "the connection to the session bus was lost")
        #expect(throws: BusError.self) { try client.notify(content) }
    }
}

/// A notifier on its own loop and connection, with everything it reported.
final class NotifierClient {
    let loop: EventLoop
    let bus: BusConnection
    private(set) var notifier: DesktopNotifier!
    private(set) var events: [DesktopNotifier.Event] = []

    /// Connects and waits until the server is available.
    init(_ desktop: PrivateDesktop) throws {
        loop = try EventLoop()
        bus = try BusConnection(address: desktop.bus.address, loop: loop)
        notifier = try DesktopNotifier(bus: bus) { [unowned self] in events.append($0) }
        guard run(loop, until: { self.notifier.isAvailable }) else {
            throw HarnessFailure("no notification server: \(notifier.whyUnavailable ?? "?")\n\(desktop.dunstLog)")
        }
    }

    var actions: [DesktopNotifier.Event] {
        events.filter { if case .actionInvoked = $0 { true } else { false } }
    }

    func reminder(level: Int, move: String? = nil) throws -> NotificationContent {
        let reminder = Reminder(sittingSeconds: 2_820, level: level, breakLength: 180)
        return NotificationContent(
            ReminderText(reminder, move: move), urgency: reminder.urgency, breakInProgress: false, snooze: 600, sound: "",
            server: try #require(notifier.features))
    }

    /// Sends `content` and waits for its id.
    func notify(_ content: NotificationContent, replacing: UInt32? = nil) throws -> UInt32 {
        var answer: Result<UInt32, BusError>?
        try notifier.notify(content, replacing: replacing) { answer = $0 }
        guard run(loop, until: { answer != nil }), let answer else { throw HarnessFailure("Notify got no answer") }
        return try answer.get()
    }
}

/// Xvfb, a private session bus and (when started) dunst configured so that tests can see and
/// act on notifications: its context menu runs a script that picks the line named in a file,
/// and a rule script records every sitbreak notification it shows.
final class PrivateDesktop {
    let bus: PrivateBus
    let display: String
    private let xvfb: Process
    private var dunst: Process?

    static let canRun: Bool = {
        guard PrivateBus.canRun else { return false }
        let missing = ["Xvfb", "dunst", "dunstctl", "xdotool"].filter { findTool($0) == nil }
        if !missing.isEmpty {
            print("skipping desktop notification tests: \(missing.joined(separator: ", ")) not installed "
                + "(Debian: xvfb, dunst, xdotool)")
        }
        return missing.isEmpty
    }()

    private func file(_ name: String) -> URL { bus.directory.appendingPathComponent(name) }

    init() throws {
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

    var environment: [String: String] {
        ["DISPLAY": display, "HOME": bus.directory.path, "XDG_CONFIG_HOME": bus.directory.path]
    }

    func startDunst() throws {
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

    func stopDunst() {
        if let dunst { stopChild(dunst) }
        dunst = nil
    }

    /// Lets the bus start dunst on demand, as desktops ship it (`org.freedesktop.Notifications.service`).
    func makeDunstActivatable() throws {
        let dunstPath = try #require(findTool("dunst"))
        try write("services/org.freedesktop.Notifications.service", """
            [D-BUS Service]
            Name=org.freedesktop.Notifications
            Exec=/usr/bin/env DISPLAY=\(display) HOME=\(bus.directory.path) \(dunstPath) -config \(file("dunstrc").path)
            """)
    }

    /// The bus started that dunst, so only the bus knows its pid.
    func stopActivatedDunst() {
        let reply = try? bus.runTool("dbus-send", [
            "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
            "org.freedesktop.DBus.GetConnectionUnixProcessID", "string:org.freedesktop.Notifications",
        ])
        if let pid = reply?.split(separator: " ").last.flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
            kill(pid, SIGKILL)
        }
    }

    @discardableResult
    func dunstctl(_ arguments: String...) throws -> String {
        try bus.runTool("dunstctl", arguments, environment: environment).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func click(x: Int, y: Int) throws {
        try bus.runTool("xdotool", ["mousemove", "\(x)", "\(y)", "click", "1"], environment: environment)
    }

    /// Which action key the context menu script picks; nil picks nothing.
    func pick(_ key: String?) throws { try write("pick", key ?? "nothing") }

    /// The `DUNST_*` fields of each sitbreak notification dunst showed, oldest first.
    var shown: [[String: String]] {
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
    var menu: [String] {
        ((try? String(contentsOf: file("menu.log"), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    var dunstLog: String { (try? String(contentsOf: file("dunst.log"), encoding: .utf8)) ?? "" }

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
