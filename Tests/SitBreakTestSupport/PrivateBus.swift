import Foundation
import Testing

/// A private session bus: its own `dbus-daemon` on a socket in a temporary directory, with
/// a service directory that starts nothing unless a test puts a `.service` file there.
public final class PrivateBus {
    public let directory: URL
    public let address: String
    private let daemon: Process

    public static let canRun: Bool = {
        let missing = ["dbus-daemon", "dbus-send"].filter { findTool($0) == nil }
        if !missing.isEmpty {
            print("skipping D-Bus tests: \(missing.joined(separator: ", ")) not installed (Debian: dbus-daemon, dbus-bin)")
        }
        return missing.isEmpty
    }()

    public var servicesDirectory: URL { directory.appendingPathComponent("services") }

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitbreak-bus-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(
            at: directory.appendingPathComponent("services"), withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("bus.conf")
        try """
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
             "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>session</type>
              <listen>unix:dir=\(directory.path)</listen>
              <auth>EXTERNAL</auth>
              <servicedir>\(directory.path)/services</servicedir>
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            </busconfig>
            """.write(to: config, atomically: true, encoding: .utf8)
        daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: try #require(findTool("dbus-daemon")))
        daemon.arguments = ["--config-file=\(config.path)", "--nofork", "--print-address=1"]
        let output = Pipe()
        daemon.standardOutput = output
        // As root it complains that it may not raise its fd limit; keep that out of the test log.
        daemon.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try daemon.run()
        var printed = Data()
        while !printed.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            printed.append(chunk)
        }
        address = String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if address.isEmpty {
            stop()
            throw HarnessFailure("dbus-daemon printed no address")
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: directory)
    }

    public func stop() { stopChild(daemon) }

    public var environment: [String: String] {
        ["DBUS_SESSION_BUS_ADDRESS": address, "PATH": "/usr/bin:/bin", "HOME": directory.path]
    }

    /// Broadcasts a signal from a separate client: `arguments` as dbus-send takes them after
    /// `--type=signal`, e.g. `/test org.example.Test.Ping string:yes`.
    public func send(signal arguments: String, to destination: String? = nil) throws {
        let destinationOption = destination.map { ["--dest=\($0)"] } ?? []
        try runTool("dbus-send", ["--session", "--type=signal"] + destinationOption + arguments.split(separator: " ").map(String.init))
    }

    /// Runs a tool to completion with this bus as the session bus; returns its output.
    @discardableResult
    public func runTool(_ name: String, _ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(findTool(name)))
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: printed, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw HarnessFailure("\(name) \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }
}

/// SIGKILL, because children started from a test thread inherit its mask, which blocks SIGTERM.
public func stopChild(_ process: Process) {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
}

public struct HarnessFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public func findTool(_ name: String) -> String? {
    ["/usr/bin", "/bin", "/usr/local/bin"].map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}
