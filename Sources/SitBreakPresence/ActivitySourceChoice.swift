import SitBreakModel

/// Which activity sources the daemon uses, decided from what the config asks for and what
/// this machine offers. Pure, so `status` and the tests can explain every choice.
public struct ActivitySourceChoice: Equatable, Sendable {
    /// What `auto` reads on a desktop, best first.
    public static let desktopInputSources: [ActivitySourceKind] = [.gnome, .wayland, .x11]

    public var using: [ActivitySourceKind]
    /// Why a requested source is not used, each with what to do about it.
    public var notes: [String]

    /// `unavailable` maps a source to the reason it cannot run here; absent means it can.
    /// `desktopSession` tells whether a graphical session is around (for `auto`): there the
    /// terminals say nothing of the keyboard and mouse, so `tty` would take a user at work for
    /// one away.
    public static func choose(
        requested: [ActivitySourceKind], unavailable: [ActivitySourceKind: String], desktopSession: Bool
    ) -> ActivitySourceChoice {
        if requested == [.auto] {
            // A desktop's own idle monitor needs no display variable: GNOME's is on the session bus.
            let order: [ActivitySourceKind] = desktopSession ? desktopInputSources : desktopInputSources + [.tty]
            if let first = order.first(where: { unavailable[$0] == nil }) {
                return ActivitySourceChoice(using: [first], notes: [])
            }
            let why = order.compactMap { kind in unavailable[kind].map { "\(kind.rawValue): \($0)" } }
            return ActivitySourceChoice(
                using: [.manual],
                notes: why + ["auto: no input source works here, so sitbreak counts sitting until told "
                    + "otherwise (`sitbreakctl away` / `back`)"])
        }
        var using: [ActivitySourceKind] = []
        var notes: [String] = []
        for kind in requested {
            if let why = unavailable[kind] {
                notes.append("\(kind.rawValue): \(why)")
            } else {
                using.append(kind)
            }
        }
        if using.isEmpty {
            using = [.manual]
            notes.append("none of the configured sources works here; using manual until one does")
        }
        return ActivitySourceChoice(using: using, notes: notes)
    }
}
