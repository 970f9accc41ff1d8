import SitBreakCLI

/// sitbreakctl(1)'s sections beyond its commands.
enum SitbreakCtlManual {
    static let sections = [
        ManualSection("EXIT STATUS", [
            .init("0", "Done."),
            .init("1", "Refused or invalid: a usage error, a request sitbreakd refused, a config that does not load. The message says why."),
            .init("3", "sitbreakd is not reachable. The message says how to start it."),
        ]),
        ManualSection("ENVIRONMENT", [
            .init("XDG_RUNTIME_DIR", "Where the control socket is: $XDG_RUNTIME_DIR/sitbreak/control.sock. Only the commands that talk to sitbreakd need it; stats, exercises and config read files."),
            .init("XDG_CONFIG_HOME", "Your config.toml and exercises.toml are in $XDG_CONFIG_HOME/sitbreak (default ~/.config/sitbreak)."),
            .init("XDG_CONFIG_DIRS", "Site defaults: sitbreak/config.toml in each of these directories, the first the most important (default /etc/xdg)."),
            .init("XDG_STATE_HOME", "The history that stats reads is $XDG_STATE_HOME/sitbreak/history.sqlite3 (default ~/.local/state/sitbreak)."),
            .init("NO_COLOR", "When set, stats prints no colour."),
        ]),
        ManualSection("FILES", [
            .init("~/.config/sitbreak/config.toml", "Your settings, over the site defaults; see sitbreak.toml(5)."),
            .init("/etc/xdg/sitbreak/config.toml", "The site defaults an administrator sets for every user."),
            .init("~/.config/sitbreak/exercises.toml", "Your own moves, laid over the built-in library."),
            .init("~/.local/state/sitbreak/history.sqlite3", "Every reminder, snooze, skip and break, for stats."),
            .init("$XDG_RUNTIME_DIR/sitbreak/control.sock", "sitbreakd's control socket (from sitbreak.socket)."),
        ]),
        ManualSection("EXAMPLES", [
            .init("sitbreakctl", "How long you have sat, what comes next, today's totals."),
            .init("sitbreakctl snooze 20m", "Move the next reminder 20 minutes out."),
            .init("sitbreakctl break --move standing-march", "Start a break, guided through that move."),
            .init("sitbreakctl status -jf", "One JSON line per change, for a status bar."),
            .init("sitbreakctl stats --week", "This week's sitting and breaks."),
            .init("sitbreakctl config", "The settings in effect, each with the file it comes from."),
        ]),
    ]
}
