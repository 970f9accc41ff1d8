import SitBreakDisplay
import SitBreakEventLoop
import SitBreakModel

/// The Wayland compositor's idle notifications (`ext-idle-notify-v1`, or `org_kde_kwin_idle` on
/// sway 1.7 and older KWin: `WaylandIdleNotifier`): one notification with the break length as
/// its timeout says `idled` when the user has been away that long and `resumed` at their
/// return, for every absence. Nothing is polled. A compositor that goes away is tried again
/// after a minute, then less and less often (`RetryBackoff`).
///
/// The protocol tells nothing about the idleness before the request: the first absence counts
/// from the moment the source starts.
final class WaylandActivitySource: ActivitySource {
    let kind = ActivitySourceKind.wayland
    private let displayName: String?
    private let breakLength: Seconds
    private let outlet: ActivityOutlet
    private let link: DisplayServerLink<WaylandIdleNotifier>?
    private var started = false
    /// Since when the compositor has said `idled` (no input since then), until `resumed`.
    private var idledSince: Seconds?

    init(displayName: String?, breakLength: Seconds, loop: EventLoop, outlet: ActivityOutlet) {
        self.displayName = displayName
        self.breakLength = breakLength
        self.outlet = outlet
        link = displayName.map { name in
            DisplayServerLink(serverName: "the Wayland compositor at WAYLAND_DISPLAY=\(name)", loop: loop) {
                () throws(DisplayServerUnavailable) in try WaylandIdleNotifier(displayName: name)
            }
        }
        connect(at: ClockReading.now().boot)
    }

    private var notifier: WaylandIdleNotifier? { link?.connection }

    /// Only to try the compositor again: connected, nothing is polled.
    var nextLook: Seconds? { link?.retryAt }

    var unavailableReason: String? {
        guard displayName != nil else {
            return "no WAYLAND_DISPLAY handed over (not a Wayland session, or the desktop did not pass it on)"
        }
        return notifier == nil ? link?.problem : nil
    }

    /// The protocol says only whether the user has been idle for the break length: while not,
    /// the last input is taken to be now, so the countdown waits for the `idled` event.
    func lastInput(at now: Moment, reply: @escaping (Seconds?) -> Void) {
        guard notifier != nil, started else { return reply(nil) }
        reply(idledSince ?? now.boot)
    }

    func start(at now: Moment) {
        started = true
        idledSince = nil
        if notifier?.watch(idleAfter: breakLength) == false { lost(at: now.boot) }
    }

    func stop() {
        started = false
        notifier?.stopWatching()
    }

    /// ext-idle-notify says `resumed` only after `idled`: a lock that was only asked for ends here
    /// at the first input after the next absence, or with `Unlock`.
    func reportNextInput() {}

    /// Only called to try the compositor again after it went away.
    func look(at now: Moment) -> [SittingEvent] {
        guard notifier == nil, connect(at: now.boot) else { return [] }
        if started, notifier?.watch(idleAfter: breakLength) == false {
            lost(at: now.boot)
            return []
        }
        outlet.availabilityChanged()
        return []
    }

    @discardableResult
    private func connect(at now: Seconds) -> Bool {
        link?.connect(at: now) { [weak self] in self?.compositorSpoke() } ?? false
    }

    private func compositorSpoke() {
        guard let notifier else { return }
        guard let events = notifier.takeEvents() else {
            lost(at: ClockReading.now().boot)
            return
        }
        guard started else { return }
        for event in events {
            let now = ClockReading.now().boot
            switch event {
            case .idled:
                idledSince = now - breakLength
                outlet.report(.idle(since: now - breakLength), .input(kind))
            case .resumed:
                idledSince = nil
                outlet.report(.input(at: now), .input(kind))
            }
        }
    }

    private func lost(at now: Seconds) {
        link?.lose(at: now)
        outlet.availabilityChanged()
    }
}
