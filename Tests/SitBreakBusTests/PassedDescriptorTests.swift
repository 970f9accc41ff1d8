import Glibc
import Testing

@testable import SitBreakBus

/// A descriptor from a D-Bus message has one owner, and the last to let go closes it.
struct PassedDescriptorTests {
    static func isOpen(_ descriptor: Int32) -> Bool { fcntl(descriptor, F_GETFD) >= 0 }

    @Test func aDuplicateClosesWhenDroppedAndLeavesTheOriginalOpen() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        var passed = PassedDescriptor.duplicating(ends[0])
        let copy = try #require(passed?.descriptor)
        #expect(copy != ends[0] && Self.isOpen(copy))
        #expect(fcntl(copy, F_GETFD) & FD_CLOEXEC != 0)
        passed = nil
        #expect(!Self.isOpen(copy))
        #expect(Self.isOpen(ends[0]))
    }

    /// A value read halfway and dropped with the error (here, simply dropped with the array
    /// that held it) takes its descriptor with it.
    @Test func aDescriptorInsideADroppedValueIsClosed() throws {
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        defer { ends.forEach { close($0) } }
        var values: [BusValue]? = [.string("read"), .unixFD(try #require(PassedDescriptor.duplicating(ends[1])))]
        guard case .unixFD(let passed)? = values?.last else { Issue.record("no descriptor"); return }
        let copy = passed.descriptor
        values = nil
        #expect(Self.isOpen(copy), "still held here")
        _ = consume passed
        #expect(!Self.isOpen(copy))
    }

    @Test func anInvalidDescriptorCannotBeDuplicated() {
        #expect(PassedDescriptor.duplicating(-1) == nil)
    }
}
