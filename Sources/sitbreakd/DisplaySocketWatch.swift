import Glibc
import SitBreakEventLoop

/// Display servers starting: a socket made in `/tmp/.X11-unix` (`X1`) or in the runtime
/// directory (`wayland-1`), seen through inotify.
///
/// A session that hands its environment over with `systemctl --user import-environment` alone
/// tells the bus nothing (systemd takes the call on its private socket), so a new display
/// socket is the moment to read the user manager's environment again. Both directories see
/// few files made. A display server of another user (a second login, a greeter) cannot be
/// this user's session and is let be: each one would cost the looks that follow.
final class DisplaySocketWatch {
    private let descriptor: Int32
    private var source: IOHandle?

    /// Watches `directories` (those that exist) and calls `appeared` with the name of each
    /// display socket this user's session could listen on.
    init?(loop: EventLoop, directories: [String], appeared: @escaping (String) -> Void) {
        let inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard inotify >= 0 else { return nil }
        var directoryOf: [Int32: String] = [:]
        for directory in directories {
            let watch = inotify_add_watch(inotify, directory, UInt32(IN_CREATE | IN_MOVED_TO))
            if watch >= 0 { directoryOf[watch] = directory }
        }
        guard !directoryOf.isEmpty else {
            close(inotify)
            return nil
        }
        descriptor = inotify
        let user = getuid()
        source = try? loop.addIO(fd: inotify) { _ in
            for (watch, name) in Self.namesCreated(reading: inotify) where Self.isDisplaySocket(name) {
                guard let directory = directoryOf[watch] else { continue }
                var status = stat()
                // Gone already: a server that could not start, nothing to look for.
                guard stat(directory + "/" + name, &status) == 0 else { continue }
                if Self.couldBeSession(of: user, socketOwner: status.st_uid) { appeared(name) }
            }
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

    /// A rootful Xorg (started by a display manager or `startx`) makes its socket as root;
    /// Xwayland and compositors make theirs as the user.
    static func couldBeSession(of user: uid_t, socketOwner owner: uid_t) -> Bool {
        owner == user || owner == 0
    }

    /// The watch and file name of each file the events waiting on `descriptor` report.
    private static func namesCreated(reading descriptor: Int32) -> [(watch: Int32, name: String)] {
        var names: [(watch: Int32, name: String)] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let header = MemoryLayout<inotify_event>.size
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { return names }
            var offset = 0
            while offset + header <= count {
                let event = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: inotify_event.self) }
                let length = Int(event.len)
                let name = buffer[(offset + header)..<min(offset + header + length, count)].prefix { $0 != 0 }
                names.append((event.wd, String(decoding: name, as: UTF8.self)))
                offset += header + length
            }
        }
    }
}
