import Glibc
import SitBreakEventLoop

/// Display servers starting: a socket made in `/tmp/.X11-unix` (`X1`) or in the runtime
/// directory (`wayland-1`), seen through inotify.
///
/// A session that hands its environment over with `systemctl --user import-environment` alone
/// tells the bus nothing (systemd takes the call on its private socket), so a new display
/// socket is the moment to read the user manager's environment again. Both directories see
/// few files made, so this costs no wake-ups worth counting.
final class DisplaySocketWatch {
    private let descriptor: Int32
    private var source: IOHandle?

    /// Watches `directories` (those that exist) and calls `appeared` with each display socket's name.
    init?(loop: EventLoop, directories: [String], appeared: @escaping (String) -> Void) {
        let inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard inotify >= 0 else { return nil }
        let watched = directories.filter { inotify_add_watch(inotify, $0, UInt32(IN_CREATE | IN_MOVED_TO)) >= 0 }
        guard !watched.isEmpty else {
            close(inotify)
            return nil
        }
        descriptor = inotify
        source = try? loop.addIO(fd: inotify) { _ in
            for name in Self.namesCreated(reading: inotify) where Self.isDisplaySocket(name) { appeared(name) }
        }
    }

    deinit {
        source = nil
        close(descriptor)
    }

    /// `X0`, `X12`, `wayland-0`: the names display servers listen on (not their `.lock` files).
    static func isDisplaySocket(_ name: String) -> Bool {
        func digits(after prefix: String) -> Bool {
            name.hasPrefix(prefix) && name.count > prefix.count && name.dropFirst(prefix.count).allSatisfy(\.isWholeNumber)
        }
        return digits(after: "X") || digits(after: "wayland-")
    }

    /// The names of the files the events waiting on `descriptor` report.
    private static func namesCreated(reading descriptor: Int32) -> [String] {
        var names: [String] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let header = MemoryLayout<inotify_event>.size
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { return names }
            var offset = 0
            while offset + header <= count {
                let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self) }.len)
                let name = buffer[(offset + header)..<min(offset + header + length, count)].prefix { $0 != 0 }
                names.append(String(decoding: name, as: UTF8.self))
                offset += header + length
            }
        }
    }
}
