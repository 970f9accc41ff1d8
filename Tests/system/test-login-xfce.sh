#!/usr/bin/env bash
# Issue 21's proof on X11 with Xfce's notification daemon (xfce4-notifyd 0.7), in the order a
# login happens (login-lib.sh): sitbreak runs under systemd --user first; an X server with a
# cookie starts later, its DISPLAY and XAUTHORITY go to the user manager through its private
# socket (`systemctl --user import-environment`, which no bus message shows) and the session
# starts graphical-session.target, which sitbreakd hears. Input is xdotool; do-not-disturb is
# xfce4-notifyd's own switch in xfconf; the server is started by the bus, killed and started again.
#   bash Tests/system/test-login-xfce.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/login-lib.sh"

if [ -z "${SYSTEM_TEST_WORK:-}" ]; then
    require_login_host Xvfb xauth xdotool import mcookie xfconf-query /usr/lib/x86_64-linux-gnu/xfce4/notifyd/xfce4-notifyd
fi
run_in_private_namespace "$@"

DESKTOP_NAME=xfce
DESKTOP_SOURCE=x11
NOTIFICATION_SERVICE=org.xfce.xfce4-notifyd.Notifications.service

# What an Xfce session started by systemd pulls in: graphical-session.target.
prepare_home() {
    as_user mkdir -p "$TEST_HOME/.config/systemd/user"
    as_user tee "$TEST_HOME/.config/systemd/user/xfce-test-session.target" > /dev/null << 'EOF2'
[Unit]
Description=An Xfce session for the test
Wants=graphical-session.target
Before=graphical-session.target
EOF2
}

desktop_up() {
    start_x_session "$1"
    eval "HANDOVER_$1=\"systemctl --user import-environment, then graphical-session.target\""
    in_x_session systemctl --user import-environment DISPLAY XAUTHORITY
    HANDED_OVER_AT=$(date +%s.%N)
    user_systemctl start xfce-test-session.target
}

desktop_down() {
    user_systemctl stop xfce-test-session.target xvfb-1.service
    user_systemctl unset-environment DISPLAY XAUTHORITY
}

desktop_input() { x_input; }
screenshot() { x_screenshot "$1"; }
dnd() { as_user xfconf-query -c xfce4-notifyd -p /do-not-disturb -n -t bool -s "$([ "$1" = on ] && echo true || echo false)"; }

check_login_desktop
