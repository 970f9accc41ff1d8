#!/usr/bin/env bash
# Issue 21's proof on KDE Plasma 5.27 (X11), in the order a login happens (login-lib.sh):
# sitbreak runs under systemd --user first; an X server with a cookie starts later, and Plasma's
# own startplasma-x11 hands the session over as it does for every Plasma user (its
# UpdateLaunchEnvironment job: the bus's activation environment and the user manager's
# SetEnvironment), then starts plasma-workspace-x11.target, which binds graphical-session.target.
# Reminders go to plasmashell's notification server (the bus starts plasma_waitforname for
# it); do-not-disturb is the setting Plasma's notification switch writes (plasmanotifyrc,
# announced with KConfig's change notification), which plasmashell announces as the server's
# `Inhibited`; plasmashell is killed and systemd starts it again. After the second login, the
# tray: sitbreak's item in Plasma's panel, its menu and a click on it. Input is xdotool.
#   bash Tests/system/test-login-plasma.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/login-lib.sh"

if [ -z "${SYSTEM_TEST_WORK:-}" ]; then
    require_login_host Xvfb xauth xdotool import mcookie startplasma-x11 plasmashell kwin_x11 kwriteconfig5
fi
run_in_private_namespace "$@"

DESKTOP_NAME=plasma
DESKTOP_SOURCE=x11
NOTIFICATION_SERVICE=org.kde.plasma.Notifications.service
# plasmashell, killed, is started again by its unit and loads its panels before it serves.
SERVER_RESTART_LIMIT=40

desktop_up() {
    start_x_session "$1"
    eval "HANDOVER_$1=\"startplasma-x11 (UpdateLaunchEnvironment, then plasma-workspace-x11.target)\""
    HANDED_OVER_AT=$(date +%s.%N)
    # As a display manager starts it: the session's own environment, not the manager's.
    run_unit "plasma-session-$1" -E DISPLAY="$SESSION_DISPLAY" -E XAUTHORITY="$SESSION_XAUTHORITY" \
        -E XDG_SESSION_TYPE=x11 -E XDG_CURRENT_DESKTOP=KDE -E KDE_FULL_SESSION=true \
        -E QT_QUICK_BACKEND=software -E KWIN_COMPOSE=N startplasma-x11
}

desktop_down() {
    user_systemctl stop "plasma-session-*.service" plasma-workspace-x11.target graphical-session.target "xvfb-*.service"
    user_systemctl unset-environment DISPLAY XAUTHORITY XDG_CURRENT_DESKTOP KDE_FULL_SESSION XDG_SESSION_TYPE
}

desktop_input() { x_input; }
screenshot() { x_screenshot "$1"; }
# Plasma's notification settings keep do-not-disturb as the time it ends, and announce the
# change as KConfig's Notify flag does (Debian 12's kwriteconfig5 has no --notify): plasmashell
# reads it again and says so in the server's Inhibited.
dnd() {
    if [ "$1" = on ]; then
        as_user kwriteconfig5 --file plasmanotifyrc --group DoNotDisturb --key Until "$(date -d '+1 hour' '+%Y,%-m,%-d,%-H,%-M,%-S')"
    else
        as_user kwriteconfig5 --file plasmanotifyrc --group DoNotDisturb --key Until --delete
    fi
    # {"DoNotDisturb": ["Until"]}, the key as bytes.
    as_user busctl --user emit /plasmanotifyrc org.kde.kconfig.notify ConfigChanged 'a{saay}' 1 DoNotDisturb 1 5 85 110 116 105 108
}

# Plasma's system tray is the StatusNotifierItem host of the desktop that wrote the protocol:
# after the second login's plasmashell, sitbreak's item is in the panel in its state's colour;
# a real right click opens the menu Plasma builds from com.canonical.dbusmenu, and a real left
# click on the due icon starts the break.
PANEL=1280x50+0+750
PANEL_SHOT=$SYSTEM_TEST_WORK/panel.png
panel_shows() { screenshot "$PANEL_SHOT" && [ "$(region_pixels "$PANEL_SHOT" "$PANEL" "$1")" -ge 20 ]; }
check_more_sessions() {
    local x y before changed
    # A natural break first: the sitting of session 1 is long overdue.
    wait_until $((LOGIN_LENGTH + 5)) state_is away || fail "tray: no natural break before the check: $(status_field .state)"
    typing_until 15 panel_shows "$TRAY_GREEN" \
        || fail "tray: no green sitbreak icon in Plasma's panel ($(region_pixels "$PANEL_SHOT" "$PANEL" "$TRAY_GREEN") px); tray: $(status_field .tray)"
    pass "tray: after the second login sitbreak's icon is in Plasma's system tray, in the sitting green ($(region_pixels "$PANEL_SHOT" "$PANEL" "$TRAY_GREEN") px)"
    typing_until $((LOGIN_SIT_LIMIT + 15)) panel_shows "$TRAY_AMBER" \
        || fail "tray: the icon did not turn amber when the reminder came due: state $(status_field .state)"
    read -r x y <<< "$(region_box "$PANEL_SHOT" "$PANEL" "$TRAY_AMBER" 20 900)"
    [ -n "${x:-}" ] || fail "tray: no icon-sized amber patch in the panel"
    x=${x%.*} y=$((${y%.*} + 750))
    pass "tray: a reminder came due and the icon turned amber, at ($x, $y)"

    cp "$PANEL_SHOT" "$SYSTEM_TEST_WORK/before-click.png"
    changed() { screenshot "$SYSTEM_TEST_WORK/menu.png" && compare -metric AE -fuzz 5% "$SYSTEM_TEST_WORK/before-click.png" "$SYSTEM_TEST_WORK/menu.png" null: 2>&1 | cut -d' ' -f1; }
    in_x_session xdotool mousemove "$x" "$y" click 3
    wait_until 5 eval '[ "$(changed)" -ge 5000 ]' || fail "tray: a right click on the icon opened no menu ($(changed) px changed)"
    convert "$SYSTEM_TEST_WORK/menu.png" -crop 560x500+720+300 +repage "$SYSTEM_TEST_WORK/menu-crop.png"
    keep_shot "$SYSTEM_TEST_WORK/menu-crop.png" tray-menu-plasma.png
    pass "tray: a real right click opened Plasma's menu from com.canonical.dbusmenu ($(changed) px changed)"
    in_x_session xdotool key Escape
    wait_until 5 eval '[ "$(changed)" -lt 5000 ]' || fail "tray: Escape did not close the menu"

    in_x_session xdotool mousemove "$x" "$y" click 1
    wait_until 5 state_is break || fail "tray: a left click on the due icon did not start the break: state $(status_field .state)"
    wait_until 10 panel_shows "$TRAY_BLUE" || fail "tray: the panel does not show the break's blue"
    pass "tray: a real left click on the due icon (Activate) started the break: state break, the icon blue in the panel"
}

check_login_desktop
