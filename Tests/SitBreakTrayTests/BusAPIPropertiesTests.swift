import SitBreakBus
import SitBreakModel
import SitBreakProtocol
import SitBreakTestSupport
import Testing

@testable import SitBreakTray

/// sitbreak's session-bus properties for a status (docs/dbus-api.md), on a virtual desk
/// (sit limit 45 min).
@Suite struct BusAPIPropertiesTests {
    func status(_ configure: (inout VirtualDesk) -> Void) -> StatusReport {
        var desk = VirtualDesk()
        configure(&desk)
        return StatusReport(desk.status, activitySources: ["manual"], reminderChannels: ["terminal"], problems: [])
    }

    @Test(arguments: Engagement.holdable)
    func reminderHeldSaysWhatHoldsTheReminder(_ engagement: Engagement) {
        // A script on the bus reads the same words as `sitbreakctl status`, not a code to map.
        let held = status { $0.send(.engaged([engagement])); $0.pass(50 * minute) }
        #expect(BusAPI.properties(of: held)["ReminderHeld"] == .string(engagement.heldBecause))
    }

    @Test func reminderHeldIsEmptyWhenNothingIsHeld() {
        // D-Bus has no null: an empty string is "none", as the document says.
        #expect(BusAPI.properties(of: status { $0.pass(50 * minute) })["ReminderHeld"] == .string(""))
        #expect(BusAPI.properties(of: status { $0.send(.engaged([.call])); $0.pass(20 * minute) })["ReminderHeld"] == .string(""))
    }

    @Test func aHostIsToldWhenAHoldBeginsAndEnds() {
        // ReminderHeld is announced, so a panel applet need not poll to learn of a hold.
        let before = status { $0.send(.engaged([.call])); $0.pass(44 * minute) }
        let held = status { $0.send(.engaged([.call])); $0.pass(46 * minute) }
        #expect(BusAPI.changes(from: before, to: held)["ReminderHeld"] == .string("in a call"))
        #expect(BusAPI.changes(from: held, to: before)["ReminderHeld"] == .string(""))
    }
}
