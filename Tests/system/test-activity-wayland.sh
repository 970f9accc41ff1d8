#!/usr/bin/env bash
# Issue 5's wayland proof: sitbreakd follows real KWin 5.27's ext-idle-notify-v1 (libwayland-client
# loaded at run time) on a virtual output, with input from KWin's org_kde_kwin_fake_input through
# kwin-fake-input.c (KWin grants it to programs a .desktop file names): input keeps `sitting`, no
# input for `break.length` records a natural break, the return is noticed at once; KWin going
# away falls back to `manual` and its return is picked up without a restart. Reports wake-ups
# per minute (targets: <= 6 while active with the default break length, <= 2 once away).
# The installed kwin_wayland carries a file capability this machine refuses; a copy still named
# kwin_wayland runs.
#   bash Tests/system/test-activity-wayland.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/activity-lib.sh"

FAKE_INPUT_XML=/usr/share/plasma-wayland-protocols/fake-input.xml
require_activity_host kwin_wayland wayland-scanner cc pkg-config dbus-send
[ -e "$FAKE_INPUT_XML" ] || skip "plasma-wayland-protocols is not installed (make test-deps)"
pkg-config --exists wayland-client || skip "libwayland-dev is not installed (make test-deps)"
prepare_activity_test
start_session_bus

# KWin's own home and runtime directory; the daemon reaches its socket by absolute path.
KWIN_HOME=$WORK/kwin-home
KWIN_RUNTIME_DIR=$WORK/kwin-run
mkdir -p "$KWIN_HOME/.local/share/applications" "$WORK/kwin-bin" "$WORK/fake-input"
mkdir -p -m 0700 "$KWIN_RUNTIME_DIR"
cp "$(command -v kwin_wayland)" "$WORK/kwin-bin/kwin_wayland"

(cd "$WORK/fake-input" && wayland-scanner client-header "$FAKE_INPUT_XML" fake-input-client.h \
    && wayland-scanner private-code "$FAKE_INPUT_XML" fake-input-protocol.c \
    && cc -o kwin-fake-input "$here/kwin-fake-input.c" fake-input-protocol.c -I. $(pkg-config --cflags --libs wayland-client)) \
    > "$WORK/fake-input-build.log" 2>&1 || fail "setup: kwin-fake-input did not build: $(cat "$WORK/fake-input-build.log")"
FAKE_INPUT=$WORK/fake-input/kwin-fake-input
cat > "$KWIN_HOME/.local/share/applications/sitbreak-fake-input.desktop" << EOF
[Desktop Entry]
Type=Application
Name=sitbreak test input
Exec=$FAKE_INPUT
NoDisplay=true
X-KDE-Wayland-Interfaces=org_kde_kwin_fake_input
EOF

# KWin, and one fake-input client that stays connected for the input.
start_kwin() {
    rm -f "$KWIN_RUNTIME_DIR/sitbreak-test"
    HOME=$KWIN_HOME XDG_RUNTIME_DIR=$KWIN_RUNTIME_DIR start_background kwin \
        "$WORK/kwin-bin/kwin_wayland" --virtual --socket sitbreak-test
    KWIN_PID=$LAST_PID
    wait_until 30 test -S "$KWIN_RUNTIME_DIR/sitbreak-test" || fail "setup: KWin did not come up ($(tail -3 "$WORK/kwin.log"))"
    if [ -n "${FAKE_INPUT_CLIENT_PID:-}" ]; then
        kill "$FAKE_INPUT_CLIENT_PID" 2> /dev/null
        wait "$FAKE_INPUT_CLIENT_PID" 2> /dev/null
    fi
    coproc FAKE_INPUT_CLIENT { XDG_RUNTIME_DIR=$KWIN_RUNTIME_DIR WAYLAND_DISPLAY=sitbreak-test "$FAKE_INPUT" 2> "$WORK/fake-input.log"; }
    STARTED_PIDS+=("$FAKE_INPUT_CLIENT_PID")
    local ready
    read -r -t 10 ready <&"${FAKE_INPUT_CLIENT[0]}" && [ "$ready" = ready ] \
        || fail "setup: KWin refuses fake input ($(cat "$WORK/fake-input.log"))"
}

user_input() {
    local answer
    echo move >&"${FAKE_INPUT_CLIENT[1]}"
    read -r -t 5 answer <&"${FAKE_INPUT_CLIENT[0]}" && [ "$answer" = moved ] || fail "fake input failed ($(cat "$WORK/fake-input.log"))"
}

start_kwin
unset DISPLAY
export WAYLAND_DISPLAY=$KWIN_RUNTIME_DIR/sitbreak-test
start_auto_daemon
sources_are wayland || fail "auto under KWin: sources are $(status_field .activity_sources), expected wayland"
pass "auto picks wayland where the compositor offers ext-idle-notify-v1"

check_absence_and_return "resumed"

kill "$KWIN_PID"
# "went away", or "cannot connect" once org.kde.KWin leaving the bus has made sitbreakd try again.
check_fallback "KWin killed" wayland manual "wayland: .*the Wayland compositor at WAYLAND_DISPLAY=$WAYLAND_DISPLAY"
pass "KWin killed mid-run: falls back to manual (status problems, source_changed)"
start_kwin
# Tried again a minute after the loss (RetryBackoff), or at once when org.kde.KWin appears on
# the bus (the desktop-session watch).
check_source_returns "KWin back" manual wayland 75
naturals=$(event_count natural_break)
# A real sit first (min_sit 5 s): the return can come within a second of the loss.
keep_typing 8
wait_until 12 eval '[ "$(event_count natural_break)" -gt "$naturals" ]' || fail "KWin back: no idled from the new KWin"
user_input
expect_state sitting 2 "return under the new KWin"
pass "KWin's return brings wayland back without a restart, with a new idle notification"
report_run_cost
stop_daemon

check_wakeup_budget wayland 15
