#!/usr/bin/env bash
# Issue 21's proof on X11 with dunst, in the order a login happens (login-lib.sh): sitbreak
# runs under systemd --user first; an X server with a cookie (Xvfb -auth) starts later and
# hands DISPLAY and XAUTHORITY over as Debian's Xsession does (dbus-update-activation-environment
# --systemd); the next session announces itself through sitbreak's autostart entry, and a third
# runs `systemctl --user import-environment` alone (the new X socket gives it away). Input is
# xdotool; dunst is started by the bus on demand, paused with dunstctl, killed and started again.
#   bash Tests/system/test-login-x11-dunst.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/login-lib.sh"

if [ -z "${SYSTEM_TEST_WORK:-}" ]; then
    require_login_host Xvfb xauth xdotool dunst dunstctl import mcookie desktop-file-validate
fi
run_in_private_namespace "$@"

DESKTOP_NAME=x11-dunst
DESKTOP_SOURCE=x11
NOTIFICATION_SERVICE=org.knopwob.dunst.service

desktop_up() {
    if [ "$1" = 1 ]; then
        # GDM keeps the cookie in the runtime directory, not in ~/.Xauthority: a session that
        # hands over DISPLAY alone leaves sitbreak unable to connect, and that is a problem.
        start_x_session 1 "$TEST_RUNTIME_DIR/gdm/Xauthority"
        in_x_session dbus-update-activation-environment --systemd DISPLAY
        check_unseen_desktop_is_a_problem
        HANDOVER_1="dbus-update-activation-environment --systemd XAUTHORITY, after DISPLAY"
        HANDED_OVER_AT=$(date +%s.%N)
        in_x_session dbus-update-activation-environment --systemd XAUTHORITY
    else
        start_x_session 2
        HANDOVER_2="the autostart entry ~/.config/autostart/sitbreak-session.desktop"
        HANDED_OVER_AT=$(date +%s.%N)
        in_x_session sh -c "$(sed -n 's/^Exec=//p' "$TEST_HOME/.config/autostart/sitbreak-session.desktop")" > /dev/null
    fi
}

# DISPLAY without its cookie: status, doctor (exit 1) and the journal say so, with the fix.
check_unseen_desktop_is_a_problem() {
    local problem='a desktop session is here (a display server listens at DISPLAY=:41)' output
    wait_until 5 eval 'status_field ".problems | join(\"\n\")" | finds -F "$problem"' \
        || fail "DISPLAY without its cookie: no problem in status: $(status_field .problems)"
    status_field '.problems | join("\n")' | grep -F "$problem" | finds -F 'dbus-update-activation-environment --systemd DISPLAY XAUTHORITY' \
        || fail "DISPLAY without its cookie: the problem does not say how to fix it: $(status_field .problems)"
    output=$(as_user sitbreakctl doctor) && fail "DISPLAY without its cookie: doctor exited 0: $output"
    grep -qF "$problem" <<< "$output" || fail "DISPLAY without its cookie: doctor does not say it: $output"
    journal_has "problem: $problem" || fail "DISPLAY without its cookie: not in the journal"
    pass "DISPLAY without its cookie: status, doctor (exit 1) and the journal say \"$problem ...\" with the fix"
}

# A third session hands its environment over with `systemctl --user import-environment` alone,
# which goes to systemd's private socket: the bus hears nothing. sitbreakd sees the new X
# server's socket appear and reads the manager's environment again.
check_more_sessions() {
    local pid
    user_systemctl stop xvfb-2.service
    user_systemctl unset-environment DISPLAY XAUTHORITY
    wait_until 10 eval '! sources_are "$DESKTOP_SOURCE"' || fail "session 2 end: still using $DESKTOP_SOURCE"
    pid=$(unit_property sitbreak.service MainPID)
    start_x_session 3
    HANDED_OVER_AT=$(date +%s.%N)
    in_x_session systemctl --user import-environment DISPLAY XAUTHORITY
    expect_pickup 3 "systemctl --user import-environment DISPLAY XAUTHORITY, nothing else" "$pid"
    journal_has "from display socket X43 appeared" || fail "session 3: picked up, but not through the display socket"
}

desktop_down() { user_systemctl stop xvfb-1.service; }
desktop_input() { x_input; }
screenshot() { x_screenshot "$1"; }
dnd() { in_x_session dunstctl set-paused "$([ "$1" = on ] && echo true || echo false)"; }
reminder_on_screen() { in_x_session dunstctl count displayed; }

check_login_desktop
