#!/usr/bin/env bash
# Issue 5's lock, sleep and logind proof. The real systemd-logind cannot create sessions here
# (no systemd as PID 1), so the logind source is tested against logind-stand-in.py on a private
# system bus, implementing the documented User.Display, Session IdleHint/LockedHint with
# PropertiesChanged, Lock/Unlock, Manager Inhibit and PrepareForSleep; desktop lockers against
# screen-saver-stand-in.py (GNOME's and KDE's ScreenSaver). Input is real: Xvfb and xdotool.
# Proves: auto uses x11 + logind; a lock is away and hides input, shorter than break.length it
# is still sitting, longer a natural break; a Lock request ends with input; GNOME and KDE
# ActiveChanged; PrepareForSleep saves the state before the inhibitor is released and takes a
# new one after waking; logind's idle hint alone; logind leaving and returning.
#   bash Tests/system/test-activity-logind.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/activity-lib.sh"

require_activity_host Xvfb xdotool dbus-send
require_python_dbus
prepare_activity_test
start_xvfb
start_session_bus
start_system_bus
start_stand_in logind logind-stand-in.py "$DBUS_SYSTEM_BUS_ADDRESS"
LOGIND_PID=$LAST_PID
start_stand_in gnome-locker screen-saver-stand-in.py "$DBUS_SESSION_BUS_ADDRESS" gnome
start_stand_in kde-locker screen-saver-stand-in.py "$DBUS_SESSION_BUS_ADDRESS" kde

stand_in() {
    local member=$1
    shift
    dbus-send --system --print-reply --dest=org.freedesktop.login1 /org/sitbreak/LogindStandIn \
        "org.sitbreak.LogindStandIn.$member" "$@"
}
locker() {
    dbus-send --session --print-reply --dest="$1" /org/sitbreak/ScreenSaverStandIn \
        org.sitbreak.ScreenSaverStandIn.SetActive "boolean:$2" > /dev/null
}
natural_breaks_locked() { grep -c 'Natural break: screen locked' "$WORK/daemon.log"; }

# Typing in the background, so the lock is tested while input goes on.
start_typing() {
    keep_typing "$1" &
    TYPING_PID=$!
    STARTED_PIDS+=("$TYPING_PID")
}

start_auto_daemon
sources_are x11,logind || fail "auto: sources are $(status_field .activity_sources), expected x11,logind"
wait_until 5 eval '[ "$(stand_in Inhibitors | grep -o "int32 [0-9]*")" = "int32 1" ]' \
    || fail "no delay inhibitor taken: $(stand_in Journal)"
pass "auto with DISPLAY: x11 for input plus logind for locks and sleep, holding one sleep delay inhibitor"

start_typing 60
# Long enough at the desk before the locks that the long one ends a real sit (min_sit 5 s).
sleep 4
stand_in SetLocked boolean:true > /dev/null
expect_state away 2 "LockedHint true while typing"
sleep 3
state_is away || fail "typing behind a locked screen counted as presence"
stand_in SetLocked boolean:false > /dev/null
expect_state sitting 2 "LockedHint false"
[ "$(natural_breaks_locked)" = 0 ] || fail "a 3 s lock (break.length 6 s) became a natural break"
pass "a lock shorter than break.length is still sitting, and typing behind it does not count"

stand_in SetLocked boolean:true > /dev/null
wait_until 10 eval '[ "$(natural_breaks_locked)" = 1 ]' || fail "a lock longer than break.length was no natural break"
state_is away || fail "locked past break.length: state is $(status_field .state)"
stand_in SetLocked boolean:false > /dev/null
expect_state sitting 2 "unlock after a long lock"
pass "a lock longer than break.length is a natural break ($(grep -o 'Natural break: screen locked[^(]*' "$WORK/daemon.log" | tail -1)), the unlock is a return"
kill "$TYPING_PID"

stand_in EmitLock > /dev/null
expect_state away 2 "the Lock signal"
xdotool mousemove 500 500
expect_state sitting 35 "input after a Lock request with no LockedHint"
stand_in EmitLock > /dev/null
expect_state away 2 "a second Lock signal"
stand_in EmitUnlock > /dev/null
expect_state sitting 2 "the Unlock signal"
pass "logind's Lock/Unlock signals: away until Unlock, or until input when no locker confirms it"

for name in org.gnome.ScreenSaver org.freedesktop.ScreenSaver; do
    start_typing 15
    sleep 1
    locker "$name" true
    expect_state away 2 "$name ActiveChanged(true)"
    sleep 3
    state_is away || fail "$name: typing behind the locked screen counted"
    locker "$name" false
    expect_state sitting 2 "$name ActiveChanged(false)"
    kill "$TYPING_PID"
    pass "$name ActiveChanged: locked is away (input hidden), unlocked is back"
done

saves_before=$(stat -c %.6Y "$TEST_HOME/state/sitbreak/state.json")
stand_in Sleep double:2 > /dev/null
wait_until 10 eval 'stand_in Journal | finds "prepare-for-sleep false"' || fail "the stand-in never woke: $(stand_in Journal)"
journal=$(stand_in Journal | grep -o '"[0-9.]* [^"]*"' | tr -d '"')
prepare=$(awk '/prepare-for-sleep true/ { t = $1 } END { print t }' <<< "$journal")
released=$(awk -v p="$prepare" '$1 >= p && /inhibitor-released/ { print $1; exit }' <<< "$journal")
saved=$(stat -c %.6Y "$TEST_HOME/state/sitbreak/state.json")
[ -n "$released" ] || fail "PrepareForSleep: the inhibitor was not released: $journal"
grep -q '^[0-9.]* asleep$' <<< "$journal" || fail "PrepareForSleep: logind had to sleep without waiting: $journal"
# File times come from the kernel's coarse clock, up to a tick (4 ms at HZ=250) behind time.time().
awk -v p="$prepare" -v s="$saved" -v r="$released" -v b="$saves_before" 'BEGIN { exit !(s > b && s >= p - 0.01 && s <= r) }' \
    || fail "PrepareForSleep: state saved at $saved, expected between $prepare and $released"
wait_until 5 eval '[ "$(stand_in Inhibitors | grep -o "int32 [0-9]*")" = "int32 1" ]' \
    || fail "PrepareForSleep(false): no new inhibitor: $journal"
! logged "machine asleep" || fail "a sleep was recorded though the clocks show none"
pass "PrepareForSleep: state saved after the signal and before the inhibitor was released ($(awk -v r="$released" -v p="$prepare" 'BEGIN { printf "%.0f ms", (r - p) * 1000 }') later); a new one taken after waking; no sleep recorded without a clock jump"

kill "$LOGIND_PID"
wait_until 10 sources_are x11 || fail "logind gone: sources are $(status_field .activity_sources), expected x11"
status_field '.problems | join("\n")' | finds '^logind: systemd-logind is not running' \
    || fail "logind gone: status problems do not say so: $(status_field .problems)"
logged "SITBREAK_EVENT=source_changed.*SITBREAK_PREVIOUS_SOURCE=x11,logind SITBREAK_SOURCE=x11" \
    || fail "logind gone: no source_changed"
start_stand_in logind-again logind-stand-in.py "$DBUS_SYSTEM_BUS_ADDRESS"
LOGIND_PID=$LAST_PID
wait_until 10 sources_are x11,logind || fail "logind back: sources are $(status_field .activity_sources)"
wait_until 5 eval '[ "$(stand_in Inhibitors | grep -o "int32 [0-9]*")" = "int32 1" ]' || fail "logind back: no inhibitor"
pass "logind leaving falls back to x11 alone (status, source_changed); its return is picked up with a new inhibitor"
report_run_cost
stop_daemon

write_config << 'EOF'
[break]
sit_limit = "30m"
length = "6s"
min_sit = "2s"
[activity]
sources = ["logind"]
[notify]
via = "terminal"
EOF
start_daemon
sources_are logind || fail "sources = [logind]: sources are $(status_field .activity_sources)"
# A natural break ends a real sit (min_sit, 5 s with start_auto_daemon's file; 2 s here):
# sit 5 s, of which the last 2 turn out idle.
sleep 5
stand_in SetIdle boolean:true double:2 > /dev/null
sleep 2
[ "$(event_count natural_break)" = 0 ] || fail "IdleHint 2 s ago became a natural break at once"
wait_until 5 eval '[ "$(event_count natural_break)" = 1 ]' || fail "IdleHint: no natural break once break.length had passed"
logged "Natural break: no input for 6s" || fail "IdleHint: the break is not dated from IdleSinceHintMonotonic"
stand_in SetIdle boolean:false double:0 > /dev/null
expect_state sitting 2 "IdleHint false"
pass "logind alone: IdleHint dated by IdleSinceHintMonotonic is a natural break after break.length; IdleHint false is a return"

# An application holds a logind idle inhibitor (a video player): no input is no absence.
status_field '.engagement_signals | join("\n")' | finds "idle inhibitors: .*logind" \
    || fail "logind's inhibitors are not followed: $(status_field .engagement_signals)"
stand_in SetBlockInhibited string:sleep:idle > /dev/null
wait_until 5 eval '[ "$(status_field ".engaged | join(\",\")")" = idle_inhibited ]' \
    || fail "BlockInhibited idle: not seen ($(status_field .engaged))"
# A real sit first: input that lasts less than break.blip would only continue the last absence.
sleep 4
stand_in SetIdle boolean:true double:0 > /dev/null
sleep 9
state_is sitting && [ "$(event_count natural_break)" = 1 ] \
    || fail "idle for longer than break.length while inhibited: state $(status_field .state), $(event_count natural_break) natural breaks"
stand_in SetBlockInhibited string:sleep > /dev/null
wait_until 5 eval '[ "$(status_field ".engaged | length")" = 0 ]' || fail "BlockInhibited without idle: still $(status_field .engaged)"
wait_until 10 eval '[ "$(event_count natural_break)" = 2 ]' || fail "the inhibitor released: no natural break after break.length"
pass "a logind idle inhibitor (BlockInhibited sleep:idle) keeps an idle user sitting; released, the idle spell becomes a natural break"
report_run_cost
stop_daemon
