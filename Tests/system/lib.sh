# Shared by Tests/system/test-*.sh: a real systemd user manager, journald and user bus for a
# fresh user, as root inside a private mount namespace, after
# ../shared/notes/real-systemd-in-tests.md. Everything the test changes on disk (/run, /etc,
# /home, /usr/local, /var/lib/systemd) is a tmpfs or an overlay of this namespace, so it goes
# away with it; the cgroups and processes, which a mount namespace does not hold, are removed
# by the EXIT trap.
#
# A test script sources this file and calls `run_in_private_namespace "$@"`: outside, that
# checks the host, builds the release and runs the script again inside a private mount
# namespace, exiting with its status; inside it returns, and the script goes on with
# `boot_private_system`, `create_test_user`, `start_user_manager`.

SYSTEM_TEST_NAME=$(basename "$0" .sh)
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# The build the tests install, as `make release BUILD_DIR=...` leaves it.
BUILD_DIR=${BUILD_DIR:-.build}
case $BUILD_DIR in /*) RELEASE_BUILD=$BUILD_DIR ;; *) RELEASE_BUILD=$REPO/$BUILD_DIR ;; esac
# A journalctl/systemctl answer or a unit state change takes well under this here.
SETTLE_TIMEOUT=${SETTLE_TIMEOUT:-20}
# The cgroup directories start_user_manager made (the topmost new one per hierarchy).
CREATED_CGROUPS=()
# Processes a test started outside the user's cgroups (a private system bus): ended by pid.
STARTED_OUTSIDE=()

say() { printf '%s\n' "$*"; }
skip() { say "SKIP $SYSTEM_TEST_NAME: $*"; exit 0; }
# `producer | grep -q` is false under pipefail whenever grep's early exit ends the producer
# with SIGPIPE: `ldconfig -p` writes 95 KB, and a match near its top once skipped the x11 test
# as "libXss is not installed" on a machine that had it. finds reads to the end, so only the
# match decides.
finds() { grep "$@" > /dev/null; }

# The tray's state colours (config/icons): where one is drawn in a panel, it shows that state.
TRAY_GREEN="#5f9e6e" TRAY_AMBER="#d19a2a" TRAY_BLUE="#3d8ed8"
# Pixels of COLOUR (within 8 % of it) in the part GEOMETRY (WxH+X+Y) of the screenshot FILE.
region_pixels() {
    convert "$1" -crop "$2" +repage -alpha off -fuzz 8% -fill black +opaque "$3" -fill white -opaque "$3" \
        -format '%[fx:round(mean*w*h)]' info: 2> /dev/null
}
# "X Y": the centre of the first patch of COLOUR between MIN and MAX pixels (an icon's size) in
# the part GEOMETRY of FILE, in that part's coordinates.
region_box() {
    convert "$1" -crop "$2" +repage -alpha off -fuzz 8% -fill black +opaque "$3" -fill white -opaque "$3" \
        -define connected-components:verbose=true -connected-components 8 null: 2> /dev/null \
        | awk -v min="$4" -v max="$5" '$NF == "srgb(255,255,255)" && $4 >= min && $4 <= max { split($3, centre, ","); print centre[1], centre[2]; exit }'
}

# Prints PASS/FAIL lines; the first failure prints the diagnostics and ends the test.
pass() { say "PASS $*"; }
fail() {
    say "FAIL $*"
    if declare -F print_diagnostics > /dev/null; then print_diagnostics; fi
    exit 1
}

require_system_test_host() {
    [ "$(id -u)" = 0 ] || skip "needs root for a private mount namespace and a test user (sudo make system-tests)"
    local tool
    for tool in unshare setpriv useradd mount journalctl systemctl systemd-analyze jq make; do
        command -v "$tool" > /dev/null || skip "$tool is not installed (make test-deps)"
    done
    [ -x /lib/systemd/systemd ] && [ -x /lib/systemd/systemd-journald ] \
        || skip "systemd is not installed (make test-deps)"
    [ -e /usr/lib/systemd/user/dbus.socket ] || skip "dbus-user-session is not installed (make test-deps)"
    # A host booted with systemd already runs user managers and owns user.slice: the harness
    # would build a second one beside it. It is meant for containers and VMs without systemd.
    [ -d /run/systemd/system ] && [ "$(cat /proc/1/comm)" = systemd ] \
        && skip "this host runs systemd as PID 1; run the system tests in a container or VM without it"
    unshare --mount --propagation private true 2> /dev/null || skip "unshare --mount is not permitted here"
}

# One system test at a time on a machine, whichever clone it runs from: the login tests share
# the test user's uid and so its cgroup (user@UID.service), whose leftovers each test's
# tear_down kills, and any two would end each other's desktops. The script runs again under
# flock(1), which holds the lock until the script exits; `-o` keeps the lock's descriptor out
# of the script, so a process it leaves behind cannot keep the next test waiting.
MACHINE_LOCK=/tmp/sitbreak-system-tests.lock
SYSTEM_TEST_ARGS=("$@")
take_machine_lock() {
    [ -n "${SITBREAK_HOLDS_MACHINE_LOCK:-}" ] && return
    flock -n "$MACHINE_LOCK" true || say "waiting for another sitbreak system test on this machine to finish"
    SITBREAK_HOLDS_MACHINE_LOCK=1 exec flock -o "$MACHINE_LOCK" bash "$0" "${SYSTEM_TEST_ARGS[@]}"
}

# Outside the namespace: checks the host, builds the release (a no-op when it is up to date)
# and runs this script again in a private mount namespace, exiting with its status. Inside,
# where SYSTEM_TEST_WORK is an empty directory for the namespace's scratch tmpfs: returns.
run_in_private_namespace() {
    [ -n "${SYSTEM_TEST_WORK:-}" ] && return 0
    require_system_test_host
    # Built once, before waiting for the lock; the run under the lock inherits the mark.
    if [ -z "${SITBREAK_TEST_RELEASE_BUILT:-}" ]; then
        say "Building the release binaries, man pages and completions ($BUILD_DIR; the first build takes minutes)"
        local log=$RELEASE_BUILD/system-test-build.log
        mkdir -p "$RELEASE_BUILD"
        make -C "$REPO" --no-print-directory release BUILD_DIR="$BUILD_DIR" > "$log" 2>&1 \
            || { tail -30 "$log"; fail "build: make release failed (log: $log)"; }
        export SITBREAK_TEST_RELEASE_BUILT=1
    fi
    take_machine_lock
    local work status
    work=$(mktemp -d /tmp/sitbreak-system-test.XXXXXX)
    SYSTEM_TEST_WORK=$work unshare --mount --propagation private bash "$0" "$@"
    status=$?
    rmdir "$work"
    exit "$status"
}

# DIR becomes writable for this namespace only: an overlay whose upper layer is scratch tmpfs.
make_private() {
    local dir=$1 layer
    layer=$SYSTEM_TEST_WORK/overlay/$(printf '%s' "$dir" | tr / _)
    mkdir -p "$layer/upper" "$layer/work"
    mount -t overlay overlay -o "lowerdir=$dir,upperdir=$layer/upper,workdir=$layer/work" "$dir"
}

# A /run as after boot with systemd (/run/systemd/system is how systemd tells), a private
# /etc for useradd, an empty /home, and journald listening on /run/systemd/journal/socket.
boot_private_system() {
    trap tear_down EXIT
    trap 'exit 130' INT TERM
    mount -t tmpfs -o mode=0700 tmpfs "$SYSTEM_TEST_WORK" || fail "setup: cannot mount the scratch tmpfs"
    mount -t tmpfs -o mode=0755 tmpfs /run || fail "setup: cannot mount a tmpfs on /run"
    mkdir -p /run/systemd/system /run/systemd/journal /run/log /run/user
    install -d -m 1777 /run/lock
    mount -t tmpfs -o mode=0755 tmpfs /home
    local dir
    for dir in /etc /usr/local /var/lib/systemd; do make_private "$dir" || fail "setup: cannot overlay $dir"; done
    # journald writes to /var/log/journal only after a flush, but keep it out of reach anyway.
    [ -d /var/log/journal ] && mount -t tmpfs tmpfs /var/log/journal
    /lib/systemd/systemd-journald > "$SYSTEM_TEST_WORK/journald.log" 2>&1 &
    JOURNALD_PID=$!
    wait_until 10 test -S /run/systemd/journal/socket || fail "setup: journald did not start ($(cat "$SYSTEM_TEST_WORK/journald.log"))"
}

create_test_user() {
    TEST_USER=sitbreak-tester
    useradd --create-home --shell /bin/bash "$TEST_USER" || fail "setup: useradd $TEST_USER failed"
    TEST_UID=$(id -u "$TEST_USER")
    TEST_GID=$(id -g "$TEST_USER")
    TEST_HOME=$(getent passwd "$TEST_USER" | cut -d: -f6)
    TEST_RUNTIME_DIR=/run/user/$TEST_UID
    install -d -o "$TEST_UID" -g "$TEST_GID" -m 0700 "$TEST_RUNTIME_DIR"
}

# Installs the release build for the test user with the README's per-user route (`make
# install-built` in the user's copy of the project, as `make release` leaves it); prints what
# make said. The service is enabled and started when a user manager runs.
install_as_user() {
    local src=$TEST_HOME/sitbreak
    install -d -o "$TEST_UID" -g "$TEST_GID" "$src" "$src/.build/release" "$src/.build/generated"
    cp -r "$REPO/Makefile" "$REPO/systemd" "$REPO/config" "$src/"
    cp -L "$RELEASE_BUILD/release/sitbreakd" "$RELEASE_BUILD/release/sitbreakctl" "$src/.build/release/"
    cp -r "$RELEASE_BUILD/generated/." "$src/.build/generated/"
    chown -R "$TEST_UID:$TEST_GID" "$src"
    as_user make -C "$src" --no-print-directory install-built 2>&1
}

# Runs a command as the test user, with the environment a login session gives.
as_user() {
    setpriv --reuid="$TEST_UID" --regid="$TEST_GID" --init-groups \
        env -i HOME="$TEST_HOME" USER="$TEST_USER" LOGNAME="$TEST_USER" SHELL=/bin/bash LANG=C.UTF-8 \
        PATH="$TEST_HOME/.local/bin:/usr/local/bin:/usr/bin:/bin" XDG_RUNTIME_DIR="$TEST_RUNTIME_DIR" \
        DBUS_SESSION_BUS_ADDRESS="unix:path=$TEST_RUNTIME_DIR/bus" "$@"
}

user_systemctl() { as_user systemctl --user --no-pager "$@"; }

# Runs ARGS (systemd-run options, then the command) as a unit of the user manager named
# UNIT, as a desktop's programs run: the manager ends it with the test (tear_down), and
# `systemctl --user stop UNIT` ends it before.
run_unit() {
    local unit=$1
    shift
    as_user systemd-run --user --quiet --collect --unit="$unit" "$@" || fail "setup: cannot start $unit"
}

# One property of a user unit, e.g. `unit_property sitbreak.service ActiveState`.
unit_property() { user_systemctl show --value -p "$2" "$1"; }

# The cgroup directories of user@UID.service, one per hierarchy systemd uses here: cgroup v2
# alone, or the hybrid layout (v2 at unified/, systemd's own v1 hierarchy at systemd/).
user_service_cgroups() {
    local root
    if [ -e /sys/fs/cgroup/cgroup.controllers ]; then
        say "/sys/fs/cgroup/user.slice/user-$TEST_UID.slice/user@$TEST_UID.service"
    else
        for root in /sys/fs/cgroup/unified /sys/fs/cgroup/systemd; do
            [ -d "$root" ] && say "$root/user.slice/user-$TEST_UID.slice/user@$TEST_UID.service"
        done
    fi
}

# `systemd --user` as the test user, in a cgroup delegated to it (without one it exits 1 at
# once). Its log goes to the journal only when told so: under user@.service its stderr is the
# journal, here it would try /dev/console.
start_user_manager() {
    local cgroup slice
    for cgroup in $(user_service_cgroups); do
        # The topmost directory this creates, so tear_down removes exactly what is new.
        slice=$cgroup
        while [ ! -d "$(dirname "$slice")" ]; do slice=$(dirname "$slice"); done
        CREATED_CGROUPS+=("$slice")
        mkdir -p "$cgroup" && chown -R "$TEST_UID:$TEST_GID" "$cgroup" || fail "setup: cannot delegate $cgroup"
    done
    (
        for cgroup in $(user_service_cgroups); do echo "$BASHPID" > "$cgroup/cgroup.procs"; done
        exec setpriv --reuid="$TEST_UID" --regid="$TEST_GID" --init-groups \
            env -i HOME="$TEST_HOME" USER="$TEST_USER" LOGNAME="$TEST_USER" LANG=C.UTF-8 \
            PATH=/usr/local/bin:/usr/bin:/bin XDG_RUNTIME_DIR="$TEST_RUNTIME_DIR" \
            /lib/systemd/systemd --user --log-target=journal
    ) > "$SYSTEM_TEST_WORK/user-manager.log" 2>&1 &
    MANAGER_PID=$!
    wait_until "$SETTLE_TIMEOUT" manager_is_up \
        || fail "setup: systemd --user did not come up: $(tail -5 "$SYSTEM_TEST_WORK/user-manager.log")"
    [ "$(unit_property dbus.socket ActiveState)" = active ] || user_systemctl start dbus.socket \
        || fail "setup: the user bus (dbus.socket) did not start"
}

manager_is_up() {
    case $(user_systemctl is-system-running 2> /dev/null) in
        running | degraded) return 0 ;;
        *) return 1 ;;
    esac
}

. "$REPO/Tests/system/wait-until.sh"

# The test user's journal entries matching journalctl MATCHES, as JSON lines (read as root:
# the journal is volatile, so there are no per-user journal files).
user_journal() { journalctl --no-pager -o json "_UID=$TEST_UID" "$@"; }

# Entries the user manager logged about UNIT (MESSAGE lines).
manager_log_about() { journalctl --no-pager -o cat "_PID=$MANAGER_PID" "USER_UNIT=$1"; }

# Runs COMMAND with the user manager logging at debug level, which includes every
# notification it gets ("Got notification message from PID 42 (READY=1)"). Only for a moment:
# at debug level each process the manager forks logs "Executing: ..." before its exec, and
# journald then files that process's later entries under the manager's init.scope.
with_manager_debug_log() {
    user_systemctl log-level debug || return 1
    "$@"
    local status=$?
    user_systemctl log-level info
    return "$status"
}

# True once PID is gone or a zombie (a child of this shell stays one until waited for).
has_exited() { ! kill -0 "$1" 2> /dev/null || [[ $(ps -o stat= -p "$1") == Z* ]]; }

cgroup_pids() { find "$1" -name cgroup.procs -exec cat {} + 2> /dev/null; }

tear_down() {
    local status=$? cgroup pid
    trap - EXIT
    if [ -n "${MANAGER_PID:-}" ] && kill -0 "$MANAGER_PID" 2> /dev/null; then
        timeout 10 setpriv --reuid="$TEST_UID" --regid="$TEST_GID" --init-groups \
            env XDG_RUNTIME_DIR="$TEST_RUNTIME_DIR" systemctl --user exit > /dev/null 2>&1
        wait_until 10 has_exited "$MANAGER_PID" || kill -KILL "$MANAGER_PID" 2> /dev/null
        wait "$MANAGER_PID" 2> /dev/null
    fi
    for pid in "${STARTED_OUTSIDE[@]}"; do kill "$pid" 2> /dev/null; done
    # Whatever is left in the cgroups made for the test was started by it: end it by pid.
    for cgroup in "${CREATED_CGROUPS[@]}"; do
        for pid in $(cgroup_pids "$cgroup"); do kill -KILL "$pid" 2> /dev/null; done
    done
    for cgroup in "${CREATED_CGROUPS[@]}"; do
        wait_until 5 eval '[ -z "$(cgroup_pids "$cgroup")" ]'
        find "$cgroup" -depth -type d -exec rmdir {} + 2> /dev/null
    done
    if [ -n "${JOURNALD_PID:-}" ]; then
        kill "$JOURNALD_PID" 2> /dev/null
        wait "$JOURNALD_PID" 2> /dev/null
    fi
    exit "$status"
}
