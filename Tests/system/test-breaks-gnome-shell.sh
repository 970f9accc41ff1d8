#!/usr/bin/env bash
# Issue 14's proof on a real GNOME Shell 43 (headless Wayland, ../shared/notes/gnome-shell-headless.md):
# input is real pointer motion through org.gnome.Mutter.RemoteDesktop, and sitbreakd judges
# each break by the shell's own IdleMonitor.GetIdletime. A started break while the pointer
# keeps moving is not taken and is abandoned after break.grace; a started break followed by
# break.length without input is taken, with `gnome` as its evidence; `done` after it is
# refused; a daemon start without input counts no natural break; a 1 s blip in an absence
# does not split it.
#   bash Tests/system/test-breaks-gnome-shell.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/activity-lib.sh"

require_activity_host gnome-shell gjs unshare dbus-send
require_python_dbus
prepare_activity_test

# Only the services the shell needs may be activated: another notification server's service
# file (dunst) in the standard directory would win org.freedesktop.Notifications.
SERVICE_DIR=$WORK/services
mkdir -p "$SERVICE_DIR"
for service in ca.desrt.dconf org.gnome.Shell.Notifications org.gnome.ScreenSaver; do
    [ -e "/usr/share/dbus-1/services/$service.service" ] && cp "/usr/share/dbus-1/services/$service.service" "$SERVICE_DIR/"
done

start_session_bus "$SERVICE_DIR"
start_system_bus

name_has_owner() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$1" 2> /dev/null | grep -q 'boolean true'
}

SHELL_RUNTIME_DIR=$WORK/shell-run
mkdir -p -m 0700 "$SHELL_RUNTIME_DIR"
# With /run/systemd/seats present and no logind on this system bus, the shell waits 25 s for
# logind and dies: it runs in a mount namespace of its own with /run/systemd empty.
start_background gnome-shell env HOME="$TEST_HOME" XDG_RUNTIME_DIR="$SHELL_RUNTIME_DIR" \
    XDG_CONFIG_HOME="$TEST_HOME/config" XDG_STATE_HOME="$TEST_HOME/state" LANG=C.UTF-8 \
    unshare --mount --propagation private sh -c \
    'mount -t tmpfs tmpfs /run/systemd && exec gnome-shell --headless --wayland --no-x11 --virtual-monitor 1280x800 --wayland-display sitbreak-gs'
SHELL_PID=$LAST_PID
wait_until 30 name_has_owner org.gnome.Mutter.IdleMonitor || fail "setup: GNOME Shell did not come up ($(tail -5 "$WORK/gnome-shell.log"))"
wait_until 10 name_has_owner org.gnome.Mutter.RemoteDesktop || fail "setup: no RemoteDesktop ($(tail -5 "$WORK/gnome-shell.log"))"
pass "GNOME Shell $(gnome-shell --version | grep -o '[0-9.]*$') runs headless, with its IdleMonitor and RemoteDesktop on the session bus"

start_remote_desktop_pointer
user_input() { move_pointer; }

export WAYLAND_DISPLAY=sitbreak-gs
check_true_breaks gnome
kill "$SHELL_PID"
