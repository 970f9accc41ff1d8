import Logging
import SitBreakConfig
import SitBreakFiles
import SitBreakModel

/// The config a bad edit cannot take away. Each config file that loads is kept as a copy in
/// the state directory; a daemon that starts with a broken file (a typo, then the next login)
/// runs on that copy, else on the defaults, and says so until a reload picks up the fix —
/// instead of failing until systemd gives up restarting it.
struct LastGoodConfig {
    let copy: StateFile

    init(stateDirectory: String) {
        copy = StateFile(path: stateDirectory + "/config.last-good.toml")
    }

    /// `path` loaded: keep its bytes, unless the copy holds them already.
    func remember(_ path: String, logger: Logger) {
        guard let bytes = try? StateFile(path: path).load(), bytes != (try? copy.load()) else { return }
        do { try copy.save(bytes) } catch { logger.warning("cannot keep a copy of the good config: \(error)") }
    }

    /// What to run on when the config at start is broken, and the problem to report. The copy
    /// is the user's file, laid over the site files when those load (the broken one may be a site file).
    func fallback(after error: ConfigError, sitePaths: [String]) -> (Settings, problem: String) {
        let site = (try? ConfigLoader.siteSettings(sitePaths: sitePaths)) ?? ConfigLoader.defaults
        if let settings = try? ConfigLoader.load(path: copy.path, over: site) {
            return (settings, "\(error); running on the last config that loaded (\(copy.path)) until `sitbreakctl reload` reads a fixed one")
        }
        return (site, "\(error); running on the defaults until `sitbreakctl reload` reads a fixed one")
    }
}
