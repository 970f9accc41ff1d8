import SitBreakCore
import SitBreakOS

/// The Wayland compositor's `ext-idle-notify-v1` (KWin, sway, Hyprland, niri, ...): one
/// notification with the break length as its timeout says `idled` when the user has been away
/// that long and `resumed` at their return, for every absence. Nothing is polled. A compositor
/// that goes away is tried again after a minute, then less and less often (`RetryBackoff`).
///
/// The protocol tells nothing about the idleness before the request: the first absence counts
/// from the moment the source starts.
final class WaylandActivitySource: ActivitySource {
    let kind = ActivitySourceKind.wayland
    private let displayName: String?
    private let breakLength: Seconds
    private let loop: EventLoop
    private let outlet: ActivityOutlet
    private var notifier: WaylandIdleNotifier?
    private var socketWatch: IOHandle?
    private var problem: String?
    private var started = false
    private(set) var nextLook: Seconds?
    private var backoff = RetryBackoff(first: 60, last: 900)

    init(displayName: String?, breakLength: Seconds, loop: EventLoop, outlet: ActivityOutlet) {
        self.displayName = displayName
        self.breakLength = breakLength
        self.loop = loop
        self.outlet = outlet
        connect(at: ClockReading.now().boot)
    }

    var unavailableReason: String? {
        guard displayName != nil else {
            return "no WAYLAND_DISPLAY in the service's environment (not a Wayland session, or the desktop did not "
                + "pass it on) — run `systemctl --user import-environment WAYLAND_DISPLAY && systemctl --user restart sitbreak`"
        }
        return notifier == nil ? problem : nil
    }

    func start(at now: Moment) {
        started = true
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
        guard notifier == nil else { return [] }
        connect(at: now.boot)
        guard notifier != nil else { return [] }
        nextLook = nil
        if started, notifier?.watch(idleAfter: breakLength) == false {
            lost(at: now.boot)
            return []
        }
        outlet.availabilityChanged()
        return []
    }

    private func connect(at now: Seconds) {
        guard let displayName else { return }
        do {
            let notifier = try WaylandIdleNotifier(displayName: displayName)
            socketWatch = try loop.addIO(fd: notifier.fileDescriptor) { [weak self] _ in self?.compositorSpoke() }
            self.notifier = notifier
            problem = nil
            backoff.reset()
        } catch let unavailable as WaylandUnavailable {
            problem = unavailable.description
            nextLook = now + backoff.delay()
        } catch {
            problem = "cannot watch the Wayland connection: \(error)"
            nextLook = now + backoff.delay()
        }
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
            case .idled: outlet.report(.idle(since: now - breakLength), .input(kind))
            case .resumed: outlet.report(.input(at: now), .input(kind))
            }
        }
    }

    private func lost(at now: Seconds) {
        // The watch goes before the connection closes its socket (`IOHandle.remove`).
        socketWatch?.remove()
        socketWatch = nil
        notifier = nil
        problem = "the Wayland compositor at WAYLAND_DISPLAY=\(displayName ?? "") went away"
        nextLook = now + backoff.delay()
        outlet.availabilityChanged()
    }
}
