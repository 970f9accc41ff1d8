import Foundation
import SitBreakTestSupport
import Testing

@testable import SitBreakFiles

/// A call, read from a tree in the kernel's own formats: this machine has neither a sound card
/// nor a camera, so `/proc/asound` and `/proc/PID/fd` are laid out here as the kernel lays them.
struct CallDevicesTests {
    private let fileManager = FileManager.default

    private func write(_ text: String, to path: String) throws {
        try fileManager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// card0 with a microphone (pcm0c) and speakers (pcm0p), both closed; process 4242 with a
    /// socket and a file open; /dev/video0 present.
    private func machine() throws -> DisposableDirectory {
        let root = try DisposableDirectory()
        try write("closed\n", to: root.path + "/proc/asound/card0/pcm0c/sub0/status")
        try write("closed\n", to: root.path + "/proc/asound/card0/pcm0p/sub0/status")
        try write("", to: root.path + "/proc/asound/card0/pcm0c/info")
        try fileManager.createDirectory(atPath: root.path + "/proc/4242/fd", withIntermediateDirectories: true)
        try fileManager.createSymbolicLink(atPath: root.path + "/proc/4242/fd/3", withDestinationPath: "socket:[81234]")
        try fileManager.createSymbolicLink(atPath: root.path + "/proc/4242/fd/4", withDestinationPath: "/home/me/notes.txt")
        try write("", to: root.path + "/dev/video0")
        return root
    }

    @Test func nothingRecordingAndNoCameraOpenIsNoCall() throws {
        let root = try machine()
        let reading = CallDevices(root: root.path).read()
        #expect(!reading.callIsOn)
        #expect(CallDevices(root: root.path).visible == (captureDevices: 1, cameras: 1))
    }

    @Test func aRunningCaptureStreamIsACall() throws {
        let root = try machine()
        try write("""
            state: RUNNING
            owner_pid   : 4242
            trigger_time: 5190.120944611
            tstamp      : 5192.632070443
            delay       : 960
            avail       : 0
            avail_max   : 1056
            -----
            hw_ptr      : 120480
            appl_ptr    : 119520

            """, to: root.path + "/proc/asound/card0/pcm0c/sub0/status")
        let reading = CallDevices(root: root.path).read()
        #expect(reading.recording == ["card0/pcm0c/sub0"])
        #expect(reading.callIsOn)
    }

    @Test func playbackAloneOrAPreparedCaptureIsNoCall() throws {
        let root = try machine()
        try write("state: RUNNING\nowner_pid   : 4242\n", to: root.path + "/proc/asound/card0/pcm0p/sub0/status")
        try write("state: PREPARED\nowner_pid   : 4242\n", to: root.path + "/proc/asound/card0/pcm0c/sub0/status")
        #expect(!CallDevices(root: root.path).read().callIsOn)
    }

    @Test func anOpenCameraIsACall() throws {
        let root = try machine()
        try fileManager.createSymbolicLink(atPath: root.path + "/proc/4242/fd/9", withDestinationPath: "/dev/video0")
        let reading = CallDevices(root: root.path).read()
        #expect(reading.cameras == ["4242: /dev/video0"])
        #expect(reading.callIsOn)
    }

    @Test func theRealProcIsReadWithoutTrouble() {
        // Whatever this machine has: reading it must not fail or take long.
        let started = Date()
        _ = CallDevices().read()
        #expect(Date().timeIntervalSince(started) < 1)
    }
}
