import Glibc
import SitBreakModel

/// How long the X server has seen no keyboard or mouse input, from its MIT-SCREEN-SAVER
/// extension (`XScreenSaverQueryInfo`), through libX11 and libXss loaded at run time: sitbreak
/// installs and runs on machines without any X library. Where the server's SYNC extension has
/// the IDLETIME counter (and libXext is installed), alarms on it tell when idleness reaches a
/// length and when input comes, as KDE's KIdleTime does, so nobody has to ask.
///
/// One connection, used from the loop's thread only. Xlib's default is to end the process when
/// the server goes away; here that only marks the counter broken, and the owner opens a new one.
public final class X11IdleCounter: DisplayServerConnection {
    private let connection: XConnection
    private var xlib: Xlib { connection.xlib }
    private var display: OpaquePointer { connection.display }
    private let root: UInt
    private let info: UnsafeMutableRawPointer
    private let sync: SyncIdleTime?
    private var idleAlarm: UInt?
    private var inputAlarm: UInt?

    /// The display name, e.g. `:0`.
    public let displayName: String

    /// Connects to `displayName` with the cookie in the file `authority` (the session's
    /// `XAUTHORITY`; nil for Xlib's default, `~/.Xauthority`); the error says why idle time
    /// cannot be read there.
    public init(displayName: String, authority: String?) throws(DisplayServerUnavailable) {
        let connection = try XConnection(displayName: displayName, authority: authority)
        let xlib = connection.xlib
        let display = connection.display
        var eventBase: Int32 = 0
        var errorBase: Int32 = 0
        guard xlib.screenSaverQueryExtension(display, &eventBase, &errorBase) != 0, let info = xlib.screenSaverAllocInfo() else {
            throw DisplayServerUnavailable("the X server at \(displayName) lacks the MIT-SCREEN-SAVER extension")
        }
        self.connection = connection
        self.displayName = displayName
        self.info = info
        root = xlib.defaultRootWindow(display)
        sync = SyncIdleTime(display: display)
    }

    deinit {
        // Closing the connection (`XConnection`) destroys its alarms too.
        _ = xlib.free(info)
    }

    /// The server can raise alarms on its idle time: `alarmWhenIdle` and `alarmOnInput` work.
    public var offersAlarms: Bool { sync != nil }

    /// True once the connection to the server is lost: every later reading is nil.
    public var isBroken: Bool { connection.isBroken }

    /// The connection's socket: readable when the server sent something (or went away).
    public var fileDescriptor: Int32 { connection.fileDescriptor }

    /// Seconds since the last input; nil once the connection is broken.
    public func idleSeconds() -> Seconds? {
        guard !isBroken, xlib.screenSaverQueryInfo(display, root, info) != 0, !isBroken else { return nil }
        // XScreenSaverInfo: Window window; int state; int kind; unsigned long til_or_since; unsigned long idle; ...
        let idleOffset = 2 * MemoryLayout<UInt>.stride + 2 * MemoryLayout<Int32>.stride
        return Seconds(info.load(fromByteOffset: idleOffset, as: UInt.self)) / 1000
    }

    /// One alarm, the next time idleness reaches `seconds` (it replaces an earlier one).
    public func alarmWhenIdle(for seconds: Seconds) {
        guard let sync, !isBroken else { return }
        idleAlarm = sync.setAlarm(idleAlarm, milliseconds: Int64(seconds * 1000), test: .positiveComparison)
        _ = xlib.flush(display)
    }

    /// One alarm at the next input: idleness dropping below what it is now.
    public func alarmOnInput() {
        guard let sync, !isBroken, let now = sync.idleMilliseconds() else { return }
        inputAlarm = sync.setAlarm(inputAlarm, milliseconds: now - 1, test: .negativeComparison)
        _ = xlib.flush(display)
    }

    /// Stops both alarms until they are set again.
    public func cancelAlarms() {
        guard let sync, !isBroken else { return }
        for alarm in [idleAlarm, inputAlarm].compactMap({ $0 }) { sync.destroyAlarm(alarm) }
        idleAlarm = nil
        inputAlarm = nil
        _ = xlib.flush(display)
    }

    /// Reads everything the server sent: the alarms that went off, in order; other events
    /// (those every client gets, such as MappingNotify) are dropped, so the socket stops being
    /// readable. nil when the connection broke.
    public func takeAlarms() -> [X11IdleAlarm]? {
        let event = UnsafeMutableRawPointer.allocate(byteCount: Xlib.eventSize, alignment: 16)
        defer { event.deallocate() }
        var alarms: [X11IdleAlarm] = []
        while !isBroken, xlib.pending(display) > 0 {
            _ = xlib.nextEvent(display, event)
            guard let alarm = sync?.alarm(in: event) else { continue }
            if alarm == idleAlarm { alarms.append(.idleReached) } else if alarm == inputAlarm { alarms.append(.inputSeen) }
        }
        return isBroken ? nil : alarms
    }
}

/// What an IDLETIME alarm says.
public enum X11IdleAlarm: Equatable, Sendable {
    /// Idleness reached the length given to `alarmWhenIdle`.
    case idleReached
    /// Input came (idleness dropped).
    case inputSeen
}

/// The SYNC extension's IDLETIME counter on one connection, through libXext loaded at run
/// time; nil where the library, the extension or the counter is missing.
private struct SyncIdleTime {
    enum Test: Int32 {
        case positiveComparison = 2
        case negativeComparison = 3
    }

    private let xext: Xext
    private let display: OpaquePointer
    private let counter: UInt
    private let eventBase: Int32

    init?(display: OpaquePointer) {
        guard let xext = Xext.loaded else { return nil }
        var eventBase: Int32 = 0
        var errorBase: Int32 = 0
        var major: Int32 = 0
        var minor: Int32 = 0
        guard xext.syncQueryExtension(display, &eventBase, &errorBase) != 0,
            xext.syncInitialize(display, &major, &minor) != 0
        else { return nil }
        var count: Int32 = 0
        guard let list = xext.syncListSystemCounters(display, &count) else { return nil }
        defer { xext.syncFreeSystemCounterList(list) }
        // XSyncSystemCounter: char *name; XSyncCounter counter; XSyncValue resolution (24 bytes on LP64).
        let stride = 2 * MemoryLayout<UInt>.stride + 2 * MemoryLayout<Int32>.stride
        let idleTime = (0..<Int(count)).first { index in
            let name = list.load(fromByteOffset: index * stride, as: UnsafePointer<CChar>?.self)
            return name.map { String(cString: $0) } == "IDLETIME"
        }
        guard let idleTime else { return nil }
        self.xext = xext
        self.display = display
        self.eventBase = eventBase
        counter = list.load(fromByteOffset: idleTime * stride + MemoryLayout<UInt>.stride, as: UInt.self)
    }

    func idleMilliseconds() -> Int64? {
        var value = (hi: Int32(0), lo: UInt32(0))
        guard withUnsafeMutableBytes(of: &value, { xext.syncQueryCounter(display, counter, $0.baseAddress!) }) != 0 else {
            return nil
        }
        return Int64(value.hi) << 32 | Int64(value.lo)
    }

    /// Creates the alarm, or changes `existing`, to fire once when IDLETIME passes `test` against
    /// `milliseconds`. Returns the alarm's id.
    func setAlarm(_ existing: UInt?, milliseconds: Int64, test: Test) -> UInt? {
        // XSyncAlarmAttributes (40 bytes on LP64): trigger { XSyncCounter counter @0;
        // XSyncValueType value_type @8; XSyncValue wait_value { int hi @12; unsigned lo @16 };
        // XSyncTestType test_type @20 }; XSyncValue delta @24; Bool events @32; state @36.
        let attributes = UnsafeMutableRawPointer.allocate(byteCount: 40, alignment: 8)
        defer { attributes.deallocate() }
        attributes.initializeMemory(as: UInt8.self, repeating: 0, count: 40)
        attributes.storeBytes(of: counter, toByteOffset: 0, as: UInt.self)
        attributes.storeBytes(of: Int32(0), toByteOffset: 8, as: Int32.self)  // XSyncAbsolute
        attributes.storeBytes(of: Int32(truncatingIfNeeded: milliseconds >> 32), toByteOffset: 12, as: Int32.self)
        attributes.storeBytes(of: UInt32(truncatingIfNeeded: milliseconds), toByteOffset: 16, as: UInt32.self)
        attributes.storeBytes(of: test.rawValue, toByteOffset: 20, as: Int32.self)
        // A zero delta makes a comparison alarm fire once and then rest until it is changed again.
        attributes.storeBytes(of: Int32(1), toByteOffset: 32, as: Int32.self)  // events: True
        // counter | value type | value | test type | delta | events
        let mask: UInt = 0b11_1111
        if let existing {
            return xext.syncChangeAlarm(display, existing, mask, attributes) != 0 ? existing : nil
        }
        let alarm = xext.syncCreateAlarm(display, mask, attributes)
        return alarm == 0 ? nil : alarm
    }

    func destroyAlarm(_ alarm: UInt) {
        _ = xext.syncDestroyAlarm(display, alarm)
    }

    /// The alarm an XSyncAlarmNotify event is about; nil for any other event.
    func alarm(in event: UnsafeMutableRawPointer) -> UInt? {
        // XSyncAlarmNotifyEvent: int type @0; ... XSyncAlarm alarm @32.
        guard event.load(as: Int32.self) == eventBase + 1 else { return nil }
        return event.load(fromByteOffset: 4 * MemoryLayout<UInt>.stride, as: UInt.self)
    }
}



/// libXext's XSync entry points; nil where libXext is missing (the counter is then polled).
private struct Xext: @unchecked Sendable {
    let syncQueryExtension: @convention(c) (OpaquePointer, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Int32
    let syncInitialize: @convention(c) (OpaquePointer, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Int32
    let syncListSystemCounters: @convention(c) (OpaquePointer, UnsafeMutablePointer<Int32>) -> UnsafeMutableRawPointer?
    let syncFreeSystemCounterList: @convention(c) (UnsafeMutableRawPointer) -> Void
    let syncQueryCounter: @convention(c) (OpaquePointer, UInt, UnsafeMutableRawPointer) -> Int32
    let syncCreateAlarm: @convention(c) (OpaquePointer, UInt, UnsafeMutableRawPointer) -> UInt
    let syncChangeAlarm: @convention(c) (OpaquePointer, UInt, UInt, UnsafeMutableRawPointer) -> Int32
    let syncDestroyAlarm: @convention(c) (OpaquePointer, UInt) -> Int32

    static let loaded: Xext? = try? Xext()

    private init() throws(DisplayServerUnavailable) {
        let xext = try Xlib.open("libXext.so.6", package: "libxext6")
        syncQueryExtension = try Xlib.symbol("XSyncQueryExtension", in: xext)
        syncInitialize = try Xlib.symbol("XSyncInitialize", in: xext)
        syncListSystemCounters = try Xlib.symbol("XSyncListSystemCounters", in: xext)
        syncFreeSystemCounterList = try Xlib.symbol("XSyncFreeSystemCounterList", in: xext)
        syncQueryCounter = try Xlib.symbol("XSyncQueryCounter", in: xext)
        syncCreateAlarm = try Xlib.symbol("XSyncCreateAlarm", in: xext)
        syncChangeAlarm = try Xlib.symbol("XSyncChangeAlarm", in: xext)
        syncDestroyAlarm = try Xlib.symbol("XSyncDestroyAlarm", in: xext)
    }
}

// Bound to the thread of the event loop that dispatches its callbacks: never to be shared.
@available(*, unavailable) extension X11IdleCounter: Sendable {}
