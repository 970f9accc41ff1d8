#!/usr/bin/env bash
# Issue 5's `sitbreakctl doctor` proof, as root in a private mount namespace (lib.sh):
#  A. nothing around (no display, no buses, a bad config): every finding says why, with the
#     command that fixes it, and the exit status is 1;
#  B. everything around (Xvfb, Mutter, dunst, logind-stand-in.py, a running sitbreakd): every
#     source works, the sources in use and the notification server's capabilities are shown,
#     exit status 0;
#  C. a real systemd user manager: doctor checks the sources with the service's environment
#     (set-environment DISPLAY reaches it, the shell's own does not) and reports the unit's
#     state, before and after the unit is installed and started.
#   bash Tests/system/test-activity-doctor.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/activity-lib.sh"

if [ -z "${SYSTEM_TEST_WORK:-}" ]; then
    require_activity_host Xvfb mutter dunst dbus-send
    require_python_dbus
fi
run_in_private_namespace "$@"

# ---- inside the private namespace -------------------------------------------------------

# The release build lib.sh made: statically linked, so the test user runs it as it is.
BIN=$RELEASE_BUILD/release
boot_private_system
prepare_activity_test --built
trap 'status=$?; stop_started_processes; rm -rf "$WORK"; (exit $status); tear_down' EXIT

# jq FILTER over the JSON doctor printed last.
found() { jq -r "$@" <<< "$DOCTOR"; }
source_check() { found ".sources[] | select(.source == \"$1\") | .check.$2"; }

# ---- A: nothing around -------------------------------------------------------------------
unset DISPLAY DBUS_SESSION_BUS_ADDRESS DBUS_SYSTEM_BUS_ADDRESS
write_config << 'EOF'
[break]
sit_limit = "45"
EOF
DOCTOR=$(ctl doctor --json)
[ $? = 1 ] || fail "A: doctor found nothing to fix with nothing around"
[ "$(found .config.ok)" = false ] && found .config.detail | finds 'config.toml:2:.*sit_limit' \
    || fail "A: the bad config is not reported with its position: $(found .config)"
[ "$(found .service.fix)" = "sitbreakd &" ] || fail "A: no fix for a daemon that does not run: $(found .service)"
[ "$(source_check x11 ok)" = false ] \
    && [ "$(source_check x11 fix)" = "dbus-update-activation-environment --systemd DISPLAY XAUTHORITY" ] \
    || fail "A: x11 without DISPLAY: $(found '.sources[] | select(.source == "x11")')"
source_check gnome detail | finds "org.gnome.Mutter.IdleMonitor" || fail "A: gnome: $(source_check gnome detail)"
[ "$(source_check logind ok)" = false ] || fail "A: logind without a system bus is ok"
[ "$(found .notifications.check.ok)" = false ] && [ "$(found .notifications.check.fix)" = "sudo apt install dbus-user-session" ] \
    || fail "A: no session bus for notifications: $(found -c .notifications)"
text=$(ctl doctor)
grep -q "^x11 .*-- no DISPLAY in the service's environment" <<< "$(sed 's/^  //' <<< "$text")" \
    && grep -q "fix: dbus-update-activation-environment --systemd DISPLAY XAUTHORITY" <<< "$text" && grep -q "^Problems:" <<< "$text" \
    || fail "A: the text report lacks the x11 finding and its fix: $text"
pass "A: nothing around: each finding says why with its fix (config position, sitbreakd &, dbus-update-activation-environment, dbus-user-session); exit 1"

# ---- B: everything around ----------------------------------------------------------------
start_xvfb
start_session_bus
start_system_bus
start_stand_in logind logind-stand-in.py "$DBUS_SYSTEM_BUS_ADDRESS"
mkdir -p -m 0700 "$WORK/mutter-run"
XDG_RUNTIME_DIR=$WORK/mutter-run start_background mutter mutter --x11 --replace --sm-disable
start_background dunst dunst
name_runs() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$1" 2> /dev/null | finds 'boolean true'
}
wait_until 20 name_runs org.gnome.Mutter.IdleMonitor || fail "setup: Mutter did not come up"
wait_until 10 name_runs org.freedesktop.Notifications || fail "setup: dunst did not come up"
write_config << 'EOF'
[break]
length = "10m"
EOF
start_daemon
DOCTOR=$(ctl doctor --json)
status=$?
[ "$(found '.in_use | join(",")')" = gnome,logind ] || fail "B: in use: $(found .in_use)"
for source in gnome x11 logind; do
    [ "$(source_check "$source" ok)" = true ] || fail "B: $source: $(source_check "$source" detail)"
done
found .notifications.server | finds '^dunst ' && [ "$(found '.notifications.capabilities | index("actions") != null')" = true ] \
    || fail "B: notification server: $(found .notifications)"
[ "$status" = 0 ] || fail "B: exit status $status with everything around: $(found '.')"
pass "B: everything around: gnome, x11, logind ok; in use $(found '.in_use | join(",")'); $(found .notifications.server) with actions; exit 0"
stop_daemon

# ---- C: a real systemd user manager ------------------------------------------------------
create_test_user
start_user_manager
user_doctor() { as_user "$BIN/sitbreakctl" doctor --json; }
user_systemctl set-environment "DISPLAY=$DISPLAY" || fail "C: set-environment failed"
DOCTOR=$(user_doctor)
[ "$(found .environment)" = "the service's environment, from the systemd user manager" ] \
    || fail "C: doctor did not read the user manager's environment: $(found .environment)"
[ "$(source_check x11 ok)" = true ] || fail "C: DISPLAY from the user manager did not reach the x11 check: $(source_check x11 detail)"
found .service.detail | finds 'not-found' && [ "$(found .service.fix)" = "make install" ] \
    || fail "C: the missing unit: $(found .service)"
pass "C: sources checked with the service's environment (DISPLAY from set-environment); the missing unit: $(found .service.detail)"

units=$TEST_HOME/.config/systemd/user
as_user mkdir -p "$units"
sed "s|@BINDIR@|$BIN|g" "$repo/systemd/sitbreak.service.in" | as_user tee "$units/sitbreak.service" > /dev/null
as_user cp "$repo/systemd/sitbreak.socket" "$units/"
user_systemctl daemon-reload && user_systemctl start sitbreak.service || fail "C: sitbreak.service did not start"
wait_until "$SETTLE_TIMEOUT" eval '[ "$(unit_property sitbreak.service ActiveState)" = active ]' \
    || fail "C: sitbreak.service is $(unit_property sitbreak.service ActiveState)"
DOCTOR=$(user_doctor)
[ "$(found .service.ok)" = true ] && found .service.detail | finds 'active (running)' \
    || fail "C: the running unit: $(found .service)"
[ "$(found '.in_use | join(",")')" = x11 ] || fail "C: the service's sources: $(found .in_use)"
user_systemctl unset-environment DISPLAY
DOCTOR=$(user_doctor)
[ "$(source_check x11 ok)" = false ] && source_check x11 fix | finds -- "--systemd DISPLAY" \
    || fail "C: without DISPLAY in the user manager: $(source_check x11 detail)"
pass "C: the unit's state ($(found .service.detail)), the service's sources, and DISPLAY leaving the manager's environment"
