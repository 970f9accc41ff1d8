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

# As the session's programs run: the display, its cookie and the user's bus.
in_session() { as_user env DISPLAY="$SESSION_DISPLAY" XAUTHORITY="$TEST_HOME/.Xauthority" "$@"; }

desktop_up() {
    SESSION_DISPLAY=":$((40 + $1))"
    as_user xauth -q -f "$TEST_HOME/.Xauthority" add "$SESSION_DISPLAY" . "$(mcookie)"
    run_unit "xvfb-$1" Xvfb "$SESSION_DISPLAY" -auth "$TEST_HOME/.Xauthority" -screen 0 1280x800x24 -nolisten tcp
    wait_until 10 test -S "/tmp/.X11-unix/X${SESSION_DISPLAY#:}" || fail "setup: Xvfb $SESSION_DISPLAY did not start"
    if [ "$1" = 1 ]; then
        HANDOVER_1="dbus-update-activation-environment --systemd DISPLAY XAUTHORITY"
        in_session dbus-update-activation-environment --systemd DISPLAY XAUTHORITY
    else
        HANDOVER_2="the autostart entry ~/.config/autostart/sitbreak-session.desktop"
        in_session sh -c "$(sed -n 's/^Exec=//p' "$TEST_HOME/.config/autostart/sitbreak-session.desktop")" > /dev/null
    fi
}

desktop_down() { user_systemctl stop xvfb-1.service; }

desktop_input() {
    INPUT_X=$((${INPUT_X:-100} == 100 ? 110 : 100))
    in_session xdotool mousemove "$INPUT_X" 100
}

dnd() { in_session dunstctl set-paused "$([ "$1" = on ] && echo true || echo false)"; }

reminder_on_screen() { in_session dunstctl count displayed; }

screenshot() {
    in_session import -window root "$TEST_HOME/shot.png" && cp "$TEST_HOME/shot.png" "$1"
}

check_login_desktop
