#!/usr/bin/env bash
# Issue 21's proof on a real GNOME Shell 43 (headless Wayland), in the order a login happens
# (login-lib.sh): sitbreak runs under systemd --user first; GNOME Shell starts later as the
# test user on the same user bus and hands nothing over at first: its idle monitor appearing on
# the bus is enough (org.gnome.Mutter.IdleMonitor needs no display variable). The next session
# sets WAYLAND_DISPLAY in the user manager as gnome-session does. Input is real pointer motion
# through org.gnome.Mutter.RemoteDesktop; do-not-disturb is the top bar's switch
# (show-banners, through dconf); the shell's notification service is killed and started again.
#   bash Tests/system/test-login-gnome-shell.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/login-lib.sh"

if [ -z "${SYSTEM_TEST_WORK:-}" ]; then
    require_login_host gnome-shell gjs gsettings dbus-daemon
    "$PYTHON" -c 'import dbus' 2> /dev/null || skip "python3-dbus is not installed (make test-deps)"
fi
run_in_private_namespace "$@"

DESKTOP_NAME=gnome-shell
DESKTOP_SOURCE=gnome
NOTIFICATION_SERVICE=

# GNOME Shell needs a system bus; this namespace has none: one that lets everything through.
start_system_bus() {
    mkdir -p /run/dbus
    cat > "$SYSTEM_TEST_WORK/system-bus.conf" << 'EOF2'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow receive_sender="*"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF2
    dbus-daemon --config-file="$SYSTEM_TEST_WORK/system-bus.conf" --fork --print-pid > "$SYSTEM_TEST_WORK/system-bus.pid" \
        || fail "setup: no system bus"
    STARTED_OUTSIDE+=("$(cat "$SYSTEM_TEST_WORK/system-bus.pid")")
}

prepare_home() { start_system_bus; }

name_owned() { as_user busctl --user status "$1" > /dev/null 2>&1; }

desktop_up() {
    # Session 1 hands nothing over: the shell's start is the hand-over.
    HANDED_OVER_AT=$(date +%s.%N)
    run_unit "gnome-shell-$1" -E XDG_SESSION_TYPE=wayland \
        gnome-shell --headless --wayland --no-x11 --virtual-monitor 1280x800 --wayland-display "gnome-$1"
    wait_until 30 name_owned org.gnome.Mutter.IdleMonitor || fail "setup: GNOME Shell did not come up"
    if [ "$1" = 2 ]; then
        HANDOVER_2="WAYLAND_DISPLAY set in the user manager, as gnome-session does"
        HANDED_OVER_AT=$(date +%s.%N)
        as_user dbus-update-activation-environment --systemd WAYLAND_DISPLAY="gnome-$1" XDG_CURRENT_DESKTOP=GNOME
    else
        HANDOVER_1="nothing handed over: GNOME's idle monitor appears on the session bus"
    fi
    wait_until 10 name_owned org.gnome.Mutter.RemoteDesktop || fail "setup: no RemoteDesktop"
    wait_until 10 name_owned org.freedesktop.Notifications || fail "setup: the shell's notification service did not start"
    coproc POINTER { as_user "$PYTHON" "$REPO/Tests/system/remote-desktop-pointer.py" 2> "$TEST_HOME/pointer.log"; }
    local ready
    read -r -t 10 ready <&"${POINTER[0]}" && [ "$ready" = ready ] || fail "setup: no RemoteDesktop session ($(cat "$TEST_HOME/pointer.log"))"
}

desktop_down() {
    exec {POINTER[1]}>&-
    user_systemctl stop gnome-shell-1.service
}

desktop_input() {
    local answer
    echo move >&"${POINTER[1]}"
    read -r -t 5 answer <&"${POINTER[0]}" && [ "$answer" = moved ] || fail "RemoteDesktop motion failed ($(cat "$TEST_HOME/pointer.log"))"
}

screenshot() {
    as_user "$PYTHON" "$REPO/Tests/system/gnome-shell-screenshot.py" "$TEST_HOME/shot.png" && cp "$TEST_HOME/shot.png" "$1"
}

dnd() { as_user gsettings set org.gnome.desktop.notifications show-banners "$([ "$1" = on ] && echo false || echo true)"; }

check_login_desktop
