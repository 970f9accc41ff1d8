import CSystemd
import Glibc
import SitBreakModel

/// The daemon's one event loop: an `sd_event` dispatching timers, file descriptors and
/// signals to Swift closures on the thread that calls `run()`. Not thread-safe by design.
///
/// Every `add…` returns a handle that owns its event source: the callback stays registered
/// while the handle is alive, and releasing the handle removes it.
public final class EventLoop {
    /// The kernel clock a timer is set on.
    public enum Clock: Sendable {
        /// Counts time suspended: for "N minutes of real time from now".
        case boottime
        /// Stops during suspend.
        case monotonic
        /// Wall-clock time; jumps when the clock is set.
        case realtime

        var id: clockid_t {
            switch self {
            case .boottime: CLOCK_BOOTTIME
            case .monotonic: CLOCK_MONOTONIC
            case .realtime: CLOCK_REALTIME
            }
        }
    }

    /// The `sd_event *`, for `sd_bus_attach_event` and the like.
    public let rawPointer: OpaquePointer

    public init() throws(SyscallError) {
        var event: OpaquePointer?
        let result = sd_event_new(&event)
        guard result >= 0, let event else { throw SyscallError("sd_event_new", code: -result) }
        rawPointer = event
    }

    deinit { sd_event_unref(rawPointer) }

    /// Blocks `signals` for the calling thread and every thread it starts later, so that
    /// `onSignal` can receive them through a signalfd. Call first thing in `main`.
    public static func blockSignals(_ signals: [Int32]) {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Dispatches events until `exit(code:)`; returns that code.
    public func run() throws(SyscallError) -> Int32 {
        let result = sd_event_loop(rawPointer)
        guard result >= 0 else { throw SyscallError("sd_event_loop", code: -result) }
        return result
    }

    /// Makes `run()` return `code` once the current callback returns.
    public func exit(code: Int32) {
        // Fails only when the loop already finished, and then there is nothing left to stop.
        _ = sd_event_exit(rawPointer, code)
    }

    /// Loop iterations so far: each one is a wake-up that dispatched one event source,
    /// including sources sd-event runs itself (watchdog pings, an attached sd-bus).
    public var wakeUps: UInt64 {
        var iterations: UInt64 = 0
        _ = sd_event_get_iteration(rawPointer, &iterations)
        return iterations
    }

    /// `clock` as of the start of this loop iteration (or now, before the loop runs).
    public func now(_ clock: Clock) -> Seconds {
        var usec: UInt64 = 0
        guard sd_event_now(rawPointer, clock.id, &usec) >= 0 else { return readClock(clock.id) }
        return Seconds(usec) / 1e6
    }

    /// Sends `WATCHDOG=1` from the loop itself at half of `$WATCHDOG_USEC`, so a hung loop
    /// stops the pings. Returns false when the service manager asked for no watchdog.
    @discardableResult
    public func enableWatchdog() throws(SyscallError) -> Bool {
        let result = sd_event_set_watchdog(rawPointer, 1)
        guard result >= 0 else { throw SyscallError("sd_event_set_watchdog", code: -result) }
        return result > 0
    }

    /// A one-shot timer firing at `at` seconds on `clock`, up to `accuracy` seconds late so
    /// that the kernel can fold it into other wake-ups.
    public func addTimer(
        clock: Clock, at time: Seconds, accuracy: Seconds, _ fire: @escaping () -> Void
    ) throws(SyscallError) -> TimerHandle {
        let callback = Callback(fire)
        var source: OpaquePointer?
        let result = sd_event_add_time(
            rawPointer, &source, clock.id, microseconds(time), max(1, microseconds(accuracy)),
            { _, _, userdata in
                Callback<() -> Void>.from(userdata) { $0() }
                return 0
            },
            callback.pointer)
        guard result >= 0, let source else { throw SyscallError("sd_event_add_time", code: -result) }
        return TimerHandle(OwnedSource(source, callback))
    }

    /// Calls `handler` with the ready events whenever `fd` is ready for `events`.
    public func addIO(
        fd: Int32, events: IOEvents = .readable, _ handler: @escaping (IOEvents) -> Void
    ) throws(SyscallError) -> IOHandle {
        let callback = Callback(handler)
        var source: OpaquePointer?
        let result = sd_event_add_io(
            rawPointer, &source, fd, events.rawValue,
            { _, _, revents, userdata in
                Callback<(IOEvents) -> Void>.from(userdata) { $0(IOEvents(rawValue: revents)) }
                return 0
            },
            callback.pointer)
        guard result >= 0, let source else {
            throw SyscallError("sd_event_add_io", "fd \(fd)", code: -result)
        }
        return IOHandle(OwnedSource(source, callback))
    }

    /// Calls `handler` when `signal` arrives. The signal must be blocked first (`blockSignals`).
    public func onSignal(_ signal: Int32, _ handler: @escaping () -> Void) throws(SyscallError) -> SignalHandle {
        let callback = Callback(handler)
        var source: OpaquePointer?
        let result = sd_event_add_signal(
            rawPointer, &source, signal,
            { _, _, userdata in
                Callback<() -> Void>.from(userdata) { $0() }
                return 0
            },
            callback.pointer)
        guard result >= 0, let source else {
            throw SyscallError("sd_event_add_signal", "signal \(signal)", code: -result)
        }
        return SignalHandle(OwnedSource(source, callback))
    }
}

/// epoll event bits, as `sd_event_add_io` takes and reports them.
public struct IOEvents: OptionSet, Sendable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let readable = IOEvents(rawValue: EPOLLIN.rawValue)
    public static let writable = IOEvents(rawValue: EPOLLOUT.rawValue)
    /// Reported whether asked for or not.
    public static let error = IOEvents(rawValue: EPOLLERR.rawValue)
    /// Reported whether asked for or not.
    public static let hangUp = IOEvents(rawValue: EPOLLHUP.rawValue)
}

/// A timer from `EventLoop.addTimer`.
public final class TimerHandle {
    private let owned: OwnedSource
    fileprivate init(_ owned: OwnedSource) { self.owned = owned }

    /// Arms the timer again (also after it fired or was cancelled) for `time` on its clock.
    public func reschedule(at time: Seconds) {
        guard let source = owned.source else { return }
        // These fail only on a finished loop, where no timer can fire anyway.
        _ = sd_event_source_set_time(source, microseconds(time))
        _ = sd_event_source_set_enabled(source, Int32(SD_EVENT_ONESHOT))
    }

    /// Stops the timer from firing until the next `reschedule`.
    public func cancel() {
        guard let source = owned.source else { return }
        _ = sd_event_source_set_enabled(source, Int32(SD_EVENT_OFF))
    }
}

/// A watched file descriptor from `EventLoop.addIO`.
public final class IOHandle {
    private let owned: OwnedSource
    fileprivate init(_ owned: OwnedSource) { self.owned = owned }

    /// Changes which readiness events are reported.
    public func setEvents(_ events: IOEvents) throws(SyscallError) {
        guard let source = owned.source else { return }
        let result = sd_event_source_set_io_events(source, events.rawValue)
        guard result >= 0 else { throw SyscallError("sd_event_source_set_io_events", code: -result) }
    }

    /// Stops watching for good. Call before closing the fd: a later removal of a source whose
    /// fd number was reused would unregister the new fd from epoll.
    public func remove() { owned.release() }
}

/// A signal subscription from `EventLoop.onSignal`.
public final class SignalHandle {
    private let owned: OwnedSource
    fileprivate init(_ owned: OwnedSource) { self.owned = owned }
}

/// An `sd_event_source` reference together with the closure its C callback reaches through
/// `userdata`; the closure lives exactly as long as the source can dispatch.
private final class OwnedSource {
    private(set) var source: OpaquePointer?
    private var callback: AnyObject?

    init(_ source: OpaquePointer, _ callback: AnyObject) {
        self.source = source
        self.callback = callback
    }

    func release() {
        if let source { sd_event_source_disable_unref(source) }
        source = nil
        callback = nil
    }

    deinit { release() }
}

/// A Swift closure boxed so that C can carry it as `void *userdata`.
private final class Callback<Handler> {
    let handler: Handler
    /// The thread that registered it, which runs the loop: the only one it may be called on.
    private let thread = pthread_self()

    init(_ handler: Handler) { self.handler = handler }

    var pointer: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ userdata: UnsafeMutableRawPointer?, _ call: (Handler) -> Void) {
        guard let userdata else { return }
        let callback = Unmanaged<Callback>.fromOpaque(userdata).takeUnretainedValue()
        assert(pthread_equal(pthread_self(), callback.thread) != 0, "an event loop callback entered on another thread")
        // The handler may release its own handle; keep the box alive until it returns.
        withExtendedLifetime(callback) { call(callback.handler) }
    }
}

private func microseconds(_ seconds: Seconds) -> UInt64 {
    guard seconds > 0 else { return 0 }
    guard seconds < Seconds(UInt64.max / 2) / 1e6 else { return UInt64.max }
    return UInt64((seconds * 1e6).rounded(.up))
}

// Bound to the thread of the event loop that dispatches its callbacks: never to be shared.
@available(*, unavailable) extension EventLoop: Sendable {}
@available(*, unavailable) extension TimerHandle: Sendable {}
@available(*, unavailable) extension IOHandle: Sendable {}
@available(*, unavailable) extension SignalHandle: Sendable {}
