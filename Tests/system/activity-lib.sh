# Shared by Tests/system/test-activity-*.sh: a real sitbreakd, run as a child process in a
# scratch home, against real display servers and buses the test starts itself (Xvfb, Mutter,
# private session and system buses), driven with real input (xdotool). Everything started is
# ended by its pid when the test exits. Sources lib.sh for say/skip/pass/fail/wait_until.

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

BUILD_DIR=${BUILD_DIR:-.build}
case $BUILD_DIR in /*) build=$BUILD_DIR ;; *) build=$repo/$BUILD_DIR ;; esac
STARTED_PIDS=()
declare -A STARTED_NAMES=()

# Skips unless root and every TOOL is installed.
require_activity_host() {
    [ "$(id -u)" = 0 ] || skip "needs root (sudo make system-tests)"
    local tool
    for tool in swift jq python3 dbus-daemon perf "$@"; do
        command -v "$tool" > /dev/null || skip "$tool is not installed (make test-deps)"
    done
}

# Debian's python3, where python3-dbus and python3-gi are installed (another python3 may come
# first on PATH); the stand-ins and test clients run with it.
PYTHON=/usr/bin/python3

require_python_dbus() {
    "$PYTHON" -c 'import dbus, gi' 2> /dev/null || skip "python3-dbus or python3-gi is not installed (make test-deps)"
}

# Once, before waiting for the lock; the run under the lock inherits the mark.
build_binaries() {
    [ -n "${SITBREAK_TEST_DEBUG_BUILT:-}" ] && return
    say "Building sitbreakd and sitbreakctl ($BUILD_DIR)"
    (cd "$repo" && swift build --scratch-path "$build" > "$build-activity-test-build.log" 2>&1) \
        || { tail -30 "$build-activity-test-build.log"; fail "build: swift build failed"; }
    export SITBREAK_TEST_DEBUG_BUILT=1
}

# Builds the debug binaries, waits for the machine's other system tests (take_machine_lock) and
# makes the scratch directory, removed with everything started when the test exits. With
# `--built` (inside run_in_private_namespace, which holds the lock), BIN names binaries built
# already and the caller's EXIT trap calls stop_started_processes.
prepare_activity_test() {
    if [ "${1:-}" != --built ]; then
        build_binaries
        BIN=$(cd "$repo" && swift build --scratch-path "$build" --show-bin-path)
        take_machine_lock
    fi
    WORK=$(mktemp -d /tmp/sitbreak-activity.XXXXXX)
    TEST_HOME=$WORK/home
    mkdir -p -m 0700 "$TEST_HOME" "$TEST_HOME/run" "$TEST_HOME/config/sitbreak" "$TEST_HOME/state"
    [ "${1:-}" = --built ] && return
    trap end_activity_test EXIT
    trap 'exit 130' INT TERM
}

# Stops every process the test started and says which of them crashed on the way out (a
# signal other than the TERM or KILL sent here); returns 1 if sitbreakd was one of them.
stop_started_processes() {
    local pid status signal crashed=0
    for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2> /dev/null; done
    for pid in "${STARTED_PIDS[@]}"; do
        wait_until 5 has_exited "$pid" || kill -KILL "$pid" 2> /dev/null
        wait "$pid" 2> /dev/null
        status=$?
        signal=$((status - 128))
        [ "$status" -gt 128 ] && [ "$signal" != 15 ] && [ "$signal" != 9 ] || continue
        say "note: ${STARTED_NAMES[$pid]:-process $pid} ended by signal $signal ($(kill -l "$signal")) when stopped"
        [ "${STARTED_NAMES[$pid]:-}" != daemon ] || crashed=1
    done
    return $crashed
}

end_activity_test() {
    local status=$?
    trap - EXIT
    stop_started_processes || { say "FAIL sitbreakd crashed when stopped"; status=1; }
    [ "$status" = 0 ] || [ -z "${KEEP_WORK:-}" ] || { say "kept $WORK"; exit "$status"; }
    rm -rf "$WORK"
    exit "$status"
}

# Runs COMMAND in the background with its output in $WORK/NAME.log; sets LAST_PID.
start_background() {
    local name=$1
    shift
    "$@" > "$WORK/$name.log" 2>&1 &
    LAST_PID=$!
    STARTED_PIDS+=("$LAST_PID")
    STARTED_NAMES[$LAST_PID]=$name
}

# Xvfb on the first free display (it writes the number it took to fd 3); sets DISPLAY.
start_xvfb() {
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3> "$WORK/display" > "$WORK/xvfb.log" 2>&1 &
    XVFB_PID=$!
    STARTED_PIDS+=("$XVFB_PID")
    wait_until 10 test -s "$WORK/display" || fail "setup: Xvfb did not start ($(cat "$WORK/xvfb.log"))"
    export DISPLAY=:$(cat "$WORK/display")
}

# A private dbus-daemon of TYPE (session or system) listening on $WORK/TYPE-bus, activating
# only the services in SERVICE_DIR when one is given; sets BUS_ADDRESS. Replies pass the policy
# from anyone (GNOME Shell's calls time out otherwise). BUS_DENY_MONITORING=1 refuses
# BecomeMonitor, as a locked-down bus may.
start_bus() {
    local type=$1 socket=$WORK/$1-bus services=${2:-}
    cat > "$WORK/$type-bus.conf" << EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>$type</type>
  <listen>unix:path=$socket</listen>
  <auth>EXTERNAL</auth>
  $([ -z "$services" ] || echo "<servicedir>$services</servicedir>")
  <policy context="default">
    <allow user="*"/>
    <allow receive_sender="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
    $([ -z "${BUS_DENY_MONITORING:-}" ] || echo '<deny send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Monitoring"/>')
  </policy>
</busconfig>
EOF
    start_background "$type-bus" dbus-daemon --config-file="$WORK/$type-bus.conf" --nofork
    wait_until 10 test -S "$socket" || fail "setup: the private $type bus did not start"
    BUS_ADDRESS=unix:path=$socket
}

# A session bus for GNOME Shell. Only the services the shell needs may be activated: another
# notification server's service file (dunst's) in the standard directory would win
# org.freedesktop.Notifications.
start_gnome_session_bus() {
    local services=$WORK/services service
    mkdir -p "$services"
    for service in ca.desrt.dconf org.gnome.Shell.Notifications org.gnome.ScreenSaver; do
        [ -e "/usr/share/dbus-1/services/$service.service" ] && cp "/usr/share/dbus-1/services/$service.service" "$services/"
    done
    start_session_bus "$services"
}

# GNOME Shell 43, headless Wayland at WAYLAND_DISPLAY=sitbreak-gs, on the session bus; sets
# SHELL_PID. With /run/systemd/seats present and no logind on this system bus, the shell
# waits 25 s for logind and dies: it runs in a mount namespace of its own with /run/systemd empty.
start_headless_gnome_shell() {
    mkdir -p -m 0700 "$WORK/shell-run"
    start_background gnome-shell env HOME="$TEST_HOME" XDG_RUNTIME_DIR="$WORK/shell-run" \
        XDG_CONFIG_HOME="$TEST_HOME/config" XDG_STATE_HOME="$TEST_HOME/state" LANG=C.UTF-8 \
        unshare --mount --propagation private sh -c \
        'mount -t tmpfs tmpfs /run/systemd && exec gnome-shell --headless --wayland --no-x11 --virtual-monitor 1280x800 --wayland-display sitbreak-gs'
    SHELL_PID=$LAST_PID
}

start_session_bus() {
    start_bus session "${1:-}"
    export DBUS_SESSION_BUS_ADDRESS=$BUS_ADDRESS
}

# A RemoteDesktop session on the Mutter (or GNOME Shell) of the session bus, kept open by
# remote-desktop-pointer.py; `move_pointer` moves the pointer by 5 px, as real input.
start_remote_desktop_pointer() {
    local ready
    coproc POINTER { "$PYTHON" "$here/remote-desktop-pointer.py" 2> "$WORK/pointer.log"; }
    STARTED_PIDS+=("$POINTER_PID")
    read -r -t 10 ready <&"${POINTER[0]}" && [ "$ready" = ready ] \
        || fail "setup: no RemoteDesktop session ($(cat "$WORK/pointer.log"))"
}

move_pointer() {
    local answer
    echo move >&"${POINTER[1]}"
    read -r -t 5 answer <&"${POINTER[0]}" && [ "$answer" = moved ] || fail "RemoteDesktop motion failed ($(cat "$WORK/pointer.log"))"
}

start_system_bus() {
    start_bus system
    export DBUS_SYSTEM_BUS_ADDRESS=$BUS_ADDRESS
}

# Runs a stand-in service (Tests/system/SCRIPT ARGS...) that prints "ready" once it owns its
# name; sets LAST_PID.
start_stand_in() {
    local name=$1
    shift
    start_background "$name" "$PYTHON" "$here/$@"
    wait_until 10 grep -qs '^ready$' "$WORK/$name.log" || fail "setup: $name did not start ($(cat "$WORK/$name.log"))"
}

write_config() { cat > "$TEST_HOME/config/sitbreak/config.toml"; }

# The daemon's environment as `env` arguments: the scratch home plus whatever display and
# buses the test exported (a bus the test did not start is one nobody listens on).
daemon_env() {
    DAEMON_ENV=(env -i HOME="$TEST_HOME" PATH=/usr/bin:/bin LANG=C.UTF-8 XDG_RUNTIME_DIR="$TEST_HOME/run"
        XDG_CONFIG_HOME="$TEST_HOME/config" XDG_STATE_HOME="$TEST_HOME/state"
        DBUS_SESSION_BUS_ADDRESS="${DBUS_SESSION_BUS_ADDRESS:-unix:path=$WORK/no-session-bus}"
        DBUS_SYSTEM_BUS_ADDRESS="${DBUS_SYSTEM_BUS_ADDRESS:-unix:path=$WORK/no-system-bus}")
    [ -z "${DISPLAY:-}" ] || DAEMON_ENV+=(DISPLAY="$DISPLAY")
    [ -z "${WAYLAND_DISPLAY:-}" ] || DAEMON_ENV+=(WAYLAND_DISPLAY="$WAYLAND_DISPLAY")
}

ctl() {
    daemon_env
    "${DAEMON_ENV[@]}" "$BIN/sitbreakctl" "$@"
}

# start_daemon [NAME=VALUE...]: sitbreakd in the test's environment, plus these variables.
start_daemon() {
    daemon_env
    start_background daemon "${DAEMON_ENV[@]}" "$@" "$BIN/sitbreakd"
    DAEMON_PID=$LAST_PID
    wait_until 10 eval 'ctl status > /dev/null 2>&1' || fail "setup: sitbreakd did not answer ($(tail -5 "$WORK/daemon.log"))"
    DAEMON_STARTED=$SECONDS
    DAEMON_SWITCHES=$(wakeups)
}

stop_daemon() {
    local status
    kill "$DAEMON_PID" 2> /dev/null
    wait_until 10 has_exited "$DAEMON_PID" || fail "sitbreakd did not stop on SIGTERM"
    wait "$DAEMON_PID" 2> /dev/null
    status=$?
    [ "$status" = 0 ] || fail "sitbreakd exited with status $status on SIGTERM ($(tail -3 "$WORK/daemon.log"))"
}

# jq FILTER over `status --json`.
status_field() {
    local json
    json=$(ctl status --json) || return 1
    jq -r "$1" <<< "$json"
}

state_is() { [ "$(status_field .state)" = "$1" ]; }
sources_are() { [ "$(status_field '.activity_sources | join(",")')" = "$1" ]; }
# How many lines of the daemon's log (its journal fields on stderr) carry EVENT.
event_count() { grep -c "SITBREAK_EVENT=$1\b" "$WORK/daemon.log"; }
logged() { grep -q -- "$1" "$WORK/daemon.log"; }

# The daemon's voluntary context switches so far: every sleep in epoll_wait, and also every
# block on a disk commit or a page fault, so an upper bound on its wake-ups that grows with the
# machine's load. For the whole run's report.
wakeups() { awk '/^voluntary_ctxt_switches/ { print $2 }' "/proc/$DAEMON_PID/status"; }

# loop_wakeups_while COMMAND...: sets LOOP_WAKEUPS to how often the daemon went to sleep in
# its event loop and was woken while COMMAND ran: its switches out in an interruptible wait
# (sched_switch with prev_state S, counted by perf). Context switches would also count each
# preemption and each block on a disk commit or a page fault, which a loaded machine multiplies
# (a minute of input once read 8, target 6); returns from epoll_wait would count every event
# dispatched, as sd-event asks epoll again, without blocking, before each one.
loop_wakeups_while() {
    local counts=$WORK/loop-wakeups.csv perf_pid control acknowledged reply
    rm -f "$counts" "$WORK/perf-control" "$WORK/perf-ack"
    mkfifo "$WORK/perf-control" "$WORK/perf-ack"
    # Attached with the counters off, then switched on through its control fifo: perf's "ack"
    # says they count from here.
    perf stat -D -1 --control "fifo:$WORK/perf-control,$WORK/perf-ack" -x , -o "$counts" \
        -e sched:sched_switch --filter 'prev_state == 1' -p "$DAEMON_PID" > /dev/null 2> "$WORK/perf.log" &
    perf_pid=$!
    # Read-write opens of a fifo do not wait for the other end, so a perf that failed to start
    # ends in the read's timeout, not in a hang.
    exec {control}<> "$WORK/perf-control" {acknowledged}<> "$WORK/perf-ack"
    echo enable >&"$control"
    read -r -t 10 reply <&"$acknowledged"
    exec {control}>&- {acknowledged}<&-
    [ "$reply" = ack ] || fail "perf stat did not start counting: $(cat "$WORK/perf.log")"
    "$@" > /dev/null
    kill -INT "$perf_pid"
    wait "$perf_pid"
    # "<not counted>": the daemon never ran while perf watched, so it made no call.
    LOOP_WAKEUPS=$(awk -F , '$3 == "sched:sched_switch" { seen = 1; if ($1 ~ /^[0-9]+$/) n += $1 }
        END { if (seen) print n + 0 }' "$counts")
    [ -n "$LOOP_WAKEUPS" ] || fail "perf stat counted nothing: $(cat "$counts" "$WORK/perf.log")"
}

# One small mouse move on the X server; a test on another display server defines its own.
user_input() {
    USER_INPUT_X=$((${USER_INPUT_X:-100} == 100 ? 110 : 100))
    xdotool mousemove "$USER_INPUT_X" 100
}

# Continuous input for SECONDS: `user_input` every INTERVAL seconds (2 when not given).
keep_typing() {
    local until=$((SECONDS + $1))
    while [ "$SECONDS" -lt "$until" ]; do
        user_input
        sleep "${2:-2}"
    done
}

# Fails when `status` does not reach STATE within SECONDS.
expect_state() {
    wait_until "$2" state_is "$1" || fail "$3: state is $(status_field .state), expected $1"
}

# A daemon with sources = ["auto"], a 6 s break.length and the first reminder far away; an
# absence after 5 s of sitting is a natural break, and input under 2 s that falls back to idle
# is a blip.
start_auto_daemon() {
    write_config << 'EOF'
[break]
sit_limit = "30m"
length = "6s"
min_sit = "5s"
blip = "2s"
[activity]
sources = ["auto"]
[notify]
via = "terminal"
EOF
    start_daemon
}

# With `start_auto_daemon`'s config: 20 s of input keep sitting; break.length without input is
# a natural break; input brings the user back within 2 s; and all of it a second time.
# RETURN_SIGNAL names what tells the source of the return, for messages.
check_absence_and_return() {
    local return_signal=$1
    keep_typing 20
    state_is sitting || fail "input: state is $(status_field .state), expected sitting"
    [ "$(event_count natural_break)" = 0 ] || fail "input: a natural break was recorded during input"
    [ "$(status_field .sitting_seconds)" -ge 18 ] || fail "input: only $(status_field .sitting_seconds) s sitting after 20 s of input"
    pass "input for 20 s (> 3 x break.length) keeps sitting: $(status_field .sitting_seconds) s, no natural break"

    wait_until 12 eval '[ "$(event_count natural_break)" = 1 ]' || fail "no natural break 12 s after the last input (break.length 6 s)"
    expect_state away 2 "after the natural break"
    pass "no input for break.length records a natural break ($(grep -o 'Natural break: [^(]*' "$WORK/daemon.log" | tail -1))"

    user_input
    expect_state sitting 2 "input while away ($return_signal)"
    logged "SITBREAK_EVENT=back" || fail "the return was not recorded"
    pass "the return is noticed within 2 s ($(grep -o 'Back after [^(]*' "$WORK/daemon.log" | tail -1))"

    # A real sit this time (longer than min_sit and a blip), then away again.
    keep_typing 8
    wait_until 12 eval '[ "$(event_count natural_break)" = 2 ]' || fail "no second natural break: the idle watch did not re-arm"
    user_input
    expect_state sitting 2 "second return"
    pass "the watches re-arm: a second absence and return are seen too"
}

# WHAT (e.g. "KWin killed") took source FROM away: the daemon falls back to TO within 10 s,
# `status` lists a problem matching PROBLEM, and the journal has source_changed FROM -> TO.
check_fallback() {
    local what=$1 from=$2 to=$3 problem=$4
    wait_until 10 sources_are "$to" || fail "$what: sources are $(status_field .activity_sources), expected $to"
    status_field '.problems | join("\n")' | finds -- "$problem" \
        || fail "$what: status problems do not say so: $(status_field .problems)"
    logged "SITBREAK_EVENT=source_changed.*SITBREAK_PREVIOUS_SOURCE=$from SITBREAK_SOURCE=$to" \
        || fail "$what: no source_changed $from -> $to"
}

# WHAT (e.g. "KWin back") brings source TO back within SECONDS, and the journal has
# source_changed FROM -> TO.
check_source_returns() {
    local what=$1 from=$2 to=$3 seconds=$4
    wait_until "$seconds" sources_are "$to" || fail "$what: sources are $(status_field .activity_sources), expected $to"
    logged "SITBREAK_EVENT=source_changed.*SITBREAK_PREVIOUS_SOURCE=$from SITBREAK_SOURCE=$to" \
        || fail "$what: no source_changed $from -> $to"
}

# The wake-up budget of docs/benchmarks.md for SOURCE, each with a daemon of its own: at most 6
# a minute over 60 s of input every 2 s (the default break.length, 3m), and at most 2 a minute
# over 60 s away (break.length 10s, the absence seen within AWAY_WITHIN seconds).
check_wakeup_budget() {
    local source=$1 away_within=$2
    say "Cost with the default break.length (3m) and input every 2 s, for 60 s:"
    write_config << EOF
[activity]
sources = ["$source"]
[notify]
via = "terminal"
EOF
    start_daemon
    keep_typing 5
    loop_wakeups_while keep_typing 60
    [ "$LOOP_WAKEUPS" -le 6 ] || fail "cost: $LOOP_WAKEUPS wake-ups per minute during input (target <= 6)"
    pass "cost during input: $LOOP_WAKEUPS wake-ups per minute (target <= 6; sleeps in its event loop)"
    stop_daemon

    write_config << EOF
[break]
length = "10s"
[activity]
sources = ["$source"]
[notify]
via = "terminal"
EOF
    start_daemon
    expect_state away "$away_within" "cost: no input"
    loop_wakeups_while sleep 60
    [ "$LOOP_WAKEUPS" -le 2 ] || fail "cost: $LOOP_WAKEUPS wake-ups per minute while away (target <= 2)"
    pass "cost while away: $LOOP_WAKEUPS wake-ups per minute (target <= 2; sleeps in its event loop)"
    report_run_cost
    stop_daemon
}

# Reports the daemon's context switches per minute over its whole run (including the test's own
# status calls), and checks it never had a child process.
report_run_cost() {
    local minutes
    minutes=$(awk -v s=$((SECONDS - DAEMON_STARTED)) 'BEGIN { printf "%.2f", (s > 0 ? s : 1) / 60 }')
    say "context switches: $(awk -v n=$(($(wakeups) - DAEMON_SWITCHES)) -v m="$minutes" 'BEGIN { printf "%.1f", n / m }') per minute over the whole run ($minutes min, including the test's own requests)"
    [ -z "$(pgrep -P "$DAEMON_PID")" ] || fail "sitbreakd has child processes: $(pgrep -a -P "$DAEMON_PID")"
}

print_diagnostics() {
    [ -n "${WORK:-}" ] || return 0
    say "---- sitbreakd log (last 30 lines)"
    tail -30 "$WORK/daemon.log" 2> /dev/null
    say "---- status"
    ctl status --json 2>&1
}

# Input twice a second for SECONDS, as a user typing on.
type_for() { keep_typing "$1" 0.5; }

# The journal line (the daemon's stderr copy) of the last EVENT.
last_event_line() { grep "SITBREAK_EVENT=$1\b" "$WORK/daemon.log" | tail -1; }

# Issue 14's proof with real input through `user_input` (xdotool on X11, RemoteDesktop on
# GNOME): a break counts only when SOURCE saw no input for break.length. Starts and stops a
# daemon of its own with a 6 s break, 4 s grace, 3 s min_sit and a 2 s blip.
check_true_breaks() {
    local source=$1 line
    write_config << 'EOF2'
[break]
sit_limit = "30m"
length = "6s"
grace = "4s"
min_sit = "3s"
blip = "2s"
[activity]
sources = ["auto"]
[notify]
via = "terminal"
EOF2
    # A first start: no stretch or totals carried over from the daemons before.
    rm -rf "$TEST_HOME/state/sitbreak"
    start_daemon
    sources_are "$source" || fail "true breaks: sources are $(status_field .activity_sources), expected $source"
    sleep 9
    [ "$(event_count natural_break)" = 0 ] || fail "daemon start with no input: a natural break was counted ($(last_event_line natural_break))"
    pass "daemon start, then 9 s without input (break.length 6 s): no natural break ($(status_field .state), today $(status_field .today.natural_breaks))"

    type_for 6
    ctl break --no-guide > /dev/null || fail "sitbreakctl break --no-guide failed"
    [ "$(status_field .break_phase)" = step_away ] || fail "break started: phase is $(status_field .break_phase), expected step_away"
    ctl status | finds "Break started: step away from the desk" || fail "break started: status says $(ctl status | head -1)"
    type_for 8
    [ "$(event_count break_taken)" = 0 ] || fail "a break was counted while the user kept typing ($(last_event_line break_taken))"
    wait_until 3 eval '[ "$(event_count break_abandoned)" = 1 ]' || fail "typing on through break.grace: no break_abandoned"
    state_is sitting || fail "after the abandoned break: state is $(status_field .state)"
    [ "$(status_field .today.breaks)" = 0 ] && [ "$(status_field .today.abandoned_breaks)" = 1 ] \
        || fail "abandoned: today is $(status_field .today)"
    pass "started break + input every 0.5 s: not taken, abandoned after grace ($(grep -o 'Break not taken[^(]*' "$WORK/daemon.log" | tail -1))"

    type_for 1
    ctl break --no-guide > /dev/null || fail "sitbreakctl break --no-guide failed"
    wait_until 4 eval '[ "$(status_field .break_phase)" = counting_down ]' \
        || fail "quiet after the break's start: phase is $(status_field .break_phase), expected counting_down"
    ctl status | finds "On break, .* left" || fail "counting down: status says $(ctl status | head -1)"
    wait_until 10 eval '[ "$(event_count break_taken)" = 1 ]' || fail "no input for break.length after starting: the break was not taken"
    line=$(last_event_line break_taken)
    grep -q "SITBREAK_EVIDENCE_SOURCE=$source\b" <<< "$line" && grep -q "SITBREAK_CONFIRMED=no" <<< "$line" \
        || fail "break_taken without the evidence of $source: $line"
    [ "$(grep -o 'SITBREAK_QUIET_SEC=[0-9]*' <<< "$line" | cut -d= -f2)" -ge 6 ] || fail "evidence under break.length: $line"
    pass "started break + no input for break.length: taken, with its evidence ($(grep -o 'SITBREAK_EVIDENCE_SOURCE=[^ ]*\|SITBREAK_QUIET_SEC=[^ ]*' <<< "$line" | tr '\n' ' '))"

    local refusal
    refusal=$(ctl done 2>&1) && fail "done after a counted break was accepted: $refusal"
    grep -q "this break was already counted at [0-9][0-9]:[0-9][0-9]" <<< "$refusal" || fail "done refused without saying why: $refusal"
    [ "$(status_field .today.breaks)" = 1 ] || fail "done after a counted break changed today: $(status_field .today)"
    pass "done after it is refused, nothing added: $refusal"

    type_for 6
    wait_until 12 eval '[ "$(event_count natural_break)" = 1 ]' || fail "no natural break after a real sit and break.length without input"
    user_input
    sleep 0.4
    user_input
    sleep 10
    [ "$(event_count natural_break)" = 1 ] || fail "a 1 s blip split the absence: $(event_count natural_break) natural breaks"
    state_is away || fail "after the blip: state is $(status_field .state), expected away"
    user_input
    expect_state sitting 2 "back after the blip"
    [ "$(event_count natural_break)" = 1 ] || fail "the return after the blip counted another break"
    pass "idle spells split by a 1 s blip are one absence: 1 natural break, still away until the real return"

    stats=$(ctl stats --json) || fail "stats --json failed"
    jq -e ".total.breaks_by_evidence.$source >= 2 and .total.abandoned_breaks == 1" <<< "$stats" > /dev/null \
        || fail "stats --json lacks the evidence: $(jq -c .total <<< "$stats")"
    pass "stats --json carries it: $(jq -c '.total | {breaks_taken, natural_breaks, abandoned_breaks, breaks_by_evidence}' <<< "$stats")"
    stop_daemon
}
