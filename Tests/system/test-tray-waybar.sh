#!/usr/bin/env bash
# Issue 15's second tray host: waybar 0.9 (Debian 12's) as sway 1.7's bar, headless, in the
# order a login happens (login-lib.sh). sitbreak runs under systemd --user before any desktop;
# sway starts later as the test user and starts waybar itself (`swaybar_command waybar`, as a
# waybar user configures it), whose tray is the StatusNotifierWatcher. The item registers when
# the watcher appears; the icon shows in the bar (screenshot); a reminder turns it amber; a real
# right click (a virtual pointer) opens the menu waybar builds from com.canonical.dbusmenu
# (screenshot); a real left click while the reminder is due starts the break (Activate), and
# the bar shows the break's blue; waybar restarts (sway reload) and the item comes back.
#   bash Tests/system/test-tray-waybar.sh      (SCREENSHOT_DIR=docs keeps the screenshots)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/login-lib.sh"

if [ -z "${SYSTEM_TEST_WORK:-}" ]; then
    require_login_host sway waybar swaymsg grim wayland-scanner cc pkg-config
    pkg-config --exists wayland-client || skip "libwayland-dev is not installed (make test-deps)"
fi
run_in_private_namespace "$@"

NOTIFICATION_SERVICE=fr.emersion.mako.service
BAR_HEIGHT=30
green=$TRAY_GREEN amber=$TRAY_AMBER blue=$TRAY_BLUE

# The user's sway, with waybar as its bar, and waybar with its tray.
prepare_home() {
    as_user mkdir -p "$TEST_HOME/.config/sway" "$TEST_HOME/.config/waybar"
    as_user tee "$TEST_HOME/.config/sway/config" > /dev/null << EOF
output HEADLESS-1 resolution 1280x800 bg #202020 solid_color
bar {
    swaybar_command waybar
}
include /etc/sway/config.d/*
EOF
    as_user tee "$TEST_HOME/.config/waybar/config" > /dev/null << EOF
{
    "layer": "top",
    "position": "top",
    "height": $BAR_HEIGHT,
    "modules-left": ["sway/workspaces"],
    "modules-right": ["tray", "clock"],
    "tray": { "icon-size": 22, "spacing": 8 }
}
EOF
}

login_before_the_desktop
# The test's own timings: no idle source (the reminder comes by the clock), a short sit.
as_user tee "$TEST_HOME/.config/sitbreak/config.toml" > /dev/null << EOF
[break]
sit_limit = "25s"
length = "10s"
[activity]
sources = ["manual"]
EOF
as_user sitbreakctl reload > /dev/null || fail "setup: reload failed"
[ "$(status_field .tray)" = "no panel hosts tray icons here (org.kde.StatusNotifierWatcher is not on the session bus)" ] \
    || fail "before the desktop: tray is $(status_field .tray)"
pass "before the desktop: no watcher, nothing registered"

user_bus() { as_user busctl --user "$@"; }
registered_items() {
    user_bus get-property org.kde.StatusNotifierWatcher /StatusNotifierWatcher org.kde.StatusNotifierWatcher \
        RegisteredStatusNotifierItems 2> /dev/null
}
daemon_pid=$(unit_property sitbreak.service MainPID)
item_name="org.kde.StatusNotifierItem-$daemon_pid-1"
is_registered() { registered_items | finds "$item_name"; }
item_property() { user_bus get-property "$item_name" /StatusNotifierItem org.kde.StatusNotifierItem "$1" | cut -d' ' -f2- | tr -d '"'; }
waybar_pid() { pgrep -u "$TEST_UID" -x waybar | head -1; }

run_unit sway-1 -E WLR_BACKENDS=headless -E WLR_LIBINPUT_NO_DEVICES=1 -E WLR_RENDERER=pixman -E XDG_CURRENT_DESKTOP=sway sway
started=$SECONDS
wait_until 15 eval '[ -n "$(ls "$TEST_RUNTIME_DIR" | grep "^wayland-[0-9]*$")" ]' \
    || fail "setup: sway did not start: $(journalctl --no-pager -o cat "_UID=$TEST_UID" | grep -i sway | tail -3)"
SESSION_WAYLAND=$(ls -t "$TEST_RUNTIME_DIR" | grep '^wayland-[0-9]*$' | head -1)
SWAYSOCK=$(ls "$TEST_RUNTIME_DIR"/sway-ipc.*.sock 2> /dev/null | head -1)
in_session() { as_user env WAYLAND_DISPLAY="$SESSION_WAYLAND" SWAYSOCK="$SWAYSOCK" "$@"; }
wait_until 15 is_registered || fail "the item did not register with waybar's watcher: $(registered_items); waybar: $(waybar_pid)"
pass "waybar $(waybar --version 2> /dev/null | grep -o '[0-9][0-9.]*' | head -1) came up as sway's bar after sitbreakd; the item registered within $((SECONDS - started)) s as $item_name"
wait_until 5 eval '[ "$(status_field .tray)" = "shown in the panel (registered with org.kde.StatusNotifierWatcher)" ]' \
    || fail "status says tray: $(status_field .tray)"

screenshot() { in_session grim "$TEST_HOME/shot.png" && cp "$TEST_HOME/shot.png" "$1"; }
keep_shot() { [ -z "${SCREENSHOT_DIR:-}" ] || cp "$1" "$SCREENSHOT_DIR/$2"; }
bar_pixels() { region_pixels "$1" "1280x$BAR_HEIGHT+0+0" "$2"; }
# The centre of the patch of COLOUR in the bar of FILE: the icon.
bar_box() { region_box "$1" "1280x$BAR_HEIGHT+0+0" "$2" 20 600; }
icon_shown() { screenshot "$WORK_SHOT" && [ "$(bar_pixels "$WORK_SHOT" "$1")" -ge 20 ]; }
WORK_SHOT=$SYSTEM_TEST_WORK/bar.png
wait_until 10 icon_shown "$green" || fail "no green sitbreak icon in waybar ($(bar_pixels "$WORK_SHOT" "$green") pixels)"
pass "the icon shows in waybar: $(bar_pixels "$WORK_SHOT" "$green") pixels of the sitting green, at $(bar_box "$WORK_SHOT" "$green")"
convert "$WORK_SHOT" -crop "400x$BAR_HEIGHT+880+0" +repage "$SYSTEM_TEST_WORK/waybar-sitting.png"
keep_shot "$SYSTEM_TEST_WORK/waybar-sitting.png" tray-waybar-sitting.png

wait_until 40 eval '[ "$(item_property IconName)" = sitbreak-due ]' \
    || fail "no due icon after the sit limit: IconName $(item_property IconName), state $(status_field .state)"
wait_until 10 icon_shown "$amber" || fail "waybar did not turn the icon amber ($(bar_pixels "$WORK_SHOT" "$amber") pixels)"
read -r icon_x icon_y <<< "$(bar_box "$WORK_SHOT" "$amber")"
[ -n "${icon_x:-}" ] || fail "no icon-sized amber patch in the bar"
pass "a reminder came due: IconName sitbreak-due, and waybar shows the amber icon at ($icon_x, $icon_y)"

# Real clicks: one virtual pointer device (virtual-pointer.c), moved to the icon and pressed there.
pointer_dir=$SYSTEM_TEST_WORK/virtual-pointer
mkdir -p "$pointer_dir"
(cd "$pointer_dir" && wayland-scanner client-header "$REPO/Tests/system/virtual-pointer-protocol.xml" virtual-pointer-client.h \
    && wayland-scanner private-code "$REPO/Tests/system/virtual-pointer-protocol.xml" virtual-pointer-protocol.c \
    && cc -o virtual-pointer "$REPO/Tests/system/virtual-pointer.c" virtual-pointer-protocol.c -I. $(pkg-config --cflags --libs wayland-client)) \
    > "$pointer_dir/build.log" 2>&1 || fail "setup: virtual-pointer.c did not build: $(cat "$pointer_dir/build.log")"
install -o "$TEST_UID" -m 0755 "$pointer_dir/virtual-pointer" "$TEST_HOME/virtual-pointer"
coproc POINTER { in_session "$TEST_HOME/virtual-pointer" 1280 800 2> "$pointer_dir/pointer.log"; }
read -r -t 10 answer <&"${POINTER[0]}" && [ "$answer" = ready ] || fail "setup: no virtual pointer ($(cat "$pointer_dir/pointer.log"))"
pointer() {
    echo "$*" >&"${POINTER[1]}"
    read -r -t 5 answer <&"${POINTER[0]}" && [ "$answer" = done ] || fail "virtual pointer: $* failed ($(cat "$pointer_dir/pointer.log"))"
}
click() { pointer move "${icon_x%.*}" "${icon_y%.*}" && pointer press "$1" && pointer release "$1"; }
BUTTON_LEFT=272 BUTTON_RIGHT=273
cp "$WORK_SHOT" "$SYSTEM_TEST_WORK/before-click.png"
menu_pixels() {
    compare -metric AE -fuzz 5% "$SYSTEM_TEST_WORK/before-click.png" "$1" null: 2>&1 | cut -d' ' -f1
}
menu_open() { screenshot "$SYSTEM_TEST_WORK/menu.png" && [ "$(menu_pixels "$SYSTEM_TEST_WORK/menu.png")" -ge 20000 ]; }
click $BUTTON_RIGHT || fail "the right click failed"
wait_until 5 menu_open || fail "a right click on the icon opened no menu ($(menu_pixels "$SYSTEM_TEST_WORK/menu.png") pixels changed)"
convert "$SYSTEM_TEST_WORK/menu.png" -crop 560x480+720+0 +repage "$SYSTEM_TEST_WORK/menu-crop.png"
keep_shot "$SYSTEM_TEST_WORK/menu-crop.png" tray-menu-waybar.png
pass "a real right click on the icon opened waybar's menu from com.canonical.dbusmenu: $(menu_pixels "$SYSTEM_TEST_WORK/menu.png") pixels changed (screenshot kept)"
# A click elsewhere closes it, as it does for the user.
pointer move 300 500 && pointer press $BUTTON_LEFT && pointer release $BUTTON_LEFT
wait_until 5 eval '! menu_open' || fail "a click beside the menu did not close it"

click $BUTTON_LEFT || fail "the left click failed"
wait_until 5 state_is break || fail "a left click while due did not start the break: state $(status_field .state)"
wait_until 10 icon_shown "$blue" || fail "waybar did not show the break's blue ($(bar_pixels "$WORK_SHOT" "$blue") pixels)"
pass "a real left click on the due icon (Activate) started the break: state break, the icon blue in the bar"

before=$(waybar_pid)
in_session swaymsg -q reload || fail "swaymsg reload failed"
wait_until 10 eval '[ -n "$(waybar_pid)" ] && [ "$(waybar_pid)" != "$before" ]' || fail "waybar did not restart on reload"
wait_until 10 is_registered || fail "not registered again after waybar restarted: $(registered_items)"
wait_until 10 icon_shown "$blue" || fail "no icon in the new waybar"
pass "waybar restarted (sway reload, pid $before -> $(waybar_pid)): the item registered again and shows"
say "PASS $SYSTEM_TEST_NAME"
