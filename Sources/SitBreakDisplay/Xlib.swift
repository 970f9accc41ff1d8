import Glibc
import SitBreakDesktop
import SitBreakFiles

/// The few Xlib and libXss entry points sitbreak uses (idle time, alarms, the window manager's
/// properties), resolved with dlopen/dlsym once per process, so that sitbreak installs and
/// runs on machines without any X library.
struct Xlib: @unchecked Sendable {
    typealias ErrorHandler = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Int32
    typealias IOErrorHandler = @convention(c) (OpaquePointer?) -> Int32
    typealias IOErrorExitHandler = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void

    /// `sizeof(XEvent)`: a union padded to 24 longs.
    static let eventSize = 24 * MemoryLayout<Int>.stride

    let openDisplay: @convention(c) (UnsafePointer<CChar>?) -> OpaquePointer?
    let closeDisplay: @convention(c) (OpaquePointer) -> Int32
    let defaultRootWindow: @convention(c) (OpaquePointer) -> UInt
    let connectionNumber: @convention(c) (OpaquePointer) -> Int32
    let pending: @convention(c) (OpaquePointer) -> Int32
    let nextEvent: @convention(c) (OpaquePointer, UnsafeMutableRawPointer) -> Int32
    let flush: @convention(c) (OpaquePointer) -> Int32
    let free: @convention(c) (UnsafeMutableRawPointer) -> Int32
    let setErrorHandler: @convention(c) (ErrorHandler?) -> ErrorHandler?
    let setIOErrorHandler: @convention(c) (IOErrorHandler?) -> IOErrorHandler?
    let setIOErrorExitHandler: @convention(c) (OpaquePointer, IOErrorExitHandler?, UnsafeMutableRawPointer?) -> Void
    let setAuthorization: @convention(c) (UnsafeMutablePointer<CChar>?, Int32, UnsafeMutablePointer<CChar>?, Int32) -> Void
    let screenSaverQueryExtension: @convention(c) (OpaquePointer, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>) -> Int32
    let screenSaverAllocInfo: @convention(c) () -> UnsafeMutableRawPointer?
    let screenSaverQueryInfo: @convention(c) (OpaquePointer, UInt, UnsafeMutableRawPointer) -> Int32
    let internAtom: @convention(c) (OpaquePointer, UnsafePointer<CChar>, Int32) -> UInt
    let selectInput: @convention(c) (OpaquePointer, UInt, Int) -> Int32
    let getWindowProperty: @convention(c) (
        OpaquePointer, UInt, UInt, Int, Int, Int32, UInt, UnsafeMutablePointer<UInt>, UnsafeMutablePointer<Int32>,
        UnsafeMutablePointer<UInt>, UnsafeMutablePointer<UInt>, UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>
    ) -> Int32

    static let loaded: Result<Xlib, DisplayServerUnavailable> = Result { () throws(DisplayServerUnavailable) in try Xlib() }

    private init() throws(DisplayServerUnavailable) {
        let x11 = try Self.open("libX11.so.6", package: "libx11-6")
        let xss = try Self.open("libXss.so.1", package: "libxss1")
        openDisplay = try Self.symbol("XOpenDisplay", in: x11)
        closeDisplay = try Self.symbol("XCloseDisplay", in: x11)
        defaultRootWindow = try Self.symbol("XDefaultRootWindow", in: x11)
        connectionNumber = try Self.symbol("XConnectionNumber", in: x11)
        pending = try Self.symbol("XPending", in: x11)
        nextEvent = try Self.symbol("XNextEvent", in: x11)
        flush = try Self.symbol("XFlush", in: x11)
        free = try Self.symbol("XFree", in: x11)
        setErrorHandler = try Self.symbol("XSetErrorHandler", in: x11)
        setIOErrorHandler = try Self.symbol("XSetIOErrorHandler", in: x11)
        setIOErrorExitHandler = try Self.symbol("XSetIOErrorExitHandler", in: x11, needs: "libX11 1.7 or newer")
        setAuthorization = try Self.symbol("XSetAuthorization", in: x11)
        screenSaverQueryExtension = try Self.symbol("XScreenSaverQueryExtension", in: xss)
        screenSaverAllocInfo = try Self.symbol("XScreenSaverAllocInfo", in: xss)
        screenSaverQueryInfo = try Self.symbol("XScreenSaverQueryInfo", in: xss)
        internAtom = try Self.symbol("XInternAtom", in: x11)
        selectInput = try Self.symbol("XSelectInput", in: x11)
        getWindowProperty = try Self.symbol("XGetWindowProperty", in: x11)
    }

    static func open(_ library: String, package: String) throws(DisplayServerUnavailable) -> UnsafeMutableRawPointer {
        guard let handle = dlopen(library, RTLD_NOW | RTLD_LOCAL) else {
            throw DisplayServerUnavailable("\(library) is not installed", fix: "sudo apt install \(package)")
        }
        return handle
    }

    static func symbol<Function>(
        _ name: String, in library: UnsafeMutableRawPointer, needs: String? = nil
    ) throws(DisplayServerUnavailable) -> Function {
        guard let address = dlsym(library, name) else {
            throw DisplayServerUnavailable("the X library has no \(name)\(needs.map { " (needs \($0))" } ?? "")")
        }
        return unsafeBitCast(address, to: Function.self)
    }
}

extension Xlib {
    /// `PropertyNotify`, and the event mask that asks for it (`PropertyChangeMask`).
    static let propertyNotify: Int32 = 28
    static let propertyChangeMask = 1 << 22

    /// A window property of format 32 (atoms, windows) as its items; nil when it is absent or
    /// of another format. Format 32 items are longs in Xlib's memory.
    func longs(of window: UInt, _ property: UInt, on display: OpaquePointer) -> [UInt]? {
        var type: UInt = 0
        var format: Int32 = 0
        var count: UInt = 0
        var after: UInt = 0
        var data: UnsafeMutablePointer<UInt8>?
        // AnyPropertyType (0), at most 64 items, not deleted.
        guard getWindowProperty(display, window, property, 0, 64, 0, 0, &type, &format, &count, &after, &data) == 0 else {
            return nil
        }
        defer { if let data { _ = free(data) } }
        guard format == 32, let data else { return nil }
        return UnsafeRawPointer(data).withMemoryRebound(to: UInt.self, capacity: Int(count)) { Array(UnsafeBufferPointer(start: $0, count: Int(count))) }
    }
}

/// One connection to an X server that a daemon survives: Xlib's default handlers print and end
/// the process on any error; here errors are ignored and a lost server marks the connection
/// broken, and the owner opens a new one.
final class XConnection {
    let xlib: Xlib
    let display: OpaquePointer
    private let breakage = Breakage()

    /// Connects to `displayName` with the cookie in the file `authority` (the session's
    /// `XAUTHORITY`; nil for Xlib's default, `~/.Xauthority`).
    init(displayName: String, authority: String?) throws(DisplayServerUnavailable) {
        let xlib = try Xlib.loaded.get()
        // Xlib keeps the cookie to offer in a global until the next call: set it for this
        // display each time (none: Xlib reads `~/.Xauthority` or `$XAUTHORITY` itself).
        let cookie = authority.flatMap { try? BoundedFile.read($0, limit: 64 * 1024, what: "an Xauthority file") }
            .flatMap { XAuthority.cookie(in: $0, displayName: displayName) }
        if var cookie {
            cookie.name.withUnsafeMutableBytes { name in
                cookie.data.withUnsafeMutableBytes { data in
                    xlib.setAuthorization(
                        name.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(name.count),
                        data.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(data.count))
                }
            }
        } else {
            xlib.setAuthorization(nil, 0, nil, 0)
        }
        _ = xlib.setErrorHandler { _, _ in 0 }
        _ = xlib.setIOErrorHandler { _ in 0 }
        guard let display = displayName.withCString({ xlib.openDisplay($0) }) else {
            throw DisplayServerUnavailable(
                "cannot connect to the X server at DISPLAY=\(displayName)", fix: DesktopAdvice.handOver("DISPLAY XAUTHORITY"))
        }
        self.xlib = xlib
        self.display = display
        xlib.setIOErrorExitHandler(display, { _, userdata in
            guard let userdata else { return }
            Unmanaged<Breakage>.fromOpaque(userdata).takeUnretainedValue().isBroken = true
        }, Unmanaged.passUnretained(breakage).toOpaque())
    }

    deinit { _ = xlib.closeDisplay(display) }

    /// True once the connection to the server is lost.
    var isBroken: Bool { breakage.isBroken }

    var fileDescriptor: Int32 { xlib.connectionNumber(display) }

    /// Set from Xlib's I/O error exit handler, which gets it as its user data.
    private final class Breakage {
        var isBroken = false
    }
}
