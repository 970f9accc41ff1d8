
/// Why a display server's idle time (X11) or idle notifications (Wayland) cannot be had, for
/// `status`, the journal and `doctor`.
public struct DisplayServerUnavailable: Error, Equatable, Sendable, CustomStringConvertible {
    public var reason: String
    /// A command that may fix it.
    public var fix: String?

    public init(_ reason: String, fix: String? = nil) {
        self.reason = reason
        self.fix = fix
    }

    public var description: String { fix.map { "\(reason) — run `\($0)`" } ?? reason }
}

/// A display server connection whose socket the event loop can watch.
public protocol DisplayServerConnection: AnyObject {
    var fileDescriptor: Int32 { get }
}
