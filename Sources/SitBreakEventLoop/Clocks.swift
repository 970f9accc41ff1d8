import Glibc
import SitBreakModel

/// The kernel clocks read together, with the local UTC offset at that instant.
public struct ClockReading: Equatable, Sendable {
    /// CLOCK_BOOTTIME: keeps counting through suspend.
    public var boot: Seconds
    /// CLOCK_MONOTONIC: stops while suspended.
    public var monotonic: Seconds
    /// CLOCK_REALTIME, seconds since 1970 UTC.
    public var wall: Seconds
    public var utcOffset: Seconds

    public init(boot: Seconds, monotonic: Seconds, wall: Seconds, utcOffset: Seconds) {
        self.boot = boot
        self.monotonic = monotonic
        self.wall = wall
        self.utcOffset = utcOffset
    }

    public static func now() -> ClockReading {
        // Monotonic before boot: the boot clock then never reads behind it, so the
        // suspended time computed from the pair is never negative.
        let monotonic = readClock(CLOCK_MONOTONIC)
        let boot = readClock(CLOCK_BOOTTIME)
        let wall = readClock(CLOCK_REALTIME)
        return ClockReading(
            boot: boot, monotonic: monotonic, wall: wall, utcOffset: localUTCOffset(at: wall))
    }

    /// What the sitting model needs of this reading.
    public func moment() -> Moment {
        Moment(boot: boot, wall: wall, utcOffset: utcOffset)
    }

    /// Time spent suspended since boot: the gap between the boot and monotonic clocks.
    public var suspendedSinceBoot: Seconds { boot - monotonic }

    /// The kernel's random id of this boot. Boot and monotonic readings compare only
    /// within one boot, so anything persisted with them should carry it.
    public static func bootID() -> String? {
        let fd = open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return nil }
        let id = String(decoding: buffer[..<count], as: UTF8.self)
            .filter { !$0.isWhitespace }
        return id.isEmpty ? nil : id
    }

    private static func localUTCOffset(at wall: Seconds) -> Seconds {
        // localtime_r alone never re-reads the zone; tzset does (a cheap stat when unchanged),
        // so a zone change made while the daemon runs shows up in the next reading.
        tzset()
        var seconds = time_t(wall.rounded(.down))
        var local = tm()
        guard localtime_r(&seconds, &local) != nil else { return 0 }
        return Seconds(local.tm_gmtoff)
    }
}

/// One clock, now, in seconds since its epoch.
public func readClock(_ clock: clockid_t) -> Seconds {
    var time = timespec()
    clock_gettime(clock, &time)
    return Seconds(time.tv_sec) + Seconds(time.tv_nsec) / 1e9
}
