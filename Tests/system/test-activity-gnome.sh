#!/usr/bin/env bash
# Issue 5's gnome proof: sitbreakd follows real Mutter 43's org.gnome.Mutter.IdleMonitor on a
# private session bus (no polling: AddIdleWatch for "away", a one-shot AddUserActiveWatch for
# "back"). On Xvfb with xdotool input: typing keeps `sitting`, no input for `break.length`
# records a natural break, the return is noticed at once. Killing Mutter mid-run falls back to
# x11 and its return brings gnome back, without a restart. Then headless Wayland Mutter with
# input through org.gnome.Mutter.RemoteDesktop. Reports wake-ups per minute (targets: <= 6
# while typing with the default break length, <= 2 once away).
#   bash Tests/system/test-activity-gnome.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/activity-lib.sh"

require_activity_host Xvfb xdotool mutter dbus-send
require_python_dbus
prepare_activity_test
start_xvfb
start_session_bus
MUTTER_RUNTIME_DIR=$WORK/mutter-run
mkdir -p -m 0700 "$MUTTER_RUNTIME_DIR"

idle_monitor_runs() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.gnome.Mutter.IdleMonitor 2> /dev/null | finds 'boolean true'
}

start_mutter() {
    XDG_RUNTIME_DIR=$MUTTER_RUNTIME_DIR start_background mutter mutter "$@"
    MUTTER_PID=$LAST_PID
    wait_until 20 idle_monitor_runs || fail "setup: Mutter did not come up ($(tail -3 "$WORK/mutter.log"))"
}

start_mutter --x11 --replace --sm-disable
start_auto_daemon
sources_are gnome || fail "auto under Mutter: sources are $(status_field .activity_sources), expected gnome"
pass "auto picks gnome where org.gnome.Mutter.IdleMonitor runs"

check_absence_and_return "the user-active watch"

kill "$MUTTER_PID"
check_fallback "Mutter killed" gnome x11 "^gnome: .*using x11 until it returns"
keep_typing 10
state_is sitting || fail "typing on the x11 fallback: state is $(status_field .state)"
pass "Mutter killed mid-run: falls back to x11 (status problems, source_changed), typing still counts"

start_mutter --x11 --replace --sm-disable
check_source_returns "Mutter back" x11 gnome 10
[ "$(status_field '.problems | length')" = 0 ] || fail "Mutter back: problems remain: $(status_field .problems)"
naturals=$(event_count natural_break)
wait_until 12 eval '[ "$(event_count natural_break)" -gt "$naturals" ]' || fail "Mutter back: no natural break from its watch"
xdotool mousemove 200 200
expect_state sitting 2 "return under the new Mutter"
pass "Mutter's return brings gnome back without a restart, with its watches set up again"
report_run_cost
stop_daemon

check_wakeup_budget gnome 15
kill "$MUTTER_PID"
wait_until 10 has_exited "$MUTTER_PID"

# GNOME on Wayland: headless Mutter, input through its RemoteDesktop interface from a client
# that keeps its session open.
unset DISPLAY
start_mutter --headless --virtual-monitor 1280x800 --wayland --no-x11 --wayland-display sitbreak-test
start_remote_desktop_pointer
export WAYLAND_DISPLAY=sitbreak-test
start_auto_daemon
sources_are gnome || fail "Wayland: sources are $(status_field .activity_sources), expected gnome"
for _ in 1 2 3 4 5 6 7; do move_pointer; sleep 2; done
state_is sitting || fail "Wayland: pointer motion did not keep sitting (state $(status_field .state))"
[ "$(event_count natural_break)" = 0 ] || fail "Wayland: a natural break was recorded during pointer motion"
wait_until 10 eval '[ "$(event_count natural_break)" = 1 ]' || fail "Wayland: no natural break after break.length"
move_pointer
expect_state sitting 2 "Wayland: pointer motion while away"
pass "headless Wayland Mutter: RemoteDesktop motion keeps sitting, no input records a natural break, the return is seen"
report_run_cost
stop_daemon

# The true-break rules with real RemoteDesktop input and Mutter's own GetIdletime.
user_input() { move_pointer; }
check_true_breaks gnome
