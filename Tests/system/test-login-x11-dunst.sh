#!/usr/bin/env bash
# Issue 21's proof on X11 with dunst, in the order a login happens (login-lib.sh): sitbreak
# runs under systemd --user first; an X server with a cookie (Xvfb -auth) starts later and
# hands DISPLAY and XAUTHORITY over as Debian's Xsession does (dbus-update-activation-environment
# --systemd); the next session announces itself through sitbreak's autostart entry. Input is
# xdotool; dunst is started by the bus on demand, paused with dunstctl, killed and started again.
#   bash Tests/system/test-login-x11-dunst.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/login-lib.sh"

if [ -z "${SYSTEM_TEST_WORK:-}" ]; then
    require_login_host Xvfb xauth xdotool dunst dunstctl import mcookie desktop-file-validate
fi
run_in_private_namespace "$@"

DESKTOP_NAME=x11-dunst
DESKTOP_SOURCE=x11
NOTIFICATION_SERVICE=org.knopwob.dunst.service

desktop_up() {
    start_x_session "$1"
    if [ "$1" = 1 ]; then
        HANDOVER_1="dbus-update-activation-environment --systemd DISPLAY XAUTHORITY"
        in_x_session dbus-update-activation-environment --systemd DISPLAY XAUTHORITY
    else
        HANDOVER_2="the autostart entry ~/.config/autostart/sitbreak-session.desktop"
        in_x_session sh -c "$(sed -n 's/^Exec=//p' "$TEST_HOME/.config/autostart/sitbreak-session.desktop")" > /dev/null
    fi
}

desktop_down() { user_systemctl stop xvfb-1.service; }
desktop_input() { x_input; }
screenshot() { x_screenshot "$1"; }
dnd() { in_x_session dunstctl set-paused "$([ "$1" = on ] && echo true || echo false)"; }
reminder_on_screen() { in_x_session dunstctl count displayed; }

check_login_desktop
