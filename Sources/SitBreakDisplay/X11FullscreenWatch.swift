import Glibc

/// Whether the focused window covers the screen, as the window manager says it through EWMH:
/// the root window's `_NET_ACTIVE_WINDOW`, and that window's `_NET_WM_STATE` holding
/// `_NET_WM_STATE_FULLSCREEN`. Both are followed through `PropertyNotify` events on a
/// connection of its own: nothing is polled.
///
/// One connection, used from the loop's thread only. Where no window manager sets these
/// properties, nothing is ever fullscreen.
public final class X11FullscreenWatch: DisplayServerConnection {
    private let connection: XConnection
    private var xlib: Xlib { connection.xlib }
    private var display: OpaquePointer { connection.display }
    private let root: UInt
    private let activeWindowAtom: UInt
    private let stateAtom: UInt
    private let fullscreenAtom: UInt
    private var activeWindow: UInt = 0

    /// The focused window is fullscreen.
    public private(set) var isFullscreen = false

    /// Connects to `displayName` with the cookie in `authority` (as `X11IdleCounter` does).
    public init(displayName: String, authority: String?) throws(DisplayServerUnavailable) {
        connection = try XConnection(displayName: displayName, authority: authority)
        let xlib = connection.xlib
        let display = connection.display
        root = xlib.defaultRootWindow(display)
        activeWindowAtom = xlib.internAtom(display, "_NET_ACTIVE_WINDOW", 0)
        stateAtom = xlib.internAtom(display, "_NET_WM_STATE", 0)
        fullscreenAtom = xlib.internAtom(display, "_NET_WM_STATE_FULLSCREEN", 0)
        _ = xlib.selectInput(display, root, Xlib.propertyChangeMask)
        followActiveWindow()
        _ = xlib.flush(display)
    }

    public var fileDescriptor: Int32 { connection.fileDescriptor }

    /// Reads what the server sent; true when `isFullscreen` changed, nil once the connection is
    /// broken (the server went away).
    public func takeChanges() -> Bool? {
        let before = isFullscreen
        let event = UnsafeMutableRawPointer.allocate(byteCount: Xlib.eventSize, alignment: 16)
        defer { event.deallocate() }
        var relevant = false
        while !connection.isBroken, xlib.pending(display) > 0 {
            _ = xlib.nextEvent(display, event)
            // XPropertyEvent on LP64 (LP64Layouts.swift): int type @0; ... Window window @32; Atom atom @40.
            guard event.load(as: Int32.self) == Xlib.propertyNotify else { continue }
            let window = event.load(fromByteOffset: 32, as: UInt.self)
            let atom = event.load(fromByteOffset: 40, as: UInt.self)
            if (window == root && atom == activeWindowAtom) || (window == activeWindow && atom == stateAtom) { relevant = true }
        }
        guard !connection.isBroken else { return nil }
        if relevant { followActiveWindow() }
        _ = xlib.flush(display)
        return isFullscreen != before
    }

    /// Reads the active window and its state again, and listens to the new one's properties.
    private func followActiveWindow() {
        let active = xlib.longs(of: root, activeWindowAtom, on: display)?.first ?? 0
        if active != activeWindow {
            // The old window may be gone already: the error is ignored (`XConnection`).
            if activeWindow != 0 { _ = xlib.selectInput(display, activeWindow, 0) }
            if active != 0 { _ = xlib.selectInput(display, active, Xlib.propertyChangeMask) }
            activeWindow = active
        }
        let state = active == 0 ? [] : (xlib.longs(of: active, stateAtom, on: display) ?? [])
        isFullscreen = state.contains(fullscreenAtom)
    }
}

// Bound to the thread of the event loop that dispatches its callbacks: never to be shared.
@available(*, unavailable) extension X11FullscreenWatch: Sendable {}
