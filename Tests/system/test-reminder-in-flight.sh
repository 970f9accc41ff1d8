#!/usr/bin/env bash
# Issue 21's withdrawal in flight: a reminder's break, snooze or skip may land while the
# notification server has not yet answered the Notify that shows it, so sitbreakd does not
# know the id to close. notification-stand-in.py answers Notify 2 s late; `sitbreakctl skip`
# comes in between; the notification must still be closed once its id is known. Then the
# stand-in's Inhibited property, KDE Plasma's do-not-disturb switch, is turned on and off.
#   bash Tests/system/test-reminder-in-flight.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/activity-lib.sh"

require_activity_host dbus-send
require_python_dbus
prepare_activity_test
start_session_bus
start_stand_in server notification-stand-in.py "$DBUS_SESSION_BUS_ADDRESS" 2

write_config << 'EOF2'
[break]
sit_limit = "3s"
length = "2s"
repeat = "1m"
[activity]
sources = ["manual"]
[notify]
via = "desktop"
EOF2
start_daemon
wait_until 10 grep -q '^notify 1$' "$WORK/server.log" || fail "no reminder reached the server ($(tail -3 "$WORK/daemon.log"))"
ctl skip > /dev/null || fail "sitbreakctl skip failed"
grep -q '^close' "$WORK/server.log" && fail "closed before the server answered: the id was a guess"
wait_until 5 grep -q '^close 1$' "$WORK/server.log" || fail "the reminder withdrawn while Notify was in flight stayed on screen: $(cat "$WORK/server.log")"
pass "a reminder skipped while the server had not yet answered its Notify is closed once the id comes (notify 1, skip, close 1)"

# KDE Plasma's do-not-disturb is the server's Inhibited property, read and followed.
inhibit() {
    dbus-send --session --print-reply --dest=org.freedesktop.Notifications /org/freedesktop/Notifications \
        org.sitbreak.NotificationStandIn.SetInhibited "boolean:$1" > /dev/null
}
[ "$(status_field .do_not_disturb.watched)" = "the server's Inhibited (KDE Plasma's do not disturb)" ] \
    || fail "Inhibited: not followed: $(status_field .do_not_disturb)"
inhibit true
wait_until 5 eval '[ "$(status_field .do_not_disturb.on)" = true ]' || fail "Inhibited true: $(status_field .do_not_disturb)"
doctor=$(ctl doctor)
grep -qF "do not disturb: the server's Inhibited (KDE Plasma's do not disturb), on" <<< "$doctor" \
    || fail "doctor does not say which do-not-disturb it follows: $doctor"
inhibit false
wait_until 5 eval '[ "$(status_field .do_not_disturb.on)" = false ]' || fail "Inhibited false: $(status_field .do_not_disturb)"
pass "the server's Inhibited (KDE Plasma's do-not-disturb switch) is followed as it changes, on then off, and doctor names it"
stop_daemon
