import Foundation
import Testing

/// What sitbreakd can see of calls, videos and slides on a machine with no display and no
/// session bus: `status` (and `doctor`, which shows it) says what it cannot see, and why.
@Suite struct EngagementSignalsTests {
    @Test func withNoDisplayAndNoSessionBusTheSignalsThatCannotBeSeenSaySo() throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        let signals = try #require(harness.status()["engagement_signals"] as? [String])
        #expect(signals.count == 4, "\(signals)")
        #expect(signals.contains { $0.hasPrefix("call: ") && $0.hasSuffix("read at each decision") }, "\(signals)")
        #expect(signals.contains("fullscreen: not seen (only an X11 window manager says which window is fullscreen)"))
        #expect(signals.contains("presentation: not seen (no session bus, where screen-cast sessions start)"))
        #expect(signals.contains("idle inhibitors: no GNOME session manager, KDE power management or logind here"))
        let doctor = harness.ctl("doctor")
        #expect(doctor.output.contains("presentation: not seen (no session bus"), "\(doctor.output)")
    }
}
