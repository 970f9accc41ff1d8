#!/usr/bin/env bash
# Issue 21's proof on sway 1.7 (Debian 12's, headless wlroots) with mako, in the order a login
# happens (login-lib.sh): sitbreak runs under systemd --user first; sway starts later as the
# test user (it refuses root) and hands WAYLAND_DISPLAY over through Debian's
# /etc/sway/config.d/50-systemd-user.conf. sway 1.7 offers org_kde_kwin_idle, not
# ext-idle-notify. Input is wtype (a virtual keyboard); do-not-disturb is mako's mode
# (makoctl mode -a do-not-disturb); mako is started by the bus, killed and started again.
#   bash Tests/system/test-login-sway.sh      (BUILD_DIR=.build-x to use another build)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/login-lib.sh"

if [ -z "${SYSTEM_TEST_WORK:-}" ]; then
    require_login_host sway mako makoctl wtype grim
fi
run_in_private_namespace "$@"

DESKTOP_NAME=sway
DESKTOP_SOURCE=wayland
NOTIFICATION_SERVICE=fr.emersion.mako.service

# A user's sway config: one headless output, and the system's config.d as Debian ships it.
prepare_home() {
    as_user mkdir -p "$TEST_HOME/.config/sway"
    as_user tee "$TEST_HOME/.config/sway/config" > /dev/null << 'EOF2'
output HEADLESS-1 resolution 1280x800 bg #000000 solid_color
include /etc/sway/config.d/*
EOF2
}

desktop_up() {
    local before
    before=$(ls "$TEST_RUNTIME_DIR" | grep -c '^wayland-[0-9]*$')
    # sway hands its display over from its config, as it starts.
    HANDED_OVER_AT=$(date +%s.%N)
    run_unit "sway-$1" -E WLR_BACKENDS=headless -E WLR_LIBINPUT_NO_DEVICES=1 -E WLR_RENDERER=pixman -E XDG_CURRENT_DESKTOP=sway sway
    wait_until 10 eval '[ "$(ls "$TEST_RUNTIME_DIR" | grep -c "^wayland-[0-9]*$")" -gt "$before" ]' \
        || fail "setup: sway did not start: $(journalctl --no-pager -o cat "_UID=$TEST_UID" | grep -i sway | tail -3)"
    SESSION_WAYLAND=$(ls -t "$TEST_RUNTIME_DIR" | grep '^wayland-[0-9]*$' | head -1)
    eval "HANDOVER_$1=\"sway's /etc/sway/config.d/50-systemd-user.conf\""
}

desktop_down() {
    user_systemctl stop sway-1.service
    user_systemctl unset-environment WAYLAND_DISPLAY SWAYSOCK
}

in_wayland_session() { as_user env WAYLAND_DISPLAY="$SESSION_WAYLAND" "$@"; }
desktop_input() { in_wayland_session wtype -k Shift_L; }
screenshot() { in_wayland_session grim "$TEST_HOME/shot.png" && cp "$TEST_HOME/shot.png" "$1"; }
dnd() { as_user makoctl mode "$([ "$1" = on ] && echo -a || echo -r)" do-not-disturb > /dev/null; }
reminder_on_screen() { as_user makoctl list | jq '.data[0] | length'; }

check_login_desktop
