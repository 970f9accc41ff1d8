#!/usr/bin/env bash
# Issue 3's proof: a fresh user installs sitbreak with the README's install step and runs it
# in a real `systemd --user`, with a real journald and user bus: notify, status line, control
# socket, journal fields and catalog, reload (good and bad config), watchdog restart with the
# state kept, socket activation, clean stop. Root only; skips with a message otherwise.
#   bash Tests/system/test-systemd-user.sh     (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(dirname "$0")/lib.sh"

REMINDER_ID=daac2b2bb2e74410b823c0738fe5366b
CONFIG_RELOADED_ID=3f8e3c793c434a56a792a6e2f5808610
CONFIG_REJECTED_ID=cede77170ff54234ae0d1d870d2ab168
STOPPING_ID=b8adb7f2296449519883efa0c3b87c7e

run_in_private_namespace "$@"

# ---- inside the private namespace -------------------------------------------------------

print_diagnostics() {
    say "---- systemctl --user status sitbreak.service sitbreak.socket"
    user_systemctl status sitbreak.service sitbreak.socket 2>&1 | head -20
    say "---- the journal about sitbreak (the daemon, its reload command, the manager), last 40 entries"
    journalctl --no-pager -o short-monotonic -p info _SYSTEMD_USER_UNIT=sitbreak.service + USER_UNIT=sitbreak.service \
        2>&1 | tail -40
}

user_config() { say "$TEST_HOME/.config/sitbreak/config.toml"; }

# Writes the user's config file from stdin, as the user.
write_user_config() { as_user sh -c 'mkdir -p -m 0700 "$(dirname "$1")" && cat > "$1"' sh "$(user_config)"; }

status_json() { as_user sitbreakctl status --json; }

# jq FILTER over the status; fails the step when the daemon does not answer.
status_field() {
    local json
    json=$(status_json) || return 1
    jq -r "$1" <<< "$json"
}

service_is() { [ "$(unit_property sitbreak.service ActiveState)/$(unit_property sitbreak.service SubState)" = "$1" ]; }

has_journal_entry() { [ -n "$(user_journal "$@" | head -1)" ]; }

manager_saw() { manager_log_about sitbreak.service | finds -- "$1"; }

# The last two notifications of these kinds the manager got from sitbreakd: RELOADING=1, READY=1.
reload_was_announced() {
    [ "$(manager_log_about sitbreak.service | grep -o '(RELOADING=1\|(READY=1)' | tail -2 | tr '\n' ' ')" \
        = "(RELOADING=1 (READY=1) " ]
}

short_config() {
    write_user_config << 'EOF'
# Short spans so the test sees a reminder within seconds.
[break]
sit_limit = "4s"
length = "2s"
[activity]
sources = ["manual"]
[notify]
via = "terminal"
EOF
}

step_1_install() {
    local output
    short_config
    local config_before
    config_before=$(sha256sum < "$(user_config)")
    output=$(install_as_user) || fail "1 install: make install-built failed: $output"
    grep -q "Keeping your" <<< "$output" || fail "1 install: did not say it kept the existing config: $output"
    grep -q "^Installed sitbreakd and sitbreakctl in $TEST_HOME/.local/bin; " <<< "$output" \
        && grep -q "^sitbreak.service is active: Sitting since " <<< "$output" \
        || fail "1 install: did not say what it installed and the service's state in one line: $output"
    [ "$(sha256sum < "$(user_config)")" = "$config_before" ] || fail "1 install: the user's config was overwritten"
    local file
    for file in .local/bin/sitbreakd .local/bin/sitbreakctl .config/systemd/user/sitbreak.service \
        .config/systemd/user/sitbreak.socket .local/share/man/man1/sitbreakd.1 .local/share/man/man1/sitbreakctl.1 \
        .local/share/bash-completion/completions/sitbreakctl .local/share/zsh/site-functions/_sitbreakctl \
        .config/fish/completions/sitbreakctl.fish .local/share/applications/sitbreak.desktop \
        .local/share/icons/hicolor/scalable/apps/sitbreak.svg .local/share/icons/hicolor/symbolic/apps/sitbreak-symbolic.svg \
        .local/share/sitbreak/figures/kneeling-lunge.svg .config/autostart/sitbreak-session.desktop; do
        [ -e "$TEST_HOME/$file" ] || fail "1 install: ~/$file is missing"
    done
    ldd "$TEST_HOME/.local/bin/sitbreakd" | finds libswiftCore \
        && fail "1 install: sitbreakd links the Swift runtime dynamically (not --static-swift-stdlib)"
    grep -q "^ExecStart=$TEST_HOME/.local/bin/sitbreakd$" "$TEST_HOME/.config/systemd/user/sitbreak.service" \
        || fail "1 install: ExecStart does not name the installed sitbreakd"
    grep -q "^Exec=$TEST_HOME/.local/bin/sitbreakctl desktop$" "$TEST_HOME/.config/autostart/sitbreak-session.desktop" \
        || fail "1 install: the autostart entry does not run the installed sitbreakctl desktop"
    output=$(desktop-file-validate "$TEST_HOME/.local/share/applications/sitbreak.desktop" \
        "$TEST_HOME/.config/autostart/sitbreak-session.desktop" 2>&1) && [ -z "$output" ] \
        || fail "1 install: desktop-file-validate: $output"
    output=$(as_user systemd-analyze --user verify sitbreak.service sitbreak.socket 2>&1) \
        && [ -z "$output" ] || fail "1 install: systemd-analyze --user verify is not clean: $output"
    # The catalog is the system-wide install's part (journalctl -x reads only /usr/lib and
    # /usr/local/lib); /usr/local and /var/lib/systemd are private to this namespace.
    output=$(make -C "$REPO" --no-print-directory install-catalog PREFIX=/usr/local 2>&1) \
        || fail "1 install: make install-catalog failed: $output"
    pass "1 install: make install-built as the user kept the config, said \"$(grep '^sitbreak.service is' <<< "$output")\";" \
        "binaries, units, man pages," \
        "completions, desktop entry, autostart entry and icons in place; desktop-file-validate and" \
        "systemd-analyze --user verify clean; catalog installed"
    say "     $(as_user systemd-analyze --user security sitbreak.service 2>&1 | tail -1)"
}

step_2_enable() {
    local output
    output=$(user_systemctl enable --now sitbreak 2>&1) || fail "2 enable: systemctl --user enable --now failed: $output"
    wait_until "$SETTLE_TIMEOUT" service_is active/running \
        || fail "2 enable: sitbreak.service is $(unit_property sitbreak.service ActiveState)/$(unit_property sitbreak.service SubState)"
    [ "$(user_systemctl is-enabled sitbreak.service sitbreak.socket | sort -u)" = enabled ] \
        || fail "2 enable: sitbreak.service and sitbreak.socket are not both enabled"
    # "running": the socket is handed to the running service.
    [ "$(unit_property sitbreak.socket ActiveState)/$(unit_property sitbreak.socket SubState)" = active/running ] \
        || fail "2 enable: sitbreak.socket is not active/running"
    local status_text
    status_text=$(unit_property sitbreak.service StatusText)
    [[ $status_text == "Sitting since "*" · next reminder "*" · source manual" ]] \
        || fail "2 enable: StatusText is \"$status_text\""
    pass "2 enable: active/running, socket active, StatusText=\"$status_text\""
}

step_3_status() {
    local json
    json=$(status_json) || fail "3 status: sitbreakctl status --json failed"
    jq -e '.state == "sitting" and .sit_limit_seconds == 4 and .break_length_seconds == 2
        and .activity_sources == ["manual"]' <<< "$json" > /dev/null \
        || fail "3 status: unexpected status: $json"
    as_user sitbreakctl status > /dev/null || fail "3 status: sitbreakctl status failed"
    pass "3 status: sitbreakctl status --json answers as the user: $(jq -c '{state, sitting_seconds, sit_limit_seconds}' <<< "$json")"
}

step_4_reminder() {
    local matches=(_SYSTEMD_USER_UNIT=sitbreak.service MESSAGE_ID=$REMINDER_ID SITBREAK_EVENT=reminder)
    wait_until "$SETTLE_TIMEOUT" has_journal_entry "${matches[@]}" || fail "4 reminder: no reminder in the journal"
    local entry
    entry=$(user_journal "${matches[@]}" | head -1)
    jq -e '.SYSLOG_IDENTIFIER == "sitbreakd" and .PRIORITY == "5" and (.SITBREAK_SITTING_SEC | tonumber) >= 4
        and (.CODE_FILE | length) > 0 and (.CODE_LINE | length) > 0 and (.CODE_FUNC | length) > 0' <<< "$entry" > /dev/null \
        || fail "4 reminder: the entry lacks fields: $entry"
    local explained
    explained=$(journalctl --no-pager -x "${matches[@]}" "_UID=$TEST_UID" | head -20)
    grep -q "Subject: Time to stand up: sitting for [0-9]* s" <<< "$explained" \
        && grep -q "sitbreakctl snooze" <<< "$explained" \
        || fail "4 reminder: journalctl -x shows no catalog text: $explained"
    [ "$(status_field .today.reminders)" -ge 1 ] || fail "4 reminder: today's reminders count is not 1 or more"
    pass "4 reminder: journal entry $(jq -c '{MESSAGE, SITBREAK_EVENT, SITBREAK_SITTING_SEC, _SYSTEMD_USER_UNIT}' <<< "$entry");" \
        "journalctl -x shows \"$(grep -o 'Subject: .*' <<< "$explained" | head -1)\""
}

step_5_reload() {
    write_user_config << 'EOF'
[break]
sit_limit = "30m"
length = "1m"
[activity]
sources = ["manual"]
[notify]
via = "terminal"
EOF
    local output
    output=$(with_manager_debug_log user_systemctl reload sitbreak 2>&1) \
        || fail "5 reload: reload with a good config failed: $output"
    [ "$(status_field .sit_limit_seconds)/$(status_field .break_length_seconds)" = 1800/60 ] \
        || fail "5 reload: status does not show the new sit_limit and length: $(status_json)"
    wait_until "$SETTLE_TIMEOUT" has_journal_entry _SYSTEMD_USER_UNIT=sitbreak.service MESSAGE_ID=$CONFIG_RELOADED_ID \
        || fail "5 reload: no config_reloaded entry in the journal"
    wait_until "$SETTLE_TIMEOUT" reload_was_announced \
        || fail "5 reload: the manager did not get RELOADING=1 then READY=1"

    cp "$(user_config)" "$SYSTEM_TEST_WORK/good-config.toml"
    write_user_config << 'EOF'
[break]
sit_limit = "45"
EOF
    output=$(user_systemctl reload sitbreak 2>&1) && fail "5 reload: reload with a broken config succeeded"
    local problem='sit_limit: "45" has no unit'
    # Matched by identifier and uid, not by unit: in one clean-clone run the line was not
    # found under the unit (journald attributes a process that has already exited by its
    # cgroup, which it may no longer read), while every other check of this step held.
    wait_until "$SETTLE_TIMEOUT" has_journal_entry SYSLOG_IDENTIFIER=sitbreakctl \
        || fail "5 reload: the reload command's message is not in the journal"
    local message
    message=$(user_journal SYSLOG_IDENTIFIER=sitbreakctl | jq -r .MESSAGE | tail -1)
    grep -qF "$problem" <<< "$message" || fail "5 reload: the reload command said \"$message\""
    local rejected
    rejected=$(user_journal _SYSTEMD_USER_UNIT=sitbreak.service MESSAGE_ID=$CONFIG_REJECTED_ID | tail -1)
    jq -e --arg p "$problem" '.SITBREAK_CONFIG_ERROR | contains($p)' <<< "$rejected" > /dev/null \
        || fail "5 reload: no config_rejected entry naming the problem: $rejected"
    service_is active/running || fail "5 reload: the unit is not active/running after the bad reload"
    [ "$(status_field .sit_limit_seconds)" = 1800 ] || fail "5 reload: the old sit_limit was not kept"
    output=$(as_user sitbreakctl reload 2>&1) && fail "5 reload: sitbreakctl reload accepted the broken config"
    grep -qF "$problem" <<< "$output" || fail "5 reload: sitbreakctl reload said \"$output\""
    # Back to the good one: the restarts below read it.
    write_user_config < "$SYSTEM_TEST_WORK/good-config.toml"
    pass "5 reload: good config applied (sit limit 1800 s, RELOADING=1…READY=1 seen);" \
        "broken config: reload failed with \"$message\", unit active, sit limit still 1800 s"
}

step_5b_bad_config_at_start() {
    local restarts output problem='config.toml:2:13: break.sit_limit: "45" has no unit'
    restarts=$(unit_property sitbreak.service NRestarts)
    write_user_config << 'EOF'
[break]
sit_limit = "45"
EOF
    user_systemctl restart sitbreak.service || fail "5b bad config at start: restart failed"
    wait_until "$SETTLE_TIMEOUT" service_is active/running || fail "5b bad config at start: the unit is not running"
    sleep 2
    service_is active/running && [ "$(unit_property sitbreak.service NRestarts)" = "$restarts" ] \
        || fail "5b bad config at start: not running steadily ($(unit_property sitbreak.service ActiveState), $(unit_property sitbreak.service NRestarts) restarts)"
    status_field '.problems | join("\n")' | grep -F "$problem" | finds -F "running on the last config that loaded" \
        || fail "5b bad config at start: status does not say so: $(status_field .problems)"
    [ "$(status_field .sit_limit_seconds)" = 1800 ] || fail "5b bad config at start: not the last good config's sit limit"
    output=$(as_user sitbreakctl doctor) && fail "5b bad config at start: doctor exited 0"
    grep -qF "$problem" <<< "$output" || fail "5b bad config at start: doctor does not say it: $output"
    wait_until "$SETTLE_TIMEOUT" eval 'user_journal _SYSTEMD_USER_UNIT=sitbreak.service | jq -r .MESSAGE | grep -F "problem: " | finds -F "$problem"' \
        || fail "5b bad config at start: not in the journal"
    write_user_config < "$SYSTEM_TEST_WORK/good-config.toml"
    as_user sitbreakctl reload > /dev/null || fail "5b bad config at start: reload of the fixed config failed"
    status_field '.problems | join("\n")' | finds -F "$problem" && fail "5b bad config at start: the problem stays after the fix"
    pass "5b bad config at start: restarted on the last good config (sit limit 1800 s), no restart loop;" \
        "status, doctor (exit 1) and the journal say \"$problem\"; reload after the fix clears it"
}

# A broken exercise file and a state.json that is a directory, both at start: before,
# either kept the daemon from starting until systemd gave up on it.
step_5c_broken_files_at_start() {
    local restarts state="$TEST_HOME/.local/state/sitbreak/state.json"
    local exercises="$TEST_HOME/.config/sitbreak/exercises.toml" problems
    restarts=$(unit_property sitbreak.service NRestarts)
    as_user sh -c 'printf "[[exercise]]\nid = 5\n" > "$1"' sh "$exercises"
    user_systemctl stop sitbreak.service
    as_user sh -c 'rm -f "$1" && mkdir "$1"' sh "$state"
    user_systemctl start sitbreak.service || fail "5c broken files at start: start failed"
    wait_until "$SETTLE_TIMEOUT" service_is active/running || fail "5c broken files at start: the unit is not running"
    sleep 2
    service_is active/running && [ "$(unit_property sitbreak.service NRestarts)" = "$restarts" ] \
        || fail "5c broken files at start: not running steadily ($(unit_property sitbreak.service NRestarts) restarts)"
    problems=$(status_field '.problems | join("\n")')
    grep -F "exercises.toml" <<< "$problems" | finds -F "suggesting the built-in moves" \
        || fail "5c broken files at start: the exercise file's problem is not in status: $problems"
    grep -F "state.json: is a directory" <<< "$problems" | finds -F "kept it as $state.unreadable-1" \
        || fail "5c broken files at start: the state file's problem is not in status: $problems"
    [ -d "$state.unreadable-1" ] || fail "5c broken files at start: the directory was not kept aside"
    as_user rm "$exercises"
    as_user sitbreakctl reload > /dev/null || fail "5c broken files at start: reload after the fix failed"
    status_field '.problems | join("\n")' | finds -F "exercises.toml" && fail "5c broken files at start: the exercise problem stays after the fix"
    pass "5c broken files at start: a broken exercises.toml and a state.json directory at start leave the unit" \
        "active (no restart), with both problems in status; reload after the fix clears the exercise one"
}

step_6_watchdog() {
    local dropin=$TEST_HOME/.config/systemd/user/sitbreak.service.d
    as_user mkdir -p "$dropin"
    # No core file: the watchdog's SIGABRT would otherwise dump one into the home directory.
    as_user sh -c 'printf "[Service]\nWatchdogSec=2s\nLimitCORE=0\n" > "$1"' sh "$dropin/watchdog.conf"
    user_systemctl daemon-reload && user_systemctl restart sitbreak.service \
        || fail "6 watchdog: restart with WatchdogSec=2s failed"
    wait_until "$SETTLE_TIMEOUT" service_is active/running || fail "6 watchdog: not running after the restart"
    [ "$(unit_property sitbreak.service WatchdogUSec)" = 2s ] || fail "6 watchdog: WatchdogSec=2s did not apply"
    local before pid restarts
    # Past the reminder's 4 s, so that a stretch started afresh would show less (5c began one).
    wait_until 10 eval '[ "$(status_field .sitting_seconds)" -ge 4 ]' || fail "6 watchdog: not sitting 4 s"
    before=$(status_json) || fail "6 watchdog: no status before the freeze"
    # A status bar follows the daemon across the restart.
    as_user touch "$TEST_HOME/follow.out"
    run_unit status-bar -p StandardOutput="file:$TEST_HOME/follow.out" "$TEST_HOME/.local/bin/sitbreakctl" status --format waybar --follow
    wait_until 5 test -s "$TEST_HOME/follow.out" || fail "6 watchdog: status --follow printed nothing"
    pid=$(unit_property sitbreak.service MainPID)
    restarts=$(unit_property sitbreak.service NRestarts)
    kill -STOP "$pid"
    wait_until 15 eval '[ "$(unit_property sitbreak.service NRestarts)" -gt "$restarts" ] && service_is active/running' \
        || fail "6 watchdog: no restart after freezing pid $pid"
    wait_until "$SETTLE_TIMEOUT" manager_saw "Watchdog timeout" || fail "6 watchdog: the manager logged no watchdog timeout"
    local after
    after=$(status_json) || fail "6 watchdog: no status after the restart"
    # Sitting already passed the 4 s of the reminder, so a stretch started afresh shows less.
    jq -e -n --argjson b "$before" --argjson a "$after" '
        $b.sitting_seconds >= 4 and $a.state == "sitting" and $a.sitting_seconds >= $b.sitting_seconds and $a.today.date == $b.today.date
        and $a.today.reminders == $b.today.reminders and $a.today.sitting_seconds >= $b.today.sitting_seconds
        and $a.today.breaks == $b.today.breaks' > /dev/null \
        || fail "6 watchdog: state lost: before $(jq -c . <<< "$before"), after $(jq -c . <<< "$after")"
    wait_until 10 eval 'grep -A5 "\"class\":\"restarting\"" "$TEST_HOME/follow.out" | finds "\"class\":\"sitting\""' \
        || fail "6 watchdog: status --follow did not say restarting, then follow the new daemon: $(cat "$TEST_HOME/follow.out")"
    [ "$(unit_property status-bar.service ActiveState)" = active ] || fail "6 watchdog: status --follow exited"
    user_systemctl stop status-bar.service
    pass "6 watchdog: pid $pid frozen, \"Watchdog timeout\", restarted as pid $(unit_property sitbreak.service MainPID);" \
        "sitting $(jq .sitting_seconds <<< "$before") s -> $(jq .sitting_seconds <<< "$after") s," \
        "today's reminders $(jq .today.reminders <<< "$before") -> $(jq .today.reminders <<< "$after")"
}

step_7_socket_activation() {
    user_systemctl stop sitbreak.service 2> /dev/null || fail "7 socket activation: stop failed"
    service_is inactive/dead || fail "7 socket activation: the service did not stop"
    [ "$(unit_property sitbreak.socket SubState)" = listening ] || fail "7 socket activation: the socket stopped listening"
    [ -S "$TEST_RUNTIME_DIR/sitbreak/control.sock" ] || fail "7 socket activation: the stopped daemon removed the socket file"
    local output
    output=$(as_user sitbreakctl status 2>&1) || fail "7 socket activation: sitbreakctl status failed: $output"
    wait_until "$SETTLE_TIMEOUT" service_is active/running || fail "7 socket activation: the service did not start"
    pass "7 socket activation: service stopped, socket kept; sitbreakctl status started it and got" \
        "\"$(head -1 <<< "$output")\""
}

step_8_stop() {
    local pid
    pid=$(unit_property sitbreak.service MainPID)
    local output
    # It warns that the socket can start the service again: that is step 7.
    output=$(with_manager_debug_log user_systemctl stop sitbreak.service 2>&1) \
        || fail "8 stop: systemctl --user stop failed: $output"
    service_is inactive/dead || fail "8 stop: not inactive/dead"
    local result status
    result=$(unit_property sitbreak.service Result)
    status=$(unit_property sitbreak.service ExecMainStatus)
    [ "$result/$status" = success/0 ] || fail "8 stop: Result=$result ExecMainStatus=$status"
    wait_until "$SETTLE_TIMEOUT" eval 'manager_log_about sitbreak.service | finds "from PID $pid (STOPPING=1)"' \
        || fail "8 stop: the manager got no STOPPING=1 from pid $pid"
    wait_until "$SETTLE_TIMEOUT" has_journal_entry _SYSTEMD_USER_UNIT=sitbreak.service MESSAGE_ID=$STOPPING_ID _PID="$pid" \
        || fail "8 stop: no stopping entry in the journal"
    pass "8 stop: Result=success, exit status 0, manager got STOPPING=1 from pid $pid"
}

step_9_uninstall() {
    local src=$TEST_HOME/sitbreak output
    output=$(as_user make -C "$src" --no-print-directory uninstall 2>&1) || fail "9 uninstall: make uninstall failed: $output"
    [ "$(unit_property sitbreak.socket ActiveState)" = inactive ] || fail "9 uninstall: sitbreak.socket is still active"
    local left
    left=$(find "$TEST_HOME/.local/bin" "$TEST_HOME/.local/share" "$TEST_HOME/.config/systemd" "$TEST_HOME/.config/fish" \
        "$TEST_HOME/.config/autostart" \
        -name '*sitbreak*' ! -name '*.d' 2> /dev/null)
    [ -z "$left" ] || fail "9 uninstall: left behind: $left"
    [ -e "$(user_config)" ] && [ -e "$TEST_HOME/.local/state/sitbreak/state.json" ] \
        || fail "9 uninstall: the config or the history is gone"
    output=$(as_user make -C "$src" --no-print-directory uninstall PURGE=1 2>&1) \
        || fail "9 uninstall: make uninstall PURGE=1 failed: $output"
    [ ! -e "$TEST_HOME/.config/sitbreak" ] && [ ! -e "$TEST_HOME/.local/state/sitbreak" ] \
        || fail "9 uninstall: PURGE=1 kept the config or the history"
    pass "9 uninstall: units stopped and removed, files gone, config and history kept; PURGE=1 removed them"
}

boot_private_system
create_test_user
start_user_manager
step_1_install
step_2_enable
step_3_status
step_4_reminder
step_5_reload
step_5b_bad_config_at_start
step_5c_broken_files_at_start
step_6_watchdog
step_7_socket_activation
step_8_stop
step_9_uninstall
say "PASS $SYSTEM_TEST_NAME: all 9 steps"
