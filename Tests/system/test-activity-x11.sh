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
ldconfig -p | grep -q "libXss.so.1 " \
    || skip "libXss is not installed (apt install libxss1)"
prepare_activity_test
start_xvfb

write_config << 'EOF'
[break]
sit_limit = "30m"
length = "6s"
[activity]
sources = ["auto"]
[notify]
via = "terminal"
EOF
start_daemon
sources_are x11 || fail "auto with DISPLAY and no GNOME: sources are $(status_field .activity_sources), expected x11"
ctl doctor --json | jq -r '.sources[] | select(.source == "x11") | .check.detail' | grep -q "XSync IDLETIME alarms" \
    || fail "Xvfb's IDLETIME counter is not used: $(ctl doctor)"
pass "auto picks x11 when DISPLAY is set and nothing better runs; Xvfb's XSync IDLETIME alarms drive it"

keep_typing 20
state_is sitting || fail "typing: state is $(status_field .state), expected sitting"
[ "$(event_count natural_break)" = 0 ] || fail "typing: a natural break was recorded while typing"
[ "$(status_field .sitting_seconds)" -ge 18 ] || fail "typing: only $(status_field .sitting_seconds) s sitting after 20 s of typing"
pass "typing for 20 s (> 3 x break.length) keeps sitting: $(status_field .sitting_seconds) s, no natural break"

wait_until 12 eval '[ "$(event_count natural_break)" = 1 ]' || fail "no natural break 12 s after the last input (break.length 6 s)"
expect_state away 2 "after the natural break"
pass "no input for break.length records a natural break ($(grep -o 'Natural break: [^(]*' "$WORK/daemon.log" | tail -1))"

xdotool mousemove 400 300
expect_state sitting 2 "input while away (the IDLETIME input alarm)"
logged "SITBREAK_EVENT=back" || fail "the return was not recorded"
pass "the return is noticed within 2 s ($(grep -o 'Back after [^(]*' "$WORK/daemon.log" | tail -1))"

wait_until 10 eval '[ "$(event_count natural_break)" = 2 ]' || fail "the idle alarm did not fire a second time"
xdotool mousemove 300 300
expect_state sitting 2 "second return"
pass "the alarms re-arm: a second absence and return are seen too"

xvfb_display=$DISPLAY
kill "$XVFB_PID"
wait_until 10 sources_are manual || fail "X server gone: sources are $(status_field .activity_sources), expected manual"
status_field '.problems | join("\n")' | grep -q "x11: the X server at DISPLAY=$xvfb_display went away" \
    || fail "X server gone: status problems do not say so: $(status_field .problems)"
logged "SITBREAK_EVENT=source_changed.*SITBREAK_PREVIOUS_SOURCE=x11 SITBREAK_SOURCE=manual" \
    || fail "X server gone: no source_changed x11 -> manual in the journal fields"
pass "the X server going away falls back to manual (status problems and source_changed say so)"

Xvfb "$xvfb_display" -screen 0 1280x800x24 -nolisten tcp > "$WORK/xvfb-again.log" 2>&1 &
XVFB_PID=$!
STARTED_PIDS+=("$XVFB_PID")
# The first reconnection attempt comes a minute after the loss (X11ActivitySource's RetryBackoff).
wait_until 75 sources_are x11 || fail "X server back: sources are $(status_field .activity_sources), expected x11"
logged "SITBREAK_EVENT=source_changed.*SITBREAK_PREVIOUS_SOURCE=manual SITBREAK_SOURCE=x11" \
    || fail "X server back: no source_changed manual -> x11"
pass "the X server's return is picked up without a restart"
report_run_cost
stop_daemon

say "Cost with the default break.length (3m) and a mouse move every 2 s, for 60 s:"
write_config << 'EOF'
[activity]
sources = ["x11"]
[notify]
via = "terminal"
EOF
start_daemon
keep_typing 5
before=$(wakeups)
keep_typing 60
active_rate=$(awk -v n=$(($(wakeups) - before)) 'BEGIN { printf "%.1f", n }')
say "wake-ups: $active_rate per minute while typing"
awk -v r="$active_rate" 'BEGIN { exit !(r <= 6) }' || fail "cost: $active_rate wake-ups per minute while typing (target <= 6)"
pass "cost while typing: $active_rate wake-ups per minute (target <= 6)"
stop_daemon

write_config << 'EOF'
[break]
length = "10s"
[activity]
sources = ["x11"]
[notify]
via = "terminal"
EOF
start_daemon
expect_state away 20 "cost: no input"
away_rate=$(wakeups_per_minute_over 60)
say "wake-ups: $away_rate per minute while away"
awk -v r="$away_rate" 'BEGIN { exit !(r <= 2) }' || fail "cost: $away_rate wake-ups per minute while away (target <= 2)"
pass "cost while away: $away_rate wake-ups per minute (target <= 2)"
report_run_cost
stop_daemon
