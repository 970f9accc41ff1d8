import SitBreakCLI

/// sitbreakd(1)'s sections beyond its options.
enum SitbreakdManual {
    static let sections = [
        ManualSection("EXIT STATUS", [
            .init("0", "Stopped as asked (SIGTERM, SIGINT), or --check-config found the config valid."),
            .init("1", "Could not run: no XDG_RUNTIME_DIR, another sitbreakd of this user, a --config file that does not exist, or --check-config found an error. A broken config at start is not one of them: sitbreakd runs on the last config that loaded and says so."),
            .init("64", "A usage error (EX_USAGE): an unknown option or a missing value."),
        ]),
        ManualSection("ENVIRONMENT", [
            .init("XDG_RUNTIME_DIR", "The control socket goes in $XDG_RUNTIME_DIR/sitbreak; required."),
            .init("XDG_CONFIG_HOME", "The config is $XDG_CONFIG_HOME/sitbreak/config.toml (default ~/.config/sitbreak/config.toml)."),
            .init("XDG_CONFIG_DIRS", "Site defaults: sitbreak/config.toml in each of these directories, under the user's file (default /etc/xdg)."),
            .init("XDG_STATE_HOME", "State and history go in $XDG_STATE_HOME/sitbreak (default ~/.local/state/sitbreak)."),
            .init("DISPLAY, WAYLAND_DISPLAY, DBUS_SESSION_BUS_ADDRESS", "The desktop session to watch; `sitbreakctl desktop` hands over one that starts later."),
        ]),
        ManualSection("FILES", [
            .init("~/.config/sitbreak/config.toml", "The user's settings; see sitbreak.toml(5)."),
            .init("/etc/xdg/sitbreak/config.toml", "The site defaults."),
            .init("~/.local/state/sitbreak/state.json", "Today's totals and the current stretch, saved atomically."),
            .init("~/.local/state/sitbreak/history.sqlite3", "Every reminder, snooze, skip and break."),
            .init("~/.local/state/sitbreak/config.last-good.toml", "The last config that loaded, run on when the config is broken at start."),
            .init("/usr/lib/systemd/user/sitbreak.service, sitbreak.socket", "The user units."),
        ]),
        ManualSection("EXAMPLES", [
            .init("systemctl --user status sitbreak", "Whether it runs, and the one-line status it reports."),
            .init("sitbreakd --check-config", "Check the config it would read."),
            .init("journalctl --user -u sitbreak SITBREAK_EVENT=reminder", "Every reminder, with how long you sat."),
        ]),
    ]
}
