#!/usr/bin/env bash
# Issue 5's x11 proof: sitbreakd follows the idle time of a real X server (Xvfb: XSync IDLETIME
# alarms, MIT-SCREEN-SAVER for the first reading, through libX11/libXss/libXext loaded at run
# time) while xdotool types: typing keeps it `sitting`, no input for `break.length` records a
# natural break, the return is noticed at once; the X server going away falls back to `manual`
# and its return is picked up without a restart. Reports the daemon's wake-ups per minute
# (targets: <= 6 with continuous input and the default break length, <= 2 once away) and
# checks it never starts a child process. (Xvfb cannot run without SYNC, so the polling used
# where a server lacks IDLETIME is not reached here.)
#   bash Tests/system/test-activity-x11.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/activity-lib.sh"

require_activity_host Xvfb xdotool
ldconfig -p | finds "libXss.so.1 " \
    || skip "libXss is not installed (apt install libxss1)"
prepare_activity_test
start_xvfb

start_auto_daemon
sources_are x11 || fail "auto with DISPLAY and no GNOME: sources are $(status_field .activity_sources), expected x11"
# doctor exits 1 when it lists a problem (here, where no notification server runs): only the
# x11 check's own words matter.
x11_check=$(ctl doctor --json | jq -r '.sources[] | select(.source == "x11") | .check.detail')
grep -q "XSync IDLETIME alarms" <<<"$x11_check" \
    || fail "Xvfb's IDLETIME counter is not used: $(ctl doctor)"
pass "auto picks x11 when DISPLAY is set and nothing better runs; Xvfb's XSync IDLETIME alarms drive it"

check_absence_and_return "the IDLETIME input alarm"

xvfb_display=$DISPLAY
kill "$XVFB_PID"
check_fallback "X server gone" x11 manual "x11: the X server at DISPLAY=$xvfb_display went away"
pass "the X server going away falls back to manual (status problems and source_changed say so)"

Xvfb "$xvfb_display" -screen 0 1280x800x24 -nolisten tcp > "$WORK/xvfb-again.log" 2>&1 &
XVFB_PID=$!
STARTED_PIDS+=("$XVFB_PID")
# Its socket appearing in /tmp/.X11-unix makes sitbreakd try again at once, bus or none; else
# the first attempt would come a minute after the loss (X11ActivitySource's RetryBackoff).
check_source_returns "X server back" manual x11 10
pass "the X server's return is picked up at once (its socket appeared), without a restart"
report_run_cost
stop_daemon

# An X11 desktop session has a session bus (Debian's dbus-user-session): without one, what the
# first minute would measure is sitbreakd looking for the bus (after 0.5 s, doubling up to
# 15 min), not the X source.
start_session_bus
check_wakeup_budget x11 20

check_true_breaks x11
