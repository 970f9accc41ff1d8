import Logging
import SitBreakDesktop
import SitBreakDisplay
import SitBreakEventLoop
import SitBreakFiles
import SitBreakModel

/// What keeps the user at the desk without input, or makes a reminder unwelcome, as the
/// machine shows it (`Engagement`): idle inhibitors, screen sharing and a fullscreen window
/// are announced and followed as they change; a call is seen only in `/proc` (`CallDevices`),
/// read when the model is about to decide something (`refreshCalls`), never on a timer.
final class EngagementWatch {
    private let loop: EventLoop
    private let logger: Logger
    private let calls: CallDevices
    private let inhibitors: IdleInhibitorWatch
    private let sharing: ScreenShareWatch
    private var desktop = DesktopEnvironment()
    private var fullscreen: X11FullscreenWatch?
    private var fullscreenWatch: IOHandle?
    private var callIsOn = false

    /// The set changed.
    var onChange: (Set<Engagement>) -> Void = { _ in }

    private(set) var current: Set<Engagement> = []

    init(session: SessionBusLink, loop: EventLoop, calls: CallDevices, logger: Logger) {
        self.loop = loop
        self.logger = logger
        self.calls = calls
        inhibitors = IdleInhibitorWatch(session: session, loop: loop)
        sharing = ScreenShareWatch(session: session, loop: loop)
        inhibitors.onChange = { [weak self] in self?.update() }
        sharing.onChange = { [weak self] in self?.update() }
        callIsOn = calls.read().callIsOn
        current = signals
    }

    /// A call is on only as `/proc` says it now: read it before a decision. Returns the new
    /// set when it changed, for the caller to step before its decision (`onChange` is not called).
    func refreshCalls() -> Set<Engagement>? {
        callIsOn = calls.read().callIsOn
        if fullscreen == nil { connectFullscreen() }
        return takeChange()
    }

    /// The desktop's display changed: its fullscreen windows are followed there.
    func desktopChanged(_ environment: DesktopEnvironment) {
        guard environment != desktop else { return }
        desktop = environment
        disconnectFullscreen()
        connectFullscreen()
        update()
    }

    /// What can be seen here, for `status` and `doctor`: each signal and where it comes from.
    var visibility: [String] {
        let devices = calls.visible
        var seen = [
            "call: \(devices.captureDevices) capture device(s) in /proc/asound, \(devices.cameras) camera(s) in /dev, read at each decision"
        ]
        seen.append(fullscreen != nil
            ? "fullscreen: the window manager's _NET_WM_STATE on DISPLAY=\(desktop.display ?? "")"
            : "fullscreen: not seen (only an X11 window manager says which window is fullscreen)")
        seen.append(sharing.problem.map { "presentation: \($0)" } ?? "presentation: screen-cast sessions of the desktop portal and GNOME")
        seen.append(inhibitors.watching.isEmpty
            ? "idle inhibitors: no GNOME session manager, KDE power management or logind here"
            : "idle inhibitors: \(inhibitors.watching.sorted().joined(separator: ", "))")
        return seen
    }

    private var signals: Set<Engagement> {
        var signals: Set<Engagement> = []
        if callIsOn { signals.insert(.call) }
        if sharing.sharing { signals.insert(.presentation) }
        if fullscreen?.isFullscreen == true { signals.insert(.fullscreen) }
        if inhibitors.inhibited { signals.insert(.idleInhibited) }
        return signals
    }

    private func update() {
        if let changed = takeChange() { onChange(changed) }
    }

    private func takeChange() -> Set<Engagement>? {
        let now = signals
        guard now != current else { return nil }
        logger.info("engaged: \(now.isEmpty ? "nothing" : now.sorted().map(\.rawValue).joined(separator: ", "))")
        current = now
        return now
    }

    private func connectFullscreen() {
        guard let display = desktop.display,
            let watch = try? X11FullscreenWatch(displayName: display, authority: desktop.xAuthority)
        else { return }
        fullscreen = watch
        fullscreenWatch = try? loop.addIO(fd: watch.fileDescriptor) { [weak self] _ in self?.fullscreenSpoke() }
    }

    private func disconnectFullscreen() {
        // The watch goes before the connection closes its socket.
        fullscreenWatch?.remove()
        fullscreenWatch = nil
        fullscreen = nil
    }

    private func fullscreenSpoke() {
        guard let fullscreen else { return }
        switch fullscreen.takeChanges() {
        case nil:
            // The X server went away: tried again at the next decision or hand-over.
            disconnectFullscreen()
            update()
        case true?: update()
        case false?: break
        }
    }
}
