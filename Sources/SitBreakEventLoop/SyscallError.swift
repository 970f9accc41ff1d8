import Glibc

/// A failed system call: which call, on what, and the `errno` it left.
public struct SyscallError: Error, Equatable, Sendable, CustomStringConvertible {
    public var call: String
    /// What the call was working on (a path, an fd); empty when nothing useful.
    public var subject: String
    public var code: Int32

    public init(_ call: String, _ subject: String = "", code: Int32) {
        self.call = call
        self.subject = subject
        self.code = code
    }

    /// The error `errno` holds right after `call` failed.
    public static func last(_ call: String, _ subject: String = "") -> SyscallError {
        SyscallError(call, subject, code: errno)
    }

    public var description: String {
        let on = subject.isEmpty ? "" : " \(subject)"
        return "\(call)\(on): \(String(cString: strerror(code)))"
    }
}
