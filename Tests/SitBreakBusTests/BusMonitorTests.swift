import SitBreakEventLoop
import SitBreakTestSupport
import Testing

@testable import SitBreakBus

/// A monitor hears method calls between other peers, every one of them: it never answers a
/// copied call, which would make the bus end it.
@Suite(.enabled(if: PrivateBus.canRun, "needs dbus-daemon"))
struct BusMonitorTests {
    @Test func everyMatchingCallIsHeardAndNothingElse() throws {
        let bus = try PrivateBus()
        let loop = try EventLoop()
        var heard: [String] = []
        var lost = false
        let monitor = try BusMonitor(
            address: bus.address, loop: loop,
            matching: ["type='method_call',interface='org.freedesktop.systemd1.Manager',member='SetEnvironment'"]
        ) { heard.append($0.member) }
        monitor.onDisconnect = { lost = true }
        func call(_ member: String, _ variable: String) {
            // The bus driver has no such method: the call fails, and the monitor saw it.
            _ = try? bus.runTool("dbus-send", [
                "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/systemd1",
                "org.freedesktop.systemd1.Manager.\(member)", "array:string:\(variable)",
            ])
        }
        // One at a time, each handled before the next is sent, as sessions hand over: a monitor
        // that answered the first would be gone before the second.
        for (index, variable) in ["DISPLAY=:1", "XAUTHORITY=/x", "WAYLAND_DISPLAY=wayland-0"].enumerated() {
            call("SetEnvironment", variable)
            #expect(run(loop) { heard.count == index + 1 })
        }
        call("UnsetEnvironment", "DISPLAY")
        call("SetEnvironment", "DISPLAY=:2")
        #expect(run(loop) { heard.count == 4 })
        #expect(heard == ["SetEnvironment", "SetEnvironment", "SetEnvironment", "SetEnvironment"])
        #expect(!lost)
        withExtendedLifetime(monitor) {}
    }
}
