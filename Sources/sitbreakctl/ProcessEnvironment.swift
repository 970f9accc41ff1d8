import Glibc

enum ProcessEnvironment {
    /// The named variables of this process's environment; unset ones are left out.
    static func values(of names: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for name in names { result[name] = getenv(name).map { String(cString: $0) } }
        return result
    }
}
