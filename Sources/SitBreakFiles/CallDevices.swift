import Glibc

/// Whether a call is on, from the devices a call holds: an ALSA capture stream running
/// (`/proc/asound/card*/pcm*c/sub*/status` says `state: RUNNING`, as PipeWire and PulseAudio
/// leave it while a microphone records) or a camera open (`/proc/PID/fd/*` pointing at
/// `/dev/video*`). The kernel announces neither, so this is read when a decision needs it,
/// never on a timer of its own. Only the user's own processes can be seen, which are the ones
/// a call of theirs runs in.
public struct CallDevices: Sendable {
    /// Where `/proc` is: `/` on a real system; tests point it at a tree of the kernel's formats.
    public let root: String

    public init(root: String = "") {
        self.root = root
    }

    public struct Reading: Equatable, Sendable {
        /// Capture substreams running, as `card0/pcm0c/sub0`.
        public var recording: [String]
        /// Processes with a camera open, as `4242: /dev/video0`.
        public var cameras: [String]

        public var callIsOn: Bool { !recording.isEmpty || !cameras.isEmpty }
    }

    public func read() -> Reading {
        Reading(recording: runningCaptures(), cameras: openCameras())
    }

    /// What `doctor` can say this machine offers: capture devices to watch, camera nodes.
    public var visible: (captureDevices: Int, cameras: Int) {
        (captureSubstreams().count, entries(root + "/dev").filter { $0.hasPrefix("video") }.count)
    }

    private func captureSubstreams() -> [String] {
        let asound = root + "/proc/asound"
        var found: [String] = []
        for card in entries(asound) where card.hasPrefix("card") {
            for pcm in entries("\(asound)/\(card)") where pcm.hasPrefix("pcm") && pcm.hasSuffix("c") {
                for sub in entries("\(asound)/\(card)/\(pcm)") where sub.hasPrefix("sub") {
                    found.append("\(card)/\(pcm)/\(sub)")
                }
            }
        }
        return found
    }

    private func runningCaptures() -> [String] {
        captureSubstreams().filter { substream in
            firstLine(of: "\(root)/proc/asound/\(substream)/status")?.hasPrefix("state: RUNNING") == true
        }
    }

    private func openCameras() -> [String] {
        var found: [String] = []
        for pid in entries(root + "/proc") where pid.first?.isNumber == true && pid.allSatisfy(\.isNumber) {
            let fds = "\(root)/proc/\(pid)/fd"
            for fd in entries(fds) {
                if let target = link(at: "\(fds)/\(fd)"), target.hasPrefix("/dev/video") { found.append("\(pid): \(target)") }
            }
        }
        return found
    }

    /// Names in `directory`, without `.` and `..`; none when it cannot be read.
    private func entries(_ directory: String) -> [String] {
        guard let stream = opendir(directory) else { return [] }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    private func link(at path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        let length = readlink(path, &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The first line of a small file (a `/proc` status is a few lines).
    private func firstLine(of path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = Glibc.read(fd, &buffer, buffer.count)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
    }
}
