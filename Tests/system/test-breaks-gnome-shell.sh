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

start_gnome_session_bus
start_system_bus

name_has_owner() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$1" 2> /dev/null | finds 'boolean true'
}

start_headless_gnome_shell
wait_until 30 name_has_owner org.gnome.Mutter.IdleMonitor || fail "setup: GNOME Shell did not come up ($(tail -5 "$WORK/gnome-shell.log"))"
wait_until 10 name_has_owner org.gnome.Mutter.RemoteDesktop || fail "setup: no RemoteDesktop ($(tail -5 "$WORK/gnome-shell.log"))"
pass "GNOME Shell $(gnome-shell --version | grep -o '[0-9.]*$') runs headless, with its IdleMonitor and RemoteDesktop on the session bus"

start_remote_desktop_pointer
user_input() { move_pointer; }

export WAYLAND_DISPLAY=sitbreak-gs
check_true_breaks gnome
kill "$SHELL_PID"
