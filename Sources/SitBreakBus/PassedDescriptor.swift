import Glibc

/// A file descriptor that came with a D-Bus message, with exactly one owner: this object. It
/// is closed when the last reference goes, so one dropped unclaimed (a reply read only
/// halfway before an error, a caller that did not want it) is closed as surely as one its
/// holder lets go of (logind's sleep inhibitor, released by dropping it).
public final class PassedDescriptor: Hashable, Sendable, CustomStringConvertible {
    public let descriptor: Int32

    /// Takes over `descriptor`: from now on nothing else may close it.
    init(adopting descriptor: Int32) { self.descriptor = descriptor }

    /// A duplicate of `descriptor` (close-on-exec), owned by the new object; nil when it cannot be made.
    public static func duplicating(_ descriptor: Int32) -> PassedDescriptor? {
        let copy = fcntl(descriptor, F_DUPFD_CLOEXEC, 3)
        return copy >= 0 ? PassedDescriptor(adopting: copy) : nil
    }

    deinit { close(descriptor) }

    public static func == (left: PassedDescriptor, right: PassedDescriptor) -> Bool { left === right }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
    public var description: String { "fd \(descriptor)" }
}
