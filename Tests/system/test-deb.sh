#!/usr/bin/env bash
# Issue 16's proof: the Debian package from `make deb` installs with apt-get and works for a
# user who logs in afterwards, with a real `systemd --user`: sitbreak runs without any
# `enable`, reads the site config an administrator set in /etc/xdg/sitbreak/config.toml,
# reminds, has its man page and completions; `apt-get remove` stops it for that running
# user and `apt-get purge` leaves nothing in /etc or /usr. Root only; skips with a message
# otherwise.
#   bash Tests/system/test-deb.sh     (BUILD_DIR=.build-x to use another build)
#
# apt-get and dpkg change /usr, /etc and /var of this namespace only (overlays on scratch
# tmpfs), and the package is purged at the end whatever happened, so the machine stays as
# it was.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

REMINDER_ID=daac2b2bb2e74410b823c0738fe5366b
SITE_CONFIG=/etc/xdg/sitbreak/config.toml
# The tmux server of the completion step, on a socket of its own.
TMUX_SOCKET=sitbreak-deb-test

for tool in dpkg-parsechangelog dh lintian apt-get man tmux fish zsh; do
    command -v "$tool" > /dev/null || skip "$tool is not installed (make test-deps)"
done

# A login shell completes through bash-completion, as on a Debian desktop.
[ -e /usr/share/bash-completion/bash_completion ] || skip "bash-completion is not installed (make test-deps)"

run_in_private_namespace "$@"

# ---- inside the private namespace -------------------------------------------------------

print_diagnostics() {
    say "---- dpkg -s sitbreak"
    dpkg -s sitbreak 2>&1 | head -12
    [ -n "${TEST_UID:-}" ] || return 0
    say "---- systemctl --user status sitbreak.service sitbreak.socket"
    user_systemctl status sitbreak.service sitbreak.socket 2>&1 | head -20
    say "---- the journal about sitbreak, last 30 entries"
    journalctl --no-pager -o short-monotonic _SYSTEMD_USER_UNIT=sitbreak.service + USER_UNIT=sitbreak.service \
        2>&1 | tail -30
}

# Whatever happens, the package does not outlive the test.
purge_leftover_package() {
    [ -n "${TEST_UID:-}" ] && as_user tmux -L "$TMUX_SOCKET" kill-server 2> /dev/null
    if dpkg-query -W -f='${Status}' sitbreak 2> /dev/null | finds -v "not-installed"; then
        say "Purging the package the test left installed"
        DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq sitbreak > /dev/null 2>&1
    fi
}

# Files named like sitbreak under /etc and /usr, one a line.
sitbreak_files() { find /etc /usr -name '*sitbreak*' 2> /dev/null | sort; }

service_is() { [ "$(unit_property sitbreak.service ActiveState)/$(unit_property sitbreak.service SubState)" = "$1" ]; }

has_journal_entry() { [ -n "$(user_journal "$@" | head -1)" ]; }

status_field() {
    local json
    json=$(as_user sitbreakctl status --json) || return 1
    jq -r "$1" <<< "$json"
}

step_1_build() {
    local output started=$SECONDS
    rm -f "$REPO"/sitbreak_*_amd64.deb
    output=$(make -C "$REPO" --no-print-directory deb BUILD_DIR="$BUILD_DIR" 2>&1) \
        || fail "1 build: make deb failed: $(tail -30 <<< "$output")"
    DEB=$(ls "$REPO"/sitbreak_*_amd64.deb 2> /dev/null | head -1)
    [ -n "$DEB" ] || fail "1 build: make deb made no sitbreak_*_amd64.deb"
    local version lintian_says
    version=$(dpkg-deb -f "$DEB" Version)
    [ "$(basename "$DEB")" = "sitbreak_${version}_amd64.deb" ] || fail "1 build: $DEB is not named for version $version"
    # make deb fails on a lintian error or warning; what it said is shown here.
    # Its tags on standard output; standard error only says it runs as root.
    lintian_says=$(lintian --fail-on error,warning "$DEB" 2> /dev/null) || fail "1 build: lintian: $lintian_says"
    pass "1 build: make deb made $(basename "$DEB") ($(( $(stat -c %s "$DEB") / 1024 )) KiB) in $(( SECONDS - started )) s;" \
        "lintian: ${lintian_says:-no errors, no warnings}"
}

step_2_install() {
    BEFORE_INSTALL=$(sitbreak_files)
    local output started=$SECONDS
    output=$(DEBIAN_FRONTEND=noninteractive apt-get install -y "$DEB" 2>&1) \
        || fail "2 install: apt-get install failed: $output"
    local took=$(( SECONDS - started )) file
    for file in /usr/bin/sitbreakd /usr/bin/sitbreakctl /usr/lib/systemd/user/sitbreak.service \
        /usr/lib/systemd/user/sitbreak.socket /usr/lib/systemd/catalog/sitbreak.catalog \
        /usr/share/man/man1/sitbreakd.1.gz /usr/share/man/man1/sitbreakctl.1.gz /usr/share/man/man5/sitbreak.toml.5.gz \
        /usr/share/bash-completion/completions/sitbreakctl /usr/share/zsh/vendor-completions/_sitbreakctl \
        /usr/share/fish/vendor_completions.d/sitbreakctl.fish /usr/share/applications/sitbreak.desktop \
        /usr/share/icons/hicolor/scalable/apps/sitbreak.svg /usr/share/icons/hicolor/symbolic/apps/sitbreak-symbolic.svg \
        /usr/share/doc/sitbreak/copyright /usr/share/doc/sitbreak/changelog.gz "$SITE_CONFIG" \
        /etc/xdg/autostart/sitbreak-session.desktop \
        /etc/systemd/user/default.target.wants/sitbreak.service /etc/systemd/user/sockets.target.wants/sitbreak.socket; do
        [ -e "$file" ] || fail "2 install: $file is missing"
    done
    grep -q "^ExecStart=/usr/bin/sitbreakd$" /usr/lib/systemd/user/sitbreak.service \
        || fail "2 install: ExecStart does not name /usr/bin/sitbreakd"
    dpkg-query -W -f='${Conffiles}\n' sitbreak | finds " $SITE_CONFIG " \
        || fail "2 install: $SITE_CONFIG is not a conffile: $(dpkg-query -W -f='${Conffiles}' sitbreak)"
    local depends
    depends=$(dpkg-query -W -f='${Depends}' sitbreak)
    [[ $depends == *libsystemd0* && $depends == *libsqlite3-0* && $depends == *libc6* && $depends != *swift* ]] \
        || fail "2 install: Depends is \"$depends\""
    ldd /usr/bin/sitbreakd /usr/bin/sitbreakctl | finds libswift \
        && fail "2 install: a binary links the Swift runtime dynamically"
    journalctl --list-catalog | finds "$REMINDER_ID sitbreak" \
        || fail "2 install: the catalog trigger did not run (journalctl --list-catalog does not know sitbreak)"
    pass "2 install: apt-get install took $took s; binaries, units (enabled for every user), catalog (known to" \
        "journalctl), man pages, completions, desktop entry, icons, conffile $SITE_CONFIG in place;" \
        "Depends: $depends"
}

# An administrator makes the site defaults short, so a user without a config of their own
# gets a reminder within seconds: what the daemon reads from /etc/xdg.
step_3_site_config() {
    # The file sets every key: the blip must be shorter than the 2 s break too.
    sed -i -e 's/^sit_limit = .*/sit_limit = "4s"/' -e 's/^length = .*/length = "2s"/' -e 's/^blip = .*/blip = "1s"/' \
        -e 's/^sources = .*/sources = ["manual"]/' -e 's/^via = .*/via = "terminal"/' "$SITE_CONFIG"
    grep -q '^sit_limit = "4s"$' "$SITE_CONFIG" && grep -q '^sources = \["manual"\]$' "$SITE_CONFIG" \
        || fail "3 site config: could not edit $SITE_CONFIG"
    local output
    output=$(sitbreakd --check-config "$SITE_CONFIG" 2>&1) || fail "3 site config: sitbreakd --check-config: $output"
    pass "3 site config: the administrator set sit_limit 4s, length 2s, sources manual in $SITE_CONFIG; \"$output\""
}

step_4_login() {
    create_test_user
    local started=$SECONDS
    start_user_manager
    wait_until "$SETTLE_TIMEOUT" service_is active/running \
        || fail "4 login: sitbreak.service did not start with the user's manager"
    LOGIN_TO_ACTIVE=$(( SECONDS - started ))
    [ "$(user_systemctl is-enabled sitbreak.service)" = enabled ] || fail "4 login: sitbreak.service is not enabled"
    [ -e "$TEST_HOME/.config/sitbreak/config.toml" ] && fail "4 login: the user has a config file of their own"
    local json
    json=$(as_user sitbreakctl status --json) || fail "4 login: sitbreakctl status failed"
    jq -e '.sit_limit_seconds == 4 and .break_length_seconds == 2 and .activity_sources == ["manual"]' <<< "$json" \
        > /dev/null || fail "4 login: the daemon does not run on the site config: $json"
    pass "4 login: a new user's manager started sitbreak without any enable, active $LOGIN_TO_ACTIVE s after login;" \
        "no user config, so the site's: $(jq -c '{state, sit_limit_seconds, break_length_seconds, activity_sources}' <<< "$json")"
}

step_5_reminder() {
    local matches=(_SYSTEMD_USER_UNIT=sitbreak.service MESSAGE_ID=$REMINDER_ID)
    wait_until "$SETTLE_TIMEOUT" has_journal_entry "${matches[@]}" || fail "5 reminder: no reminder in the journal"
    local explained
    explained=$(journalctl --no-pager -x "${matches[@]}" "_UID=$TEST_UID" | head -20)
    grep -q "Subject: Time to stand up" <<< "$explained" || fail "5 reminder: journalctl -x shows no catalog text: $explained"
    [ "$(status_field .today.reminders)" -ge 1 ] || fail "5 reminder: today's reminders count is not 1 or more"
    pass "5 reminder: \"$(user_journal "${matches[@]}" | head -1 | jq -r .MESSAGE)\";" \
        "journalctl -x: \"$(grep -o 'Subject: .*' <<< "$explained" | head -1)\""
}

# The user's own file overrides the site's key by key.
step_6_user_config() {
    as_user sh -c 'mkdir -p -m 0700 "$1" && printf "[break]\nsit_limit = \"30m\"\n" > "$1/config.toml"' \
        sh "$TEST_HOME/.config/sitbreak"
    local output
    output=$(as_user sitbreakctl reload 2>&1) || fail "6 user config: sitbreakctl reload failed: $output"
    [ "$(status_field .sit_limit_seconds)/$(status_field .break_length_seconds)" = 1800/2 ] \
        || fail "6 user config: not the user's sit_limit over the site's length: $(as_user sitbreakctl status --json)"
    pass "6 user config: ~/.config/sitbreak/config.toml sets sit_limit 30m; the site's length 2s still applies"
}

step_7_man_and_completion() {
    local page
    page=$(as_user env MANPAGER=cat MANWIDTH=100 man sitbreakctl 2>&1) || fail "7 man: man sitbreakctl failed: $page"
    grep -q "^NAME" <<< "$page" && grep -q "sitbreakctl" <<< "$page" || fail "7 man: man sitbreakctl shows: $page"
    as_user env MANPAGER=cat man 5 sitbreak.toml 2>&1 | finds "sit_limit = \"45m\"" \
        || fail "7 man: man 5 sitbreak.toml does not document sit_limit"
    # bash as a person has it: a login shell in a terminal, Tab twice.
    as_user tmux -L "$TMUX_SOCKET" new-session -d -s deb -x 160 -y 40 -c "$TEST_HOME" bash -l \
        || fail "7 completion: tmux did not start"
    local screen
    # Typed only once the prompt is there, as a person would: keys typed ahead reach bash
    # before its completions are loaded.
    wait_until 10 eval 'screen=$(as_user tmux -L "$TMUX_SOCKET" capture-pane -p -t deb); grep -q "[$]$" <<< "$screen"' \
        || fail "7 completion: no prompt in the login shell: $screen"
    # One Tab completes a word with one match ("sta" has three: stand, stats, status).
    as_user tmux -L "$TMUX_SOCKET" send-keys -t deb 'sitbreakctl conf' Tab
    wait_until 10 eval 'screen=$(as_user tmux -L "$TMUX_SOCKET" capture-pane -p -t deb); grep -q "sitbreakctl config" <<< "$screen"' \
        || fail "7 completion: bash did not complete \"sitbreakctl conf\" to config: $screen"
    # A move id, which only the installed sitbreakctl knows.
    as_user tmux -L "$TMUX_SOCKET" send-keys -t deb C-u 'sitbreakctl exercises show kneeling-l' Tab
    wait_until 10 eval 'screen=$(as_user tmux -L "$TMUX_SOCKET" capture-pane -p -t deb); grep -q "show kneeling-lunge" <<< "$screen"' \
        || fail "7 completion: bash did not complete the move id \"kneeling-l\": $screen"
    as_user tmux -L "$TMUX_SOCKET" kill-server
    local fish_says zsh_says
    fish_says=$(as_user fish -c 'complete -C "sitbreakctl sta"' 2>&1)
    grep -q "^status" <<< "$fish_says" || fail "7 completion: fish offers \"$fish_says\" for \"sitbreakctl sta\""
    as_user fish -c 'complete -C "sitbreakctl break --move kneeling-l"' | finds "^kneeling-lunge" \
        || fail "7 completion: fish does not offer the move id kneeling-lunge after break --move"
    zsh_says=$(as_user zsh -c 'autoload -U compinit && compinit -u && print -r -- $_comps[sitbreakctl]' 2>&1)
    [ "$zsh_says" = _sitbreakctl ] || fail "7 completion: zsh's compinit does not know sitbreakctl: \"$zsh_says\""
    pass "7 man and completion: man sitbreakctl shows \"$(grep -A1 '^NAME' <<< "$page" | tail -1 | sed 's/^ *//')\";" \
        "bash completes \"sitbreakctl conf\" to config and \"exercises show kneeling-l\" to kneeling-lunge;" \
        "fish offers \"$(head -1 <<< "$fish_says" | tr '\t' ' ')\"; zsh's compinit finds _sitbreakctl"
}

step_8_remove() {
    local output started=$SECONDS
    output=$(DEBIAN_FRONTEND=noninteractive apt-get remove -y sitbreak 2>&1) \
        || fail "8 remove: apt-get remove failed: $output"
    wait_until "$SETTLE_TIMEOUT" service_is inactive/dead \
        || fail "8 remove: sitbreak.service is $(unit_property sitbreak.service ActiveState) for the logged-in user"
    [ "$(unit_property sitbreak.socket ActiveState)" = inactive ] || fail "8 remove: sitbreak.socket is still active"
    [ -e /usr/bin/sitbreakd ] && fail "8 remove: /usr/bin/sitbreakd is still there"
    [ -e "$SITE_CONFIG" ] || fail "8 remove: the conffile $SITE_CONFIG went with remove (only purge takes it)"
    pass "8 remove: apt-get remove took $(( SECONDS - started )) s and stopped sitbreak.service and .socket for the" \
        "logged-in user; the site config stays until purge"
}

step_9_purge() {
    local output left
    output=$(DEBIAN_FRONTEND=noninteractive apt-get purge -y sitbreak 2>&1) || fail "9 purge: apt-get purge failed: $output"
    left=$(comm -13 <(say "$BEFORE_INSTALL") <(sitbreak_files))
    [ -z "$left" ] || fail "9 purge: left behind in /etc or /usr: $left"
    [ -e "$TEST_HOME/.config/sitbreak/config.toml" ] && [ -d "$TEST_HOME/.local/state/sitbreak" ] \
        || fail "9 purge: the user's own config or history went with the package"
    pass "9 purge: nothing named sitbreak left in /etc or /usr (the edited conffile too); the user's" \
        "config and history stay"
}

boot_private_system
# apt-get and dpkg write under /usr and /var (the package database, caches, logs): here only.
for dir in /usr /var; do make_private "$dir" || fail "setup: cannot overlay $dir"; done
trap 'status=$?; purge_leftover_package; (exit $status); tear_down' EXIT
started=$SECONDS
step_1_build
step_2_install
step_3_site_config
step_4_login
step_5_reminder
step_6_user_config
step_7_man_and_completion
step_8_remove
step_9_purge
say "PASS $SYSTEM_TEST_NAME: all 9 steps in $(( SECONDS - started )) s"
