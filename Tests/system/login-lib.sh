# Shared by Tests/system/test-login-*.sh: a real login, in the order it happens. sitbreak is
# installed with the README's per-user route and runs under a real `systemd --user` (lib.sh)
# before any desktop exists; then the desktop starts as the test user, hands its environment
# over the way that desktop does, and the checks run with real input, the real notification
# server and screenshots of what the user sees.
#
# A test script defines the desktop's hooks, then calls `check_login_desktop`:
#   desktop_up N      start session N (1, then 2 for the next login) and hand it over,
#                     setting HANDED_OVER_AT (date +%s.%N) just before the hand-over
#   desktop_down      end the session
#   desktop_input     one real input event (a key or a pointer move)
#   dnd on|off        the desktop's do-not-disturb switch, as its user flips it
#   screenshot FILE   what the screen shows, as PNG
# and sets DESKTOP_NAME, DESKTOP_SOURCE (the activity source it expects) and
# NOTIFICATION_SERVICE (the one D-Bus service file that may provide org.freedesktop.Notifications).
# Optional: SERVER_RESTART_LIMIT (seconds for a killed notification server to serve again, 8
# unless set), reminder_on_screen (the server's own count of sitbreak bubbles shown now),
# prepare_home (the user's own settings for the desktop, before they log in) and
# check_more_sessions (after the second session).
#
# SCREENSHOT_DIR=dir keeps the screenshots (docs/ holds the ones the README shows).

. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

PYTHON=/usr/bin/python3
# The icon's background colour (config/sitbreak.svg): where it is on screen, the icon was found.
ICON_COLOUR="#2f6f5e"
LOGIN_SIT_LIMIT=20
LOGIN_LENGTH=5
LOGIN_REPEAT=45
HANDOVER_LIMIT=5

require_login_host() {
    local tool
    for tool in busctl jq convert dbus-update-activation-environment "$@"; do
        command -v "$tool" > /dev/null || skip "$tool is not installed (make test-deps)"
    done
}

# A user's machine has one notification server its bus can start: every other service file
# for org.freedesktop.Notifications goes, in this namespace only, and so do the other servers'
# user units (Debian enables mako.service for every graphical session, and a second unit with
# BusName=org.freedesktop.Notifications keeps dunst.service from loading at all).
keep_notification_service() {
    local file kept_unit
    make_private /usr/share/dbus-1/services && make_private /usr/lib/systemd/user \
        || fail "setup: cannot overlay the D-Bus service and user unit directories"
    [ -z "$1" ] || [ -e "/usr/share/dbus-1/services/$1" ] || fail "setup: /usr/share/dbus-1/services/$1 is missing"
    kept_unit=$([ -z "$1" ] || sed -n 's/^SystemdService=//p' "/usr/share/dbus-1/services/$1")
    for file in /usr/share/dbus-1/services/*.service; do
        grep -qx 'Name=org.freedesktop.Notifications' "$file" && [ "$(basename "$file")" != "$1" ] && rm -f "$file"
    done
    for file in /usr/lib/systemd/user/*.service; do
        grep -qx 'BusName=org.freedesktop.Notifications' "$file" && [ "$(basename "$file")" != "$kept_unit" ] \
            && rm -f "$file" /etc/systemd/user/*.wants/"$(basename "$file")"
    done
}

status_json() { as_user sitbreakctl status --json; }
status_field() {
    local json
    json=$(status_json) || return 1
    jq -r "$1" <<< "$json"
}
sources_are() { [ "$(status_field '.activity_sources | join(",")')" = "$1" ]; }
state_is() { [ "$(status_field .state)" = "$1" ]; }
journal_has() { user_journal _SYSTEMD_USER_UNIT=sitbreak.service | jq -r .MESSAGE | finds -- "$1"; }

# ---- an X11 session (Xvfb with a cookie, as a display manager starts Xorg) ----------------

# X session N: display :(40+N), its cookie in COOKIE_FILE (~/.Xauthority when not given);
# sets SESSION_DISPLAY and SESSION_XAUTHORITY.
start_x_session() {
    SESSION_DISPLAY=":$((40 + $1))"
    SESSION_XAUTHORITY=${2:-$TEST_HOME/.Xauthority}
    as_user mkdir -p -m 0700 "$(dirname "$SESSION_XAUTHORITY")"
    as_user xauth -q -f "$SESSION_XAUTHORITY" add "$SESSION_DISPLAY" . "$(mcookie)" 2> /dev/null
    run_unit "xvfb-$1" Xvfb "$SESSION_DISPLAY" -auth "$SESSION_XAUTHORITY" -screen 0 1280x800x24 -nolisten tcp
    wait_until 10 test -S "/tmp/.X11-unix/X${SESSION_DISPLAY#:}" || fail "setup: Xvfb $SESSION_DISPLAY did not start"
}

# As the session's programs run: the display, its cookie and the user's bus.
in_x_session() { as_user env DISPLAY="$SESSION_DISPLAY" XAUTHORITY="$SESSION_XAUTHORITY" "$@"; }

x_input() {
    INPUT_X=$((${INPUT_X:-100} == 100 ? 110 : 100))
    in_x_session xdotool mousemove "$INPUT_X" 100
}

x_screenshot() { in_x_session import -window root "$TEST_HOME/shot.png" && cp "$TEST_HOME/shot.png" "$1"; }

# ---- a GNOME Shell session (headless Wayland, as the test user) ----------------------------

# GNOME Shell needs a system bus; this namespace has none: one that lets everything through.
start_system_bus() {
    mkdir -p /run/dbus
    cat > "$SYSTEM_TEST_WORK/system-bus.conf" << 'EOF2'
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=/run/dbus/system_bus_socket</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow receive_sender="*"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF2
    dbus-daemon --config-file="$SYSTEM_TEST_WORK/system-bus.conf" --fork --print-pid > "$SYSTEM_TEST_WORK/system-bus.pid" \
        || fail "setup: no system bus"
    STARTED_OUTSIDE+=("$(cat "$SYSTEM_TEST_WORK/system-bus.pid")")
}

name_owned() { as_user busctl --user status "$1" > /dev/null 2>&1; }

# GNOME Shell session N on Wayland display gnome-N, with a RemoteDesktop pointer for input.
start_gnome_shell() {
    run_unit "gnome-shell-$1" -E XDG_SESSION_TYPE=wayland \
        gnome-shell --headless --wayland --no-x11 --virtual-monitor 1280x800 --wayland-display "gnome-$1"
    wait_until 30 name_owned org.gnome.Mutter.IdleMonitor || fail "setup: GNOME Shell did not come up"
    wait_until 10 name_owned org.gnome.Mutter.RemoteDesktop || fail "setup: no RemoteDesktop"
    coproc POINTER { as_user "$PYTHON" "$REPO/Tests/system/remote-desktop-pointer.py" 2> "$TEST_HOME/pointer.log"; }
    local ready
    read -r -t 10 ready <&"${POINTER[0]}" && [ "$ready" = ready ] || fail "setup: no RemoteDesktop session ($(cat "$TEST_HOME/pointer.log"))"
}

stop_gnome_shell() {
    exec {POINTER[1]}>&-
    user_systemctl stop "gnome-shell-$1.service"
}

gnome_input() {
    local answer
    echo move >&"${POINTER[1]}"
    read -r -t 5 answer <&"${POINTER[0]}" && [ "$answer" = moved ] || fail "RemoteDesktop motion failed ($(cat "$TEST_HOME/pointer.log"))"
}

gnome_screenshot() {
    as_user "$PYTHON" "$REPO/Tests/system/gnome-shell-screenshot.py" "$TEST_HOME/shot.png" && cp "$TEST_HOME/shot.png" "$1"
}

# ---- notifications on the bus ------------------------------------------------------------

# Every call and signal of the notification interface on the user's bus, as JSON lines.
start_notification_monitor() {
    NOTIFICATIONS_LOG=$TEST_HOME/notifications.json
    as_user touch "$NOTIFICATIONS_LOG"
    run_unit notification-monitor -p StandardOutput="file:$NOTIFICATIONS_LOG" \
        stdbuf -oL busctl --user monitor --json=short --match "interface='org.freedesktop.Notifications'"
    wait_until 5 eval '[ "$(unit_property notification-monitor.service ActiveState)" = active ]' \
        || fail "setup: busctl monitor did not start"
    sleep 0.5
}
# The monitored messages that match the jq condition (busctl's first line is not JSON).
monitored() { jq -R -c "fromjson? | select($1)" "$NOTIFICATIONS_LOG"; }
# sitbreak's Notify calls so far (to the notification service: GNOME's proxy forwards each to
# the shell, a second hop), and the NotificationClosed signals.
notify_calls() { monitored '.member == "Notify" and .payload.data[0] == "sitbreak" and .destination == "org.freedesktop.Notifications"'; }
notify_count() { notify_calls | wc -l; }
closed_count() { monitored '.member == "NotificationClosed"' | wc -l; }

# The pid of whoever owns org.freedesktop.Notifications now; empty when nobody does.
notification_server_pid() {
    as_user busctl --user call org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus \
        GetConnectionUnixProcessID s org.freedesktop.Notifications 2> /dev/null | awk '{ print $2 }'
}

# Pixels of ICON_COLOUR in the screenshot FILE (within 4 % of it).
icon_pixels() {
    convert "$1" -alpha off -fuzz 4% -fill black +opaque "$ICON_COLOUR" -fill white -opaque "$ICON_COLOUR" \
        -format '%[fx:round(mean*w*h)]' info: 2> /dev/null
}

keep_shot() { [ -z "${SCREENSHOT_DIR:-}" ] || cp "$1" "$SCREENSHOT_DIR/$2"; }

# Like wait_until, with real input every second meanwhile: the user sits on.
typing_until() {
    local seconds=$1 deadline
    shift
    deadline=$((SECONDS + seconds))
    until "$@"; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        desktop_input
        sleep 1
    done
}

keep_typing() {
    local until=$((SECONDS + $1))
    while [ "$SECONDS" -lt "$until" ]; do
        desktop_input
        sleep "${2:-1}"
    done
}

print_diagnostics() {
    say "---- status"
    status_json 2>&1 | jq -c '{state, activity_sources, reminder_channels, problems, reminder_held, do_not_disturb}' 2>&1
    say "---- sitbreakd's journal (last 25)"
    user_journal _SYSTEMD_USER_UNIT=sitbreak.service | jq -r .MESSAGE | tail -25
    say "---- the user manager's failed units, and what it logged last"
    user_systemctl --failed --no-legend 2>&1
    journalctl --no-pager -o cat "_PID=$MANAGER_PID" 2>&1 | tail -8
    say "---- the desktop's own journal (last 12)"
    journalctl --no-pager -o cat "_UID=$TEST_UID" 2>&1 | grep -v "sitbreakd\|^problem: \|^resolved: " | tail -12
    say "---- notification traffic (last 8)"
    tail -8 "$NOTIFICATIONS_LOG" 2> /dev/null | cut -c1-300
}

# Boots the private system, logs the test user in and installs sitbreak with a config of short
# spans: the service runs before any desktop exists.
login_before_the_desktop() {
    boot_private_system
    create_test_user
    if declare -F prepare_home > /dev/null; then prepare_home; fi
    keep_notification_service "$NOTIFICATION_SERVICE"
    start_user_manager
    as_user mkdir -p -m 0700 "$TEST_HOME/.config/sitbreak"
    as_user tee "$TEST_HOME/.config/sitbreak/config.toml" > /dev/null << EOF
[break]
sit_limit = "${LOGIN_SIT_LIMIT}s"
length = "${LOGIN_LENGTH}s"
repeat = "${LOGIN_REPEAT}s"
min_sit = "3s"
blip = "2s"
[activity]
sources = ["auto"]
EOF
    local output
    output=$(install_as_user) || fail "setup: make install-built failed: $output"
    wait_until "$SETTLE_TIMEOUT" eval '[ "$(unit_property sitbreak.service ActiveState)" = active ]' \
        || fail "setup: sitbreak.service is $(unit_property sitbreak.service ActiveState) after make install-built"
    start_notification_monitor
    wait_until 5 sources_are manual || fail "service first: sources are $(status_field .activity_sources)"
    status_field '.problems | join("\n")' | finds "desktop session is here" \
        && fail "service first: a desktop problem before any desktop: $(status_field .problems)"
    # No desktop yet: no notification server can run, and the user has no terminal.
    wait_until 10 eval 'status_field ".problems | join(\"\n\")" | finds "^reminders reach nobody: desktop notifications are unavailable"' \
        || fail "service first: reminders reach nobody, and status does not say so: $(status_field .problems)"
    journal_has "problem: reminders reach nobody" || fail "service first: the journal does not say reminders reach nobody"
    pass "service first: sitbreak.service active under systemd --user with no desktop; auto uses $(status_field '.activity_sources | join(",")'); status and the journal say reminders reach nobody yet"
}

# Session N arrives: the source is picked up within HANDOVER_LIMIT seconds of HANDED_OVER_AT,
# without a restart.
expect_pickup() {
    local session=$1 how=$2 started=$HANDED_OVER_AT pid_before=$3 elapsed
    wait_until $((HANDOVER_LIMIT + 1)) sources_are "$DESKTOP_SOURCE" \
        || fail "session $session ($how): sources are $(status_field .activity_sources) after ${HANDOVER_LIMIT}s"
    elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    awk -v e="$elapsed" -v l="$HANDOVER_LIMIT" 'BEGIN { exit !(e <= l) }' \
        || fail "session $session ($how): picked up after ${elapsed}s (limit ${HANDOVER_LIMIT}s)"
    [ "$(unit_property sitbreak.service MainPID)" = "$pid_before" ] || fail "session $session: sitbreakd was restarted"
    pass "session $session ($how): $DESKTOP_SOURCE picked up ${elapsed}s after the hand-over, same pid $pid_before"
}

check_real_input() {
    keep_typing 6
    state_is sitting || fail "input: state is $(status_field .state)"
    wait_until $((LOGIN_LENGTH + 5)) state_is away || fail "no input for break.length: state is $(status_field .state)"
    desktop_input
    wait_until 3 state_is sitting || fail "input after the absence: state is $(status_field .state)"
    [ "$(status_field .today.natural_breaks)" -ge 1 ] || fail "the absence was not a natural break: $(status_field .today)"
    pass "real input: sitting while typing, a natural break after ${LOGIN_LENGTH}s without input, back at the next key"
}

# The reminder arrives, stays 30 s on the desktop, shows sitbreak's icon; do-not-disturb holds
# the next one and lets one through when it ends; the server dies and is asked for again.
check_reminders() {
    local before shot pixels count
    before=$(notify_count)
    while [ "$(notify_count)" = "$before" ]; do
        desktop_input
        sleep 1
        [ "$(status_field .sitting_seconds)" -le $((LOGIN_SIT_LIMIT + 10)) ] || fail "no reminder after $LOGIN_SIT_LIMIT s of sitting"
    done
    notify_calls | tail -1 | jq -e '.payload.data[7] == 0 and .payload.data[6].urgency.data == 1' > /dev/null \
        || fail "reminder: not expire_timeout 0 with normal urgency: $(notify_calls | tail -1 | cut -c1-400)"
    sleep 2
    shot=$SYSTEM_TEST_WORK/reminder.png
    screenshot "$shot" || fail "reminder: no screenshot"
    keep_shot "$shot" "reminder-$DESKTOP_NAME.png"
    pixels=$(icon_pixels "$shot")
    [ "${pixels:-0}" -gt 20 ] || fail "reminder: sitbreak's icon is not on screen ($pixels px of $ICON_COLOUR)"
    status_field '.problems | join("\n")' | finds "^reminders reach nobody" \
        && fail "reminder shown, yet status says reminders reach nobody: $(status_field .problems)"
    pass "reminder shown: Notify with expire_timeout 0, normal urgency; sitbreak's icon on screen ($pixels px); \"reminders reach nobody\" resolved"

    local closed
    closed=$(closed_count)
    keep_typing 30 2
    [ "$(closed_count)" = "$closed" ] || fail "reminder: closed within 30 s: $(monitored '.member == "NotificationClosed"' | tail -1)"
    if declare -F reminder_on_screen > /dev/null; then
        count=$(reminder_on_screen)
        [ "$count" = 1 ] || fail "reminder: $count sitbreak notifications on screen after 30 s"
    fi
    pass "reminder still shown after 30 s (no NotificationClosed$(declare -F reminder_on_screen > /dev/null && echo "; the server shows $count"))"

    dnd on
    typing_until 5 eval '[ "$(status_field .do_not_disturb.on)" = true ]' \
        || fail "do-not-disturb on: sitbreak did not see it: $(status_field .do_not_disturb)"
    before=$(notify_count)
    # The next repeat comes while do-not-disturb is on.
    typing_until $((LOGIN_REPEAT + 5)) eval '[ "$(status_field .reminder_held)" = "do not disturb is on" ]' \
        || fail "do-not-disturb on: the repeat was not held: $(status_field .reminder_held)"
    [ "$(notify_count)" = "$before" ] || fail "do-not-disturb on: a reminder was sent anyway"
    dnd off
    typing_until 5 eval '[ "$(notify_count)" = $((before + 1)) ]' || fail "do-not-disturb off: no reminder after it ($(notify_count) Notify)"
    keep_typing 2
    [ "$(notify_count)" = $((before + 1)) ] || fail "do-not-disturb off: $(($(notify_count) - before)) reminders, expected one"
    [ "$(status_field .reminder_held)" = null ] || fail "do-not-disturb off: still held"
    pass "do-not-disturb ($(status_field .do_not_disturb.watched)): the repeat held, then one reminder when it ended"

    local pid
    pid=$(notification_server_pid)
    [ -n "$pid" ] || fail "server: nobody owns org.freedesktop.Notifications"
    before=$(notify_count)
    kill -KILL "$pid"
    typing_until "${SERVER_RESTART_LIMIT:-8}" eval '[ -n "$(notification_server_pid)" ] && [ "$(notification_server_pid)" != "$pid" ]' \
        || fail "server killed: not asked for again (owner now: $(notification_server_pid))"
    typing_until 5 eval '[ "$(notify_count)" -gt "$before" ]' || fail "server back: the due reminder was not shown again"
    pass "notification server killed (pid $pid) while a reminder is due: started again (pid $(notification_server_pid)), reminder shown again"
}

# The session ends: the source goes, no desktop problem stays; the next session is picked up.
check_next_login() {
    local pid
    desktop_down
    wait_until 10 eval '! sources_are "$DESKTOP_SOURCE"' || fail "session end: still using $DESKTOP_SOURCE"
    wait_until 5 eval '! status_field ".problems | join(\"\n\")" | finds "desktop session is here"' \
        || fail "session end: a desktop problem stays: $(status_field .problems)"
    pass "session end: sitbreak lets go ($(status_field '.activity_sources | join(",")'))"
    pid=$(unit_property sitbreak.service MainPID)
    desktop_up 2
    expect_pickup 2 "$HANDOVER_2" "$pid"
    keep_typing 3
    state_is sitting || fail "session 2: input does not count: $(status_field .state)"
}

check_login_desktop() {
    login_before_the_desktop
    local pid
    pid=$(unit_property sitbreak.service MainPID)
    desktop_up 1
    expect_pickup 1 "$HANDOVER_1" "$pid"
    check_real_input
    check_reminders
    check_next_login
    if declare -F check_more_sessions > /dev/null; then check_more_sessions; fi
    say "PASS $SYSTEM_TEST_NAME"
}
