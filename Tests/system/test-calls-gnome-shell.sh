#!/usr/bin/env bash
# Issue 22's proof on a real GNOME Shell 43 with GNOME's session manager, in the order a login
# happens (login-lib.sh): sitbreak runs under systemd --user first, then GNOME Shell and
# gnome-session (built-in session management, no other components) start as the test user.
# - An idle inhibitor is taken through gnome-session's own D-Bus interface, with its own tool
#   (`gnome-session-inhibit --inhibit idle`, as a video player does): no input for well over
#   break.length is still sitting, no natural break; released, no input is an absence again.
# - The screen is shared through Mutter's ScreenCast (to PipeWire, as the desktop portal does):
#   a due reminder waits, "held: the screen is shared", and comes once after.
# Input is real pointer motion through org.gnome.Mutter.RemoteDesktop.
#   bash Tests/system/test-calls-gnome-shell.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/login-lib.sh"

if [ -z "${SYSTEM_TEST_WORK:-}" ]; then
    require_login_host gnome-shell gjs gnome-session gnome-session-inhibit pipewire
    "$PYTHON" -c 'import dbus' 2> /dev/null || skip "python3-dbus is not installed (make test-deps)"
fi
run_in_private_namespace "$@"

DESKTOP_NAME=gnome-shell
DESKTOP_SOURCE=gnome
NOTIFICATION_SERVICE=
LOGIN_SIT_LIMIT=12
LOGIN_LENGTH=4
LOGIN_REPEAT=60

prepare_home() {
    start_system_bus
    as_user mkdir -p "$TEST_HOME/.local/share/gnome-session/sessions"
    as_user tee "$TEST_HOME/.local/share/gnome-session/sessions/sitbreak-test.session" > /dev/null << 'EOF2'
[GNOME Session]
Name=sitbreak's test session: the session manager alone
RequiredComponents=
EOF2
}
desktop_input() { gnome_input; }

login_before_the_desktop
start_gnome_shell 1
wait_until "$HANDOVER_LIMIT" sources_are gnome || fail "GNOME Shell: sources are $(status_field .activity_sources)"
# The session manager opens the display for its own dialogs: the shell's. No autostart:
# gnome-settings-daemon and the rest of /etc/xdg/autostart are no part of this test. (When it
# quits, gnome-session restarts the user's bus for the next login, which sitbreakd rides out.)
as_user mkdir -p "$TEST_HOME/no-autostart"
run_unit gnome-session -E WAYLAND_DISPLAY=gnome-1 \
    gnome-session --builtin --session=sitbreak-test --disable-acceleration-check --autostart="$TEST_HOME/no-autostart"
wait_until 20 name_owned org.gnome.SessionManager || fail "setup: gnome-session did not take org.gnome.SessionManager"
wait_until 5 eval 'status_field ".engagement_signals | join(\"\n\")" | finds "idle inhibitors: GNOME"' \
    || fail "sitbreak does not follow gnome-session's inhibitors: $(status_field .engagement_signals)"
pass "GNOME Shell $(gnome-shell --version | grep -o '[0-9.]*$') and gnome-session $(gnome-session --version 2>&1 | grep -o '[0-9.]*$') run; sitbreak reads gnome and follows the session manager's inhibitors"

# ---- an idle inhibitor ------------------------------------------------------------------------
keep_typing 4
run_unit video-player gnome-session-inhibit --inhibit idle --reason "playing a video" --app-id org.example.Player sleep 600
typing_until 5 eval '[ "$(status_field ".engaged | join(\",\")")" = idle_inhibited ]' \
    || fail "the inhibitor is not seen: $(status_field .engaged)"
naturals=$(status_field .today.natural_breaks)
sleep $((LOGIN_LENGTH * 3))
[ "$(status_field .state)" = sitting ] && [ "$(status_field .today.natural_breaks)" = "$naturals" ] \
    || fail "watching a video without input: $(status_field .state), $(status_field .today.natural_breaks) natural breaks"
pass "$((LOGIN_LENGTH * 3)) s without input while a player inhibits idle (break.length ${LOGIN_LENGTH} s): still sitting, no natural break"
user_systemctl stop video-player.service
wait_until 5 eval '[ "$(status_field ".engaged | length")" = 0 ]' || fail "the inhibitor's release is not seen"
wait_until $((LOGIN_LENGTH + 4)) eval '[ "$(status_field .today.natural_breaks)" -gt "$naturals" ]' \
    || fail "after the video, no input for break.length is no natural break"
pass "the player let go: ${LOGIN_LENGTH} s without input is a natural break again"

# ---- the screen shared --------------------------------------------------------------------------
desktop_input
coproc CAST { as_user "$PYTHON" "$REPO/Tests/system/mutter-screencast.py" 2> "$TEST_HOME/cast.log"; }
read -r -t 15 answer <&"${CAST[0]}" && [ "$answer" = sharing ] || fail "setup: Mutter did not share the screen ($(cat "$TEST_HOME/cast.log"))"
typing_until 5 eval '[ "$(status_field ".engaged | join(\",\")")" = presentation ]' \
    || fail "the screen cast is not seen: $(status_field .engaged)"
before=$(notify_count)
typing_until $((LOGIN_SIT_LIMIT + 5)) eval '[ "$(status_field .reminder_held)" = "the screen is shared" ]' \
    || fail "sharing: the due reminder was not held: $(status_field '{reminder_held, sitting_seconds}')"
[ "$(notify_count)" = "$before" ] || fail "sharing: a reminder interrupted the presentation"
pass "a reminder due while the screen is shared is held ($(status_field .reminder_held), nothing on screen)"
echo stop >&"${CAST[1]}"
read -r -t 5 answer <&"${CAST[0]}" && [ "$answer" = stopped ] || fail "the screen cast did not stop"
typing_until 15 eval '[ "$(notify_count)" -gt "$before" ]' || fail "sharing over: no reminder came"
notify_calls | tail -1 | jq -r '.payload.data[3]' | finds "^Sharing over — " \
    || fail "sharing over: not the gentle wording: $(notify_calls | tail -1 | jq -r '.payload.data[3]')"
sleep 2
[ "$(notify_count)" = $((before + 1)) ] || fail "sharing over: $(($(notify_count) - before)) reminders, expected one"
pass "sharing over: one reminder, \"$(notify_calls | tail -1 | jq -r '.payload.data[3]')\""
exec {CAST[1]}>&-
say "PASS $SYSTEM_TEST_NAME"
