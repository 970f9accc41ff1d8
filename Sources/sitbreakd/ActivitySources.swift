import Glibc
import SitBreakCore
import SitBreakOS

/// Where the daemon learns whether the user is at the desk. Sources that can only be asked
/// (polled) say when they next want to look; the daemon folds that into its one timer.
protocol ActivitySource: AnyObject {
    var kind: ActivitySourceKind { get }
    /// Boot-clock time of the next look; nil for sources that push their events.
    var nextLook: Seconds? { get }
    /// Looks now and returns what changed.
    func look(at now: Moment) -> [SittingEvent]
}

/// The user says what they do (`away`/`back`, `stand`/`sit`); sitting otherwise.
final class ManualActivitySource: ActivitySource {
    let kind = ActivitySourceKind.manual
    let nextLook: Seconds? = nil
    func look(at now: Moment) -> [SittingEvent] { [] }
}

/// Console and SSH users: the newest access time of the user's own terminals is their
/// last input, as `w` shows it.
final class TerminalActivitySource: ActivitySource {
    let kind = ActivitySourceKind.tty
    private let terminals: TerminalSessions
    private var poller: IdlePoller
    private(set) var nextLook: Seconds?

    init(terminals: TerminalSessions, breakLength: Seconds) {
        self.terminals = terminals
        poller = IdlePoller(breakLength: breakLength)
    }

    func look(at now: Moment) -> [SittingEvent] {
        let lastInputWall = terminals.list().map(\.lastInput).max()
        // Access times are wall-clock readings; place them on the boot clock as it reads now.
        let lastInput = lastInputWall.map { now.boot - max(0, now.wall - $0) }
        let (events, next) = poller.observe(lastInput: lastInput, now: now.boot)
        nextLook = next
        return events
    }
}

/// Builds the sources the config asks for, as far as this machine offers them.
enum ActivitySourceFactory {
    static func make(
        settings: Settings, environment: [String: String], terminals: TerminalSessions
    ) -> (sources: [ActivitySource], notes: [String]) {
        var unavailable: [ActivitySourceKind: String] = [:]
        for kind in [ActivitySourceKind.gnome, .wayland, .x11, .logind] {
            unavailable[kind] = "desktop idle detection is not part of this build yet"
        }
        if terminals.list().isEmpty {
            unavailable[.tty] = "you have no terminal login (console or SSH) to watch"
        }
        let desktop = environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil
        let choice = ActivitySourceChoice.choose(
            requested: settings.activity.sources, unavailable: unavailable, desktopSession: desktop)
        let sources: [ActivitySource] = choice.using.map { kind in
            switch kind {
            case .tty: TerminalActivitySource(terminals: terminals, breakLength: settings.breaks.length)
            default: ManualActivitySource()
            }
        }
        return (sources, choice.notes)
    }
}
