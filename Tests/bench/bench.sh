#!/usr/bin/env bash
# make bench: sitbreakd beside Workrave and Safe Eyes, on one virtual X display, for the same
# minutes, then sitbreak's own latencies, then its history at 1, 5 and 10 years. With
# --history (`make bench-history`) only the history and the floor; with --phases
# (`make bench-phases`) only the three phases and the floor. Prints a table with PASS/FAIL
# against the targets of docs/benchmarks.md; it reports, it never fails on a missed target.
# Three phases: input, then none (idle: the absence becomes a natural break as it ends), then
# none again (away).
#
#   BENCH_MINUTES   whole minutes per phase (input, idle + 20 s, away); default 3
#   BENCH_WARMUP    seconds between start and the first reading; default 30
#   BUILD_DIR       the SwiftPM scratch path for the release build; default .build
#   BENCH_OUT       where the readings (JSON) and the table (results.md) go; default $BUILD_DIR/bench
#   SITBREAK_BIN    a directory with sitbreakd and sitbreakctl to measure instead of building
#
# Root only for apt (missing packages). Everything runs in a private X server, private session
# and system buses and temporary home directories, and is ended on exit. As root also with a
# /tmp/.X11-unix of its own (Tests/bench/private-x11-unix.sh says why).
set -euo pipefail
cd "$(dirname "$0")/../.."
. Tests/bench/private-x11-unix.sh
rerun_with_private_x11_unix "$PWD/Tests/bench/bench.sh" "$@"
BENCH_DIR=Tests/bench
BUILD_DIR=${BUILD_DIR:-.build}
SWIFT=${SWIFT:-swift}
BENCH_MINUTES=${BENCH_MINUTES:-3}
BENCH_WARMUP=${BENCH_WARMUP:-30}
BENCH_OUT=${BENCH_OUT:-$BUILD_DIR/bench}
PACKAGES="workrave safeeyes xvfb dunst xdotool xprintidle dbus-daemon dbus-x11 python3 procps time linux-perf"

say() { printf '== %s\n' "$*"; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

install_missing() {
    local missing="" package sudo=""
    for package in $PACKAGES; do
        dpkg-query -W -f='${Status}\n' "$package" 2> /dev/null | grep -q 'install ok installed' || missing+=" $package"
    done
    [ -z "$missing" ] && return 0
    [ "$(id -u)" = 0 ] || sudo=sudo
    say "installing:$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing
}

build() {
    if [ -n "${SITBREAK_BIN:-}" ]; then
        BIN=$SITBREAK_BIN
        say "measuring the binaries in $BIN (no build)"
        return 0
    fi
    say "release build (static Swift standard library) in $BUILD_DIR"
    local product
    for product in sitbreakd sitbreakctl; do
        "$SWIFT" build -c release --static-swift-stdlib --scratch-path "$BUILD_DIR" --product "$product" \
            > "$BENCH_OUT/build.log" 2>&1 \
            || { tail -30 "$BENCH_OUT/build.log"; die "the release build failed (log: $BENCH_OUT/build.log)"; }
    done
    BIN=$("$SWIFT" build -c release --static-swift-stdlib --scratch-path "$BUILD_DIR" --show-bin-path)
}

# Every process this script starts, and what they start in turn, ends with the script.
STARTED=()
WORK=""
descendants() {
    local child
    for child in $(ps -o pid= --ppid "$1" 2> /dev/null); do
        descendants "$child"
        echo "$child"
    done
}
stop_pid() {
    local pid=$1 tries=0
    kill -TERM "$pid" 2> /dev/null || return 0
    while kill -0 "$pid" 2> /dev/null && [ $tries -lt 20 ]; do sleep 0.1; tries=$((tries + 1)); done
    kill -KILL "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
}
clean_up() {
    local index pid all=()
    for ((index = ${#STARTED[@]} - 1; index >= 0; index--)); do
        pid=${STARTED[index]}
        all+=($(descendants "$pid") "$pid")
    done
    for pid in "${all[@]}"; do stop_pid "$pid"; done
    [ -n "$WORK" ] && rm -rf "$WORK"
}
trap clean_up EXIT
trap 'exit 130' INT TERM

# start NAME COMMAND...: in the background, output to $WORK/NAME.log; the pid is in LAST_PID.
start() {
    local name=$1
    shift
    "$@" > "$WORK/$name.log" 2>&1 &
    LAST_PID=$!
    STARTED+=("$LAST_PID")
}

. Tests/system/wait-until.sh

# A home of its own per program, with its config, state and runtime dirs; IN_HOME is the `env`
# command that runs a program in it (a command, not a function, so `$!` is the program).
in_home() {
    local home=$WORK/home/$1
    mkdir -p "$home/.config" "$home/.local/state" "$home/.cache"
    install -d -m 0700 "$home/runtime"
    IN_HOME=(env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_STATE_HOME="$home/.local/state"
        XDG_CACHE_HOME="$home/.cache" XDG_RUNTIME_DIR="$home/runtime")
}

notification_server_up() {
    dbus-send --session --dest=org.freedesktop.DBus --print-reply /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.Notifications 2> /dev/null | grep -q 'boolean true'
}

start_desktop() {
    say "Xvfb, a private session bus and system bus, dunst"
    start xvfb Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3> "$WORK/display"
    wait_until 10 test -s "$WORK/display" || die "Xvfb did not start: $(cat "$WORK/xvfb.log")"
    export DISPLAY=":$(cat "$WORK/display")"
    local bus
    for bus in session system; do
        # Both are plain session-type buses; the "system" one only has to exist: Safe Eyes 2.1.5
        # ends at start-up without a system bus.
        start "$bus-bus" dbus-daemon --config-file=/usr/share/dbus-1/session.conf --nofork --nopidfile \
            --address="unix:path=$WORK/$bus-bus"
        wait_until 10 test -S "$WORK/$bus-bus" || die "dbus-daemon ($bus) did not start"
    done
    export DBUS_SESSION_BUS_ADDRESS="unix:path=$WORK/session-bus"
    export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$WORK/system-bus"
    export NO_AT_BRIDGE=1
    in_home desktop
    start dunst "${IN_HOME[@]}" dunst
    wait_until 10 notification_server_up || die "dunst did not take org.freedesktop.Notifications: $(cat "$WORK/dunst.log")"
}

# sitbreak with the real defaults (45m sitting, 3m break) and the X11 source when this build
# has it; otherwise "auto". SITBREAK_SOURCE says which.
SITBREAK_HOME=""
write_sitbreak_config() {
    mkdir -p "$SITBREAK_HOME/.config/sitbreak"
    cat > "$SITBREAK_HOME/.config/sitbreak/config.toml" << EOF
[break]
sit_limit = "45m"
length = "3m"
[activity]
sources = ["$1"]
EOF
}
sitbreakctl() { "${SITBREAK_ENV[@]}" "$BIN/sitbreakctl" "$@"; }
sitbreak_is_away() { sitbreakctl status --json | grep -q '"state" *: *"away"'; }
start_sitbreakd() {
    start sitbreakd "${SITBREAK_ENV[@]}" "$BIN/sitbreakd"
    SITBREAKD_PID=$LAST_PID
    wait_until 10 test -S "$SITBREAK_HOME/runtime/sitbreak/control.sock" \
        || die "sitbreakd did not open its socket: $(cat "$WORK/sitbreakd.log")"
}
start_sitbreak() {
    in_home sitbreak
    SITBREAK_ENV=("${IN_HOME[@]}")
    SITBREAK_HOME=$WORK/home/sitbreak
    SITBREAK_SOURCE=x11
    write_sitbreak_config x11
    if ! "${SITBREAK_ENV[@]}" "$BIN/sitbreakd" --check-config > "$WORK/check-config.log" 2>&1; then
        SITBREAK_SOURCE_NOTE="sources = [\"x11\"] refused by --check-config: $(tail -1 "$WORK/check-config.log")"
        SITBREAK_SOURCE=auto
    fi
    [ "$SITBREAK_SOURCE" = auto ] && write_sitbreak_config auto
    start_sitbreakd
    if [ "$SITBREAK_SOURCE" = x11 ] && ! sitbreakctl status --json | grep -q '"activity_sources" *: *\[[^]]*"x11"'; then
        SITBREAK_SOURCE_NOTE="sources = [\"x11\"] accepted, but status shows $(sitbreakctl status --json \
            | python3 -c 'import json,sys; print(json.load(sys.stdin)["activity_sources"])')"
        stop_pid "$SITBREAKD_PID"
        SITBREAK_SOURCE=auto
        write_sitbreak_config auto
        start_sitbreakd
    fi
    SITBREAK_SOURCES_IN_USE=$(sitbreakctl status --json | python3 -c 'import json,sys; print(",".join(json.load(sys.stdin)["activity_sources"]))')
    say "sitbreakd: sources = [\"$SITBREAK_SOURCE\"], in use: $SITBREAK_SOURCES_IN_USE ${SITBREAK_SOURCE_NOTE:-}"
}

start_peers() {
    in_home workrave
    start workrave "${IN_HOME[@]}" workrave
    WORKRAVE_PID=$LAST_PID
    in_home safeeyes
    start safeeyes "${IN_HOME[@]}" safeeyes
    SAFEEYES_PID=$LAST_PID
}

# Synthetic input: the pointer moves one pixel every second, to and fro.
start_input() {
    start input bash -c 'while :; do xdotool mousemove_relative -- 1 0; sleep 1; xdotool mousemove_relative -- -1 0; sleep 1; done'
    INPUT_PID=$LAST_PID
}

still_running() {
    local name pid
    for name in sitbreakd workrave safeeyes; do
        pid=$(eval echo "\$${name^^}_PID")
        kill -0 "$pid" 2> /dev/null || die "$name ended early: $(tail -5 "$WORK/$name.log")"
    done
}

# measure_phase LABEL [SECONDS]: SECONDS defaults to BENCH_MINUTES.
measure_phase() {
    local label=$1 seconds=${2:-$((BENCH_MINUTES * 60))}
    say "phase '$label': $seconds s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    python3 "$BENCH_DIR/sample_processes.py" --label "$label" --seconds "$seconds" \
        --out "$BENCH_OUT/phase-$label.json" \
        sitbreakd="$SITBREAKD_PID" workrave="$WORKRAVE_PID" safeeyes="$SAFEEYES_PID"
    still_running
}

# What is missing installed, the binaries built, the readings of an earlier run gone.
prepare() {
    install_missing
    mkdir -p "$BENCH_OUT"
    rm -f "$BENCH_OUT"/*.json
    build
    WORK=$(mktemp -d /tmp/sitbreak-bench.XXXXXX)
}

# The three phases, sitbreakd beside Workrave and Safe Eyes on one X display.
measure_phases() {
    start_desktop
    start_sitbreak
    start_peers
    start_input
    say "warm-up: $BENCH_WARMUP s with input"
    sleep "$BENCH_WARMUP"
    still_running
    measure_phase input
    stop_pid "$INPUT_PID"
    # The idle phase runs 20 s past BENCH_MINUTES, so that with the default 3 min (the default
    # break.length) it holds the moment the absence becomes a natural break; away starts after it.
    measure_phase idle $((BENCH_MINUTES * 60 + 20))
    wait_until 120 sitbreak_is_away || die "sitbreakd saw no natural break: $(sitbreakctl status)"
    measure_phase away
    python3 "$BENCH_DIR/memory_map.py" "$SITBREAKD_PID" > "$BENCH_OUT/sitbreakd-memory.md"
    cp "$WORK/sitbreakd.log" "$BENCH_OUT/sitbreakd.log"
    for pid in "$SAFEEYES_PID" "$WORKRAVE_PID" "$SITBREAKD_PID"; do stop_pid "$pid"; done
}

write_environment() {
    python3 - "$BENCH_OUT/environment.json" << EOF
import json, sys
json.dump({
    "sitbreak_source": "$SITBREAK_SOURCE",
    "sitbreak_sources_in_use": "$SITBREAK_SOURCES_IN_USE",
    "sitbreak_source_note": """${SITBREAK_SOURCE_NOTE:-}""",
    "minutes_per_phase": $BENCH_MINUTES,
    "warmup_seconds": $BENCH_WARMUP,
    "binaries": "$BIN",
}, open(sys.argv[1], "w"), indent=2)
EOF
}

main() {
    prepare
    measure_phases
    say "sitbreak alone: status latency, prompt with the daemon down, READY, reminder lateness"
    python3 "$BENCH_DIR/sitbreak_latency.py" --bin "$BIN" --work "$WORK/alone" \
        --config "$SITBREAK_HOME/.config/sitbreak/config.toml" --out "$BENCH_OUT/sitbreak.json"
    measure_floor
    measure_history
    write_environment
    report
}

measure_floor() {
    say "the floor: a static Swift hello world, built and run the same way"
    python3 "$BENCH_DIR/swift_floor.py" --swiftc "${SWIFT}c" --work "$WORK/floor" --out "$BENCH_OUT/floor.json"
}

measure_history() {
    say "history at scale: stats on 1, 5 and 10 years (fixed seed), READY and pruning on ten"
    python3 "$BENCH_DIR/history_bench.py" --bin "$BIN" --floor "$WORK/floor/exiting" --work "$WORK/history" \
        --out "$BENCH_OUT/history.json"
}

report() {
    python3 "$BENCH_DIR/report.py" "$BENCH_OUT" | tee "$BENCH_OUT/results.md"
}

# make bench-history: the history at scale and the floor its ratios need, nothing else.
history_only() {
    PACKAGES="python3 time"
    prepare
    measure_floor
    measure_history
    report
}

# make bench-phases: the three phases beside the peers and the floor, nothing else; with
# SITBREAK_BIN, how two builds compare in wake-ups and memory in a few minutes.
phases_only() {
    prepare
    measure_phases
    measure_floor
    write_environment
    report
}

case "${1:-}" in
    --history) history_only ;;
    --phases) phases_only ;;
    *) main "$@" ;;
esac
