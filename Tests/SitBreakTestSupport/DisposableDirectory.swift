import Foundation
import Testing

/// A fresh directory under /tmp, removed with everything in it when released.
public final class DisposableDirectory {
    public let path: String

    public init() throws {
        var template = Array("/tmp/sitbreak-test-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = try String(cString: #require(created))
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
