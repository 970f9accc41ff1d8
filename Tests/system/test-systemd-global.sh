#!/usr/bin/env bash
# The system-wide install (docs/systemd.md): root installs into /usr/local, and a user who
# logs in afterwards gets sitbreak started by their own `systemd --user` without doing
# anything; the catalog is known to journalctl; uninstall takes it all back. Root only;
# skips with a message otherwise.
#   bash Tests/system/test-systemd-global.sh     (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(dirname "$0")/lib.sh"

run_in_private_namespace "$@"

# ---- inside the private namespace: /usr/local, /etc and /var/lib/systemd are overlays --------

print_diagnostics() {
    say "---- systemctl --user status sitbreak.service sitbreak.socket"
    user_systemctl status sitbreak.service sitbreak.socket 2>&1 | head -20
}

install_for_everyone() {
    local output
    output=$(make -C "$REPO" --no-print-directory install-built PREFIX=/usr/local BUILD_DIR="$RELEASE_BUILD" 2>&1) \
        || fail "1 install: make install-built PREFIX=/usr/local failed: $output"
    local file
    for file in /usr/local/bin/sitbreakd /usr/local/bin/sitbreakctl /usr/local/lib/systemd/user/sitbreak.service \
        /usr/local/lib/systemd/user/sitbreak.socket /usr/local/lib/systemd/catalog/sitbreak.catalog \
        /usr/local/share/man/man1/sitbreakd.1 /usr/local/share/man/man1/sitbreakctl.1 \
        /usr/local/share/bash-completion/completions/sitbreakctl /usr/local/share/zsh/site-functions/_sitbreakctl \
        /usr/local/share/fish/vendor_completions.d/sitbreakctl.fish \
        /etc/systemd/user/default.target.wants/sitbreak.service /etc/systemd/user/sockets.target.wants/sitbreak.socket; do
        [ -e "$file" ] || fail "1 install: $file is missing"
    done
    journalctl --list-catalog | finds "daac2b2bb2e74410b823c0738fe5366b sitbreak" \
        || fail "1 install: journalctl --list-catalog does not know sitbreak's entries"
    pass "1 install: binaries, units, catalog (journalctl --list-catalog knows it), man pages, completions" \
        "under /usr/local; enabled globally in /etc/systemd/user"
}

user_logs_in() {
    create_test_user
    start_user_manager
    wait_until "$SETTLE_TIMEOUT" eval '[ "$(unit_property sitbreak.service ActiveState)" = active ]' \
        || fail "2 login: sitbreak.service did not start with the user's manager"
    local status
    status=$(as_user sitbreakctl status 2>&1) || fail "2 login: sitbreakctl status failed: $status"
    as_user man -w sitbreakctl > /dev/null || fail "2 login: man does not find sitbreakctl(1)"
    pass "2 login: a new user's manager started sitbreak by itself; sitbreakctl status says \"$(head -1 <<< "$status")\""
}

uninstall_for_everyone() {
    local output
    output=$(make -C "$REPO" --no-print-directory uninstall PREFIX=/usr/local BUILD_DIR="$RELEASE_BUILD" 2>&1) \
        || fail "3 uninstall: make uninstall PREFIX=/usr/local failed: $output"
    local left
    left=$(find /usr/local /etc/systemd/user -name '*sitbreak*' 2> /dev/null)
    [ -z "$left" ] || fail "3 uninstall: left behind: $left"
    journalctl --list-catalog | finds "sitbreak" && fail "3 uninstall: the catalog is still known"
    pass "3 uninstall: nothing named sitbreak left under /usr/local or /etc/systemd/user; catalog gone"
}

boot_private_system
install_for_everyone
user_logs_in
uninstall_for_everyone
say "PASS $SYSTEM_TEST_NAME: all 3 steps"
