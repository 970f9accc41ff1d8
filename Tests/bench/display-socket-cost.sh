#!/usr/bin/env bash
# What a display server starting costs an idle sitbreakd: its sleeps in the event loop (perf,
# sched_switch with prev_state S) over 40 s in which an Xvfb starts, beside the same 40 s
# without one, with a session bus that has no user manager on it and with no session bus. Root (perf, and a /tmp/.X11-unix of its own in
# a private mount namespace, so other display servers on the machine do not count).
#   bash Tests/bench/display-socket-cost.sh [DIR-WITH-SITBREAKD]   (default: the release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "display-socket-cost: needs root" >&2; exit 1; }
. Tests/bench/private-x11-unix.sh
rerun_with_private_x11_unix "$PWD/Tests/bench/display-socket-cost.sh" "$@"
BIN=${1:-$(swift build -c release --static-swift-stdlib --scratch-path .build --show-bin-path)}

# sleeps_over_40s bus|no-bus COMMAND: prints the count while COMMAND runs 40 s.
sleeps_over_40s() {
    local work daemon bus="" environment
    work=$(mktemp -d)
    mkdir -p "$work/run" "$work/config/sitbreak"
    chmod 700 "$work/run"
    printf '[activity]\nsources = ["manual"]\n[notify]\nvia = "terminal"\n' > "$work/config/sitbreak/config.toml"
    environment=(env -i PATH=/usr/bin:/bin HOME="$work" XDG_RUNTIME_DIR="$work/run"
        XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state")
    if [ "$1" = bus ]; then
        dbus-daemon --session --nofork --address="unix:path=$work/bus" > /dev/null 2>&1 &
        bus=$!
        wait_until 10 test -S "$work/bus"
        environment+=(DBUS_SESSION_BUS_ADDRESS="unix:path=$work/bus")
    fi
    "${environment[@]}" "$BIN/sitbreakd" > "$work/sitbreakd.log" 2>&1 &
    daemon=$!
    wait_until 10 test -S "$work/run/sitbreak/control.sock"
    perf stat -x , -e sched:sched_switch --filter 'prev_state == 1' -p "$daemon" -o "$work/counts" -- bash -c "$2"
    awk -F , '$3 == "sched:sched_switch" { print ($1 ~ /^[0-9]+$/) ? $1 : 0 }' "$work/counts"
    kill "$daemon" $bus
    wait 2> /dev/null || true
    rm -rf "$work"
}

. Tests/system/wait-until.sh
a_display_starts='sleep 1; Xvfb :77 -nolisten tcp > /dev/null 2>&1 & server=$!; sleep 39; kill $server'
echo "sitbreakd in $BIN, idle, its sleeps over 40 s from its socket answering:"
for bus in bus no-bus; do
    echo "  $bus: $(sleeps_over_40s $bus "$a_display_starts") with an X server starting, $(sleeps_over_40s $bus 'sleep 40') without"
done
