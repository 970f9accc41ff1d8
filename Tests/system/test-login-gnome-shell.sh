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

prepare_home() { start_system_bus; }

desktop_up() {
    # Session 1 hands nothing over: the shell's start is the hand-over.
    HANDED_OVER_AT=$(date +%s.%N)
    start_gnome_shell "$1"
    if [ "$1" = 2 ]; then
        HANDOVER_2="WAYLAND_DISPLAY set in the user manager, as gnome-session does"
        HANDED_OVER_AT=$(date +%s.%N)
        as_user dbus-update-activation-environment --systemd WAYLAND_DISPLAY="gnome-$1" XDG_CURRENT_DESKTOP=GNOME
    else
        HANDOVER_1="nothing handed over: GNOME's idle monitor appears on the session bus"
    fi
    wait_until 10 name_owned org.freedesktop.Notifications || fail "setup: the shell's notification service did not start"
}

desktop_down() { stop_gnome_shell 1; }
desktop_input() { gnome_input; }
screenshot() { gnome_screenshot "$1"; }
dnd() { as_user gsettings set org.gnome.desktop.notifications show-banners "$([ "$1" = on ] && echo false || echo true)"; }

# GNOME lists an application in Settings → Notifications once it has shown a notification
# naming its desktop entry (the desktop-entry hint, sitbreak.desktop installed).
check_more_sessions() {
    local children
    children=$(as_user gsettings get org.gnome.desktop.notifications application-children)
    grep -q "'sitbreak'" <<< "$children" || fail "GNOME Settings → Notifications does not list sitbreak: $children"
    pass "sitbreak is listed in GNOME Settings → Notifications (application-children $children)"
}

check_login_desktop
