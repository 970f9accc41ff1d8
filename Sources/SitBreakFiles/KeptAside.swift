#if canImport(Glibc)
import Glibc
#endif

/// A damaged file of sitbreak's is never overwritten or deleted: it is renamed beside itself
/// with a label and the first free generation (`state.json.unreadable-1`, `-2`, ...), so
/// every bad copy stays for inspection and a new file can take the name.
public enum KeptAside {
    /// Renames `path` (and each `path + companion` that exists, e.g. SQLite's `-wal`) to
    /// `path.label-N`; returns the new path of `path`.
    public static func move(_ path: String, label: String, companions: [String] = []) throws(FileReadError) -> String {
        var generation = 1
        while true {
            let kept = "\(path).\(label)-\(generation)"
            let taken = ([""] + companions).contains { access(kept + $0, F_OK) == 0 || errno != ENOENT }
            if !taken {
                guard rename(path, kept) == 0 else {
                    throw FileReadError(path: path, problem: "cannot move it aside: \(FileReadError.describe(errno))")
                }
                for companion in companions where rename(path + companion, kept + companion) != 0 && errno != ENOENT {
                    throw FileReadError(
                        path: path + companion, problem: "cannot move it aside: \(FileReadError.describe(errno))")
                }
                return kept
            }
            generation += 1
        }
    }
}
