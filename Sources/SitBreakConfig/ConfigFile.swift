#if canImport(Glibc)
import Glibc
#endif

/// Reading a config file whole, with the system's reason when it cannot be read.
enum ConfigFile {
    struct ReadFailure: Error {
        let code: Int32
        var reason: String { String(cString: strerror(code)) }
    }

    static func bytes(atPath path: String) throws(ReadFailure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadFailure(code: errno) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw ReadFailure(code: errno)
            }
            bytes.append(contentsOf: buffer[0..<count])
        }
    }
}
