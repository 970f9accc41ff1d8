import Foundation
import SitBreakEventLoop
import SitBreakModel
import SitBreakPresentation
import SitBreakTestSupport
import Testing

@testable import SitBreakBus

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
        // Never expires: dunst would close a normal notification after 10 s.
        #expect(shown["DUNST_TIMEOUT"] == "0")
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

    @Test func aRepeatedReminderReplacesTheFirstInStrongerWordsButNeverCritical() throws {
        let desktop = try PrivateDesktop()
        try desktop.startDunst()
        let client = try NotifierClient(desktop)
        let first = try client.notify(try client.reminder(level: 1))
        #expect(run(client.loop) { desktop.shown.count == 1 })
        let again = try client.notify(try client.reminder(level: 3), replacing: first)
        #expect(again == first)
        #expect(run(client.loop) { desktop.shown.count == 2 })
        // Critical would pass the user's do-not-disturb.
        #expect(desktop.shown.last?["DUNST_URGENCY"] == "NORMAL")
        #expect(desktop.shown.last?["DUNST_SUMMARY"] == "Please get up now — 47m sitting (reminder 3)")
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
        // The rule script runs when dunst receives the notification, a moment before the bubble
        // is drawn: wait until its window is mapped.
        #expect(run(client.loop) { (try? desktop.dunstctl("count", "displayed")) == "1" })
        #expect(desktop.bubbleIsOnScreen())
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

    @Test func aServerTheBusStartedThatDiesIsAskedForAgain() throws {
        let desktop = try PrivateDesktop()
        try desktop.makeDunstActivatable()
        let client = try NotifierClient(desktop)
        defer { desktop.stopActivatedDunst() }
        desktop.stopActivatedDunst()
        #expect(run(client.loop) { client.events.last == .availabilityChanged(false) })
        client.notifier.requestServer()
        #expect(run(client.loop) { client.events.last == .availabilityChanged(true) })
        #expect(client.notifier.serverName == "dunst")
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
            ReminderText(reminder, offer: move.map { CoachOffer(line: $0) }), breakInProgress: false, snooze: 600, sound: "",
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
