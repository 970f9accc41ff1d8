#!/usr/bin/env bash
# A session bus that refuses BecomeMonitor (a locked-down bus): sitbreakd cannot hear desktop
# sessions hand their environment over, nor screen-cast sessions start. It runs on, and
# `status` and `doctor` say what it cannot hear and what to do.
#   bash Tests/system/test-bus-monitor-refused.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/activity-lib.sh"

require_activity_host dbus-send
prepare_activity_test
BUS_DENY_MONITORING=1 start_session_bus

write_config << 'EOF2'
[activity]
sources = ["manual"]
[notify]
via = "terminal"
EOF2
start_daemon
problems=$(status_field '.problems | join("\n")')
grep -q '^desktop sessions: cannot hear them hand their environment over on the bus (.*); after a session starts, run `sitbreakctl reload`$' <<< "$problems" \
    || fail "status does not say desktop sessions cannot be heard: $problems"
status_field '.engagement_signals | join("\n")' | finds '^presentation: cannot hear screen-cast sessions start' \
    || fail "status claims screen sharing is seen: $(status_field .engagement_signals)"
# doctor exits 1 here: it found problems.
doctor=$(ctl doctor)
grep -q 'sitbreakd: desktop sessions: cannot hear them hand their environment over' <<< "$doctor" \
    || fail "doctor does not say it: $doctor"
state_is sitting || fail "sitbreakd does not run on: $(status_field .state)"
pass "a bus that refuses BecomeMonitor: status and doctor say desktop sessions and screen sharing cannot be heard, and what to do; sitbreakd runs on"
stop_daemon
