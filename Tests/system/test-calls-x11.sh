#!/usr/bin/env bash
# Issue 22's proof on X11: a reminder waits while a fullscreen window has the focus and while a
# call is on, and comes once, gently, after; in a call, no input is not an absence.
# - Fullscreen is real: Xvfb with a real window manager (mutter --x11, which keeps EWMH's
#   _NET_ACTIVE_WINDOW and _NET_WM_STATE), a real window (xmessage) made fullscreen with wmctrl
#   the way a player asks for it. sitbreakd follows it through PropertyNotify.
# - The call is read from a tree in the kernel's formats (SITBREAK_PROC_ROOT): this machine has
#   neither a sound card nor a camera. The capture substream's status goes from "closed" to
#   "state: RUNNING" as PipeWire leaves it while a microphone records.
# Input is real: xdotool.
#   bash Tests/system/test-calls-x11.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/activity-lib.sh"

require_activity_host Xvfb xdotool mutter xmessage wmctrl xprop
prepare_activity_test
start_xvfb
start_session_bus
mkdir -p -m 0700 "$WORK/mutter-run"
XDG_RUNTIME_DIR=$WORK/mutter-run start_background mutter mutter --x11 --replace --sm-disable
wait_until 20 eval 'xprop -root _NET_SUPPORTING_WM_CHECK 2> /dev/null | finds "window id"' || fail "setup: mutter did not manage the display"

PROC=$WORK/proc-root
CAPTURE=$PROC/proc/asound/card0/pcm0c/sub0/status
mkdir -p "$(dirname "$CAPTURE")" "$PROC/proc/asound/card0/pcm0p/sub0"
echo closed > "$CAPTURE"
echo closed > "$PROC/proc/asound/card0/pcm0p/sub0/status"
microphone() {
    if [ "$1" = on ]; then
        printf 'state: RUNNING\nowner_pid   : 4242\ntrigger_time: 5190.120944611\n' > "$CAPTURE"
    else
        echo closed > "$CAPTURE"
    fi
}

write_config << 'EOF'
[break]
sit_limit = "8s"
length = "4s"
repeat = "1m"
min_sit = "2s"
blip = "1s"
[activity]
sources = ["x11"]
[notify]
via = "terminal"
EOF
start_daemon SITBREAK_PROC_ROOT="$PROC"
# Started as itself, not through the `ctl` function: `$!` must be sitbreakctl, which the end of
# the test stops (a subshell's pid would leave the watcher running, retrying for ever).
"${DAEMON_ENV[@]}" "$BIN/sitbreakctl" watch --json > "$WORK/watch.json" 2>&1 &
STARTED_PIDS+=("$!")
events() { jq -r 'select(.event == "'"$1"'") | .message' "$WORK/watch.json" 2> /dev/null; }
held() { [ "$(status_field .reminder_held)" = "$1" ]; }
typing_until() {
    local seconds=$1 deadline
    shift
    deadline=$((SECONDS + seconds))
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        user_input
        sleep 1
    done
}

# doctor exits 1 here (no notification server): only its calls-and-videos lines matter.
doctor=$(ctl doctor | grep -A3 "^calls, videos")
grep -q "fullscreen: the window manager's _NET_WM_STATE" <<< "$doctor" && grep -q "call: 1 capture device" <<< "$doctor" \
    || fail "doctor does not show what it can see of calls and videos: $doctor"
pass "doctor shows what can be seen of calls and videos: $(tr -s ' ' <<< "$doctor" | tr '\n' ';')"

# ---- fullscreen ---------------------------------------------------------------------------
start_background window xmessage "a video"
wait_until 10 eval "wmctrl -lx | finds xmessage" || fail "setup: the window did not appear"
wmctrl -x -a xmessage && wmctrl -x -r xmessage -b add,fullscreen || fail "setup: wmctrl could not make it fullscreen"
typing_until 5 eval '[ "$(status_field ".engaged | join(\",\")")" = fullscreen ]' \
    || fail "fullscreen: not seen: $(status_field .engaged)"
typing_until 15 held "a window is fullscreen" || fail "fullscreen: the due reminder was not held: $(ctl status)"
[ -z "$(events reminder)" ] || fail "fullscreen: a reminder interrupted: $(events reminder)"
events reminder_held | finds "Reminder held: a window is fullscreen" || fail "fullscreen: no reminder_held event: $(cat "$WORK/watch.json")"
pass "a reminder due while a window is fullscreen is held ($(events reminder_held | tail -1))"
wmctrl -x -r xmessage -b remove,fullscreen
typing_until 20 eval '[ -n "$(events reminder)" ]' || fail "fullscreen over: no reminder came"
events reminder | finds "^Fullscreen over — " || fail "fullscreen over: not the gentle wording: $(events reminder)"
[ "$(events reminder | wc -l)" = 1 ] || fail "fullscreen over: $(events reminder | wc -l) reminders, expected one"
pass "fullscreen over: one reminder, $(events reminder | head -1 | cut -d. -f1)"

# ---- a call ---------------------------------------------------------------------------------
ctl skip > /dev/null || fail "skip failed"
microphone on
# No input for well over break.length while the microphone records: still sitting.
sleep 9
[ "$(status_field .state)" = sitting ] && [ "$(status_field .today.natural_breaks)" = 0 ] \
    || fail "in a call without input: $(status_field .state), $(status_field .today.natural_breaks) natural breaks"
pass "9 s without input in a call (break.length 4 s): still sitting, no natural break"
typing_until 15 held "in a call" || fail "in a call: the due reminder was not held: $(ctl status)"
reminders=$(events reminder | wc -l)
microphone off
# Seen at the held reminder's next look, within a minute, then 10 s of calm.
typing_until 75 eval '[ "$(events reminder | wc -l)" -gt "$reminders" ]' || fail "call over: no reminder came"
events reminder | tail -1 | finds "^Call over — " || fail "call over: not the gentle wording: $(events reminder | tail -1)"
pass "a reminder due in a call is held, and comes once after it ($(events reminder | tail -1 | cut -d. -f1))"

# The call is over: no input for break.length is an absence again.
wait_until 12 eval '[ "$(status_field .today.natural_breaks)" = 1 ]' || fail "after the call: no natural break without input"
pass "after the call, no input for break.length is a natural break again"

# Another call, hung up while nobody types: /proc says so only when asked, and the daemon asks
# each minute from break.length into the idle spell, so the user who walked away is gone.
typing_until 5 state_is sitting || fail "back at the desk: state $(status_field .state)"
typing_until 3 false
microphone on
sleep 8
state_is sitting || fail "idle in the second call: $(status_field .state)"
microphone off
hung_up=$SECONDS
wait_until 70 eval '[ "$(status_field .today.natural_breaks)" = 2 ]' \
    || fail "a call ended while idle was not seen: $(status_field .state), $(status_field .today.natural_breaks) natural breaks"
pass "a call hung up while idle is seen without input: a natural break $((SECONDS - hung_up)) s after the hang-up (looks at most 60 s apart, break.length 4 s)"
report_run_cost
stop_daemon
