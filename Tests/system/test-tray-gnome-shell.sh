#!/usr/bin/env bash
# Issue 15's proof on a real GNOME Shell 43 (headless Wayland) with the AppIndicator extension
# as the tray host (../shared/notes/gnome-shell-headless.md): sitbreakd, started before the
# shell, registers its StatusNotifierItem when the watcher appears; the icon shows in the top
# bar (screenshot); it changes when a reminder is due; the menu is read and an entry clicked
# the way the host does (AboutToShow, GetLayout, Event "clicked") and the state changes; a
# real click on the icon opens the menu (screenshot); the shell restarts and the item comes
# back. Then sitbreak's own API, io.github.sitbreak.SitBreak1, through busctl.
#   bash Tests/system/test-tray-gnome-shell.sh   (SCREENSHOT_DIR=docs keeps the screenshots)
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/activity-lib.sh"

require_activity_host gnome-shell gjs unshare busctl gsettings convert
require_python_dbus
[ -d /usr/share/gnome-shell/extensions/ubuntu-appindicators@ubuntu.com ] \
    || skip "the AppIndicator extension is not installed (apt install gnome-shell-extension-appindicator)"
prepare_activity_test

# dconf-service, activated by the bus, writes the settings below to its own XDG_CONFIG_HOME:
# the test user's, where the shell reads them.
export XDG_CONFIG_HOME=$TEST_HOME/config
start_gnome_session_bus
start_system_bus
bus() { busctl --address="$DBUS_SESSION_BUS_ADDRESS" "$@"; }
name_has_owner() { bus status "$1" > /dev/null 2>&1; }
shell_env=(env HOME="$TEST_HOME" XDG_CONFIG_HOME="$TEST_HOME/config" XDG_STATE_HOME="$TEST_HOME/state" LANG=C.UTF-8)

# The extension is enabled in the user's dconf database, as gnome-extensions-app would.
"${shell_env[@]}" gsettings set org.gnome.shell enabled-extensions "['ubuntu-appindicators@ubuntu.com']"
"${shell_env[@]}" gsettings set org.gnome.shell disable-user-extensions false

# The state icons where a per-user `make install` puts them: IconThemePath points there.
mkdir -p "$TEST_HOME/.local/share/icons/hicolor/scalable/status"
cp "$repo"/config/icons/sitbreak-*.svg "$TEST_HOME/.local/share/icons/hicolor/scalable/status/"

# Real login order: sitbreakd first, the desktop later.
write_config << EOF
[break]
sit_limit = "1m"
length = "10s"
[activity]
sources = ["manual"]
[notify]
via = "desktop"
EOF
start_daemon
[ "$(status_field .tray)" = "no panel hosts tray icons here (org.kde.StatusNotifierWatcher is not on the session bus)" ] \
    || fail "before the shell: tray is $(status_field .tray)"
pass "before the desktop: no watcher, nothing registered ($(status_field .tray))"

start_shell() {
    start_headless_gnome_shell
    wait_until 30 name_has_owner org.kde.StatusNotifierWatcher \
        || fail "setup: no StatusNotifierWatcher from the AppIndicator extension (extensions: $("${shell_env[@]}" gsettings get org.gnome.shell enabled-extensions); $(tail -5 "$WORK/gnome-shell.log"))"
}
registered_items() {
    bus get-property org.kde.StatusNotifierWatcher /StatusNotifierWatcher org.kde.StatusNotifierWatcher \
        RegisteredStatusNotifierItems 2> /dev/null
}
item_name="org.kde.StatusNotifierItem-$DAEMON_PID-1"
is_registered() { registered_items | finds "$item_name"; }
item_property() { bus get-property "$item_name" /StatusNotifierItem org.kde.StatusNotifierItem "$1" | cut -d' ' -f2- | tr -d '"'; }

start_shell
started=$SECONDS
wait_until 5 is_registered || fail "the item did not register within 5 s: $(registered_items); $(tail -3 "$WORK/daemon.log")"
pass "GNOME Shell $(gnome-shell --version | grep -o '[0-9.]*$') with the AppIndicator extension came after sitbreakd; the item registered within $((SECONDS - started)) s as $item_name"
# The watcher answers RegisterStatusNotifierItem once it has read the item.
wait_until 5 eval '[ "$(status_field .tray)" = "shown in the panel (registered with org.kde.StatusNotifierWatcher)" ]' \
    || fail "status says tray: $(status_field .tray); $(grep -i tray "$WORK/daemon.log" | tail -3)"

# The host reads the item through Properties, as AppIndicator does.
[ "$(item_property IconName)" = sitbreak-sitting ] || fail "IconName is $(item_property IconName)"
[ "$(item_property IconThemePath)" = "$TEST_HOME/.local/share/icons" ] || fail "IconThemePath is $(item_property IconThemePath)"
[ "$(item_property Menu)" = /MenuBar ] || fail "Menu is $(item_property Menu)"
introspection=$(bus introspect "$item_name" /StatusNotifierItem 2>&1)
grep -q "^\.IconPixmap *property *a(iiay)" <<< "$introspection" || fail "introspection has no IconPixmap: $introspection"
pass "the item's properties and introspection answer: IconName sitbreak-sitting, IconThemePath in the user's data dir, Menu /MenuBar"

# What the user sees: the top bar, and the icon's calm green in it.
screenshot() { DBUS_SESSION_BUS_ADDRESS=$DBUS_SESSION_BUS_ADDRESS "$PYTHON" "$here/gnome-shell-screenshot.py" "$1"; }
keep_shot() { [ -z "${SCREENSHOT_DIR:-}" ] || cp "$1" "$SCREENSHOT_DIR/$2"; }
# Pixels of COLOUR in the top bar of the screenshot FILE, and where they are.
top_bar_pixels() { region_pixels "$1" 1280x32+0+0 "$2"; }
# The centre of the icon drawn in COLOUR in the top bar of FILE: the one patch of that colour
# of an icon's size (GNOME's remote-desktop indicator is a larger patch of a similar amber).
top_bar_box() { region_box "$1" 1280x32+0+0 "$2" 60 400; }
green=$TRAY_GREEN amber=$TRAY_AMBER
icon_shown() { screenshot "$WORK/bar.png" && [ "$(top_bar_pixels "$WORK/bar.png" "$1")" -ge 20 ]; }
wait_until 10 icon_shown "$green" || fail "no green sitbreak icon in the top bar ($(top_bar_pixels "$WORK/bar.png" "$green") pixels)"
pass "the icon shows in GNOME's top bar: $(top_bar_pixels "$WORK/bar.png" "$green") pixels of the sitting green, at $(top_bar_box "$WORK/bar.png" "$green")"
convert "$WORK/bar.png" -crop 1280x32+0+0 +repage "$WORK/top-bar-sitting.png"
keep_shot "$WORK/top-bar-sitting.png" tray-top-bar-sitting.png

# A reminder comes due (sit limit 1 min, manual source): the icon asks for attention.
wait_until 75 eval '[ "$(item_property IconName)" = sitbreak-due ]' \
    || fail "no due icon after the sit limit: IconName $(item_property IconName), state $(status_field .state)"
[ "$(item_property Status)" = NeedsAttention ] || fail "Status is $(item_property Status) while due"
wait_until 10 icon_shown "$amber" || fail "the top bar did not turn amber ($(top_bar_pixels "$WORK/bar.png" "$amber") pixels)"
pass "a reminder came due: IconName sitbreak-due, Status NeedsAttention, and the top bar shows the amber icon"
convert "$WORK/bar.png" -crop 1280x32+0+0 +repage "$WORK/top-bar-due.png"
keep_shot "$WORK/top-bar-due.png" tray-top-bar-due.png
grep -q "While reading menu layout" "$WORK/gnome-shell.log" && fail "the extension could not read the menu: $(grep -m1 'menu layout' "$WORK/gnome-shell.log")"

# A real click on the icon opens the menu as the user sees it. The remote-desktop session
# puts its own indicator in the top bar, which moves the icon: it is found after that.
start_remote_desktop_pointer
wait_until 5 eval 'screenshot "$WORK/before-click.png" && [ "$(top_bar_box "$WORK/before-click.png" "$amber")" != "$(top_bar_box "$WORK/bar.png" "$amber")" ]' \
    || fail "the remote-desktop indicator did not appear"
read -r icon_x icon_y <<< "$(top_bar_box "$WORK/before-click.png" "$amber")"
echo "click ${icon_x%.*} ${icon_y%.*}" >&"${POINTER[1]}"
read -r -t 10 answer <&"${POINTER[0]}" && [ "$answer" = clicked ] || fail "RemoteDesktop click failed ($(cat "$WORK/pointer.log"))"
# Pixels that changed below the top bar, left of and under the icon, where its menu drops.
menu_pixels() {
    convert "$WORK/before-click.png" -crop 400x450+880+32 +repage "$WORK/under-before.png"
    convert "$1" -crop 400x450+880+32 +repage "$WORK/under-after.png"
    compare -metric AE -fuzz 5% "$WORK/under-before.png" "$WORK/under-after.png" null: 2>&1 | cut -d' ' -f1
}
menu_open() { screenshot "$WORK/menu.png" && [ "$(menu_pixels "$WORK/menu.png")" -ge 40000 ]; }
wait_until 5 menu_open || fail "a click on the icon opened no menu ($(menu_pixels "$WORK/menu.png") pixels changed under it)"
convert "$WORK/menu.png" -crop 520x460+760+0 +repage "$WORK/menu-crop.png"
keep_shot "$WORK/menu-crop.png" tray-menu-gnome-shell.png
pass "a real click on the icon at ($icon_x, $icon_y) dropped its menu: $(menu_pixels "$WORK/menu.png") pixels changed under it (screenshot kept)"
echo "click 300 500" >&"${POINTER[1]}"
read -r -t 10 answer <&"${POINTER[0]}"

# The menu, the way the host reads it and clicks an entry.
bus call "$item_name" /MenuBar com.canonical.dbusmenu AboutToShow i 0 > /dev/null || fail "AboutToShow failed"
layout=$(bus --json=short -- call "$item_name" /MenuBar com.canonical.dbusmenu GetLayout iias 0 -1 0)
labels=$(jq -r '[.. | objects | select(has("label")) | .label.data] | join("|")' <<< "$layout")
case $labels in
    "Sitting "*"time for a break"*"|Start break now|Snooze 10 min|Skip this break|Pause|For 30 minutes|For 1 hour|Until tomorrow|Resume|I'm standing|I'm sitting|"*"Today's stats|Edit settings") ;;
    *) fail "GetLayout labels: $labels" ;;
esac
start_id=$(jq -r '[.. | objects | select(.label.data? == "Start break now")] | length' <<< "$layout")
[ "$start_id" = 1 ] || fail "no single Start break now entry"
# sitbreak's own API on the session bus.
api=(io.github.sitbreak.SitBreak1 /io/github/sitbreak/SitBreak1 io.github.sitbreak.SitBreak1)
[ "$(bus get-property "${api[@]}" State)" = 's "sitting"' ] || fail "API State: $(bus get-property "${api[@]}" State)"
[ "$(bus get-property "${api[@]}" OverdueReminders)" = 'u 1' ] || fail "API OverdueReminders: $(bus get-property "${api[@]}" OverdueReminders)"
refusal=$(bus call "${api[@]}" Pause u 691200 2>&1) && fail "a pause of 8 days was accepted"
grep -q "8d is out of range; give 1s to 7d" <<< "$refusal" || fail "8-day pause refused with: $refusal"
refusal=$(bus call "${api[@]}" Resume 2>&1) && fail "Resume while not paused was accepted"
grep -q "sitbreak is not paused" <<< "$refusal" || fail "Resume refused with: $refusal"
bus call "${api[@]}" Snooze u 0 || fail "Snooze failed"
[ "$(bus get-property "${api[@]}" State)" = 's "snoozed"' ] || fail "after Snooze: $(bus get-property "${api[@]}" State)"
bus introspect "${api[@]}" | finds "^\.SittingSeconds *property *u" || fail "the API does not introspect"
pass "the session-bus API: State read, Pause 8d refused, Resume refused (\"${refusal##*: }\"), Snooze u 0 snoozed it, introspection answers"

bus call "$item_name" /MenuBar com.canonical.dbusmenu Event isvu 3 clicked s "" 0 || fail "Event clicked failed"
wait_until 3 state_is break || fail "Start break now from the menu: state $(status_field .state)"
wait_until 3 eval '[ "$(item_property IconName)" = sitbreak-break ]' || fail "icon after the click: $(item_property IconName)"
pass "the menu read as the host reads it (AboutToShow, GetLayout: $(tr '|' '\n' <<< "$labels" | wc -l) entries), Event \"clicked\" on Start break now: state break, icon sitbreak-break"

# The shell restarts (a crash, or Alt+F2 r on X11): the item comes back by itself.
kill "$SHELL_PID"
wait_until 10 has_exited "$SHELL_PID" || fail "the shell did not stop"
wait_until 5 eval '! name_has_owner org.kde.StatusNotifierWatcher' || fail "the watcher outlived the shell"
start_shell
wait_until 5 is_registered || fail "not registered again after the shell restarted: $(registered_items)"
wait_until 10 icon_shown "#3d8ed8" || fail "no break-blue icon in the top bar after the restart"
pass "GNOME Shell restarted: the item registered again and shows in the top bar (on a break, blue)"

report_run_cost
stop_daemon

# The cost of the panel, on the release build users run, sitting with the default sit limit
# on a fresh day beside the same running shell: a daemon with `[tray] show = "never"`, then
# one with the icon in the top bar, 60 s each, against the targets of at most +1 wake-up a
# minute and +0.5 MB.
(cd "$repo" && make --no-print-directory binaries BUILD_DIR="$build" > "$build-tray-test-release.log" 2>&1) \
    || fail "build: make binaries failed ($(tail -5 "$build-tray-test-release.log"))"
BIN=$build/release
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$DAEMON_PID/status"; }
quiet_for() {
    local before
    before=$(wakeups)
    sleep "$1"
    [ "$(wakeups)" = "$before" ]
}
measure_cost() {
    rm -rf "$TEST_HOME/state/sitbreak"
    write_config << EOF
[activity]
sources = ["manual"]
[notify]
via = "desktop"
[tray]
show = "$1"
EOF
    start_daemon
    item_name="org.kde.StatusNotifierItem-$DAEMON_PID-1"
    if [ "$1" = auto ]; then
        wait_until 5 is_registered || fail "cost: the release daemon did not register"
        # Not measured: the host's first reads of the item, its menu and pixmaps, which a
        # login pays once; they are done when the icon is drawn.
        wait_until 10 icon_shown "$green" || fail "cost: the icon did not show in the top bar"
    fi
    # The host reads the menu after it draws the icon: measured from when the daemon has been
    # left alone for 5 s, so what is counted is what sitting costs, not what a login does.
    wait_until 30 quiet_for 5 || fail "cost: the daemon was never left alone for 5 s"
    loop_wakeups_while sleep 60
    COST_WAKEUPS=$LOOP_WAKEUPS COST_RSS=$(rss_kb)
    stop_daemon
}
measure_cost never
without_host=$COST_WAKEUPS rss_without_host=$COST_RSS
measure_cost auto
with_host=$COST_WAKEUPS rss_with_host=$COST_RSS
added_wakeups=$(awk -v a="$with_host" -v b="$without_host" 'BEGIN { print a - b }')
added_kb=$((rss_with_host - rss_without_host))
say "cost: $without_host wake-ups/min and $rss_without_host kB RSS without the icon; $with_host wake-ups/min and $rss_with_host kB with it in the top bar"
awk -v added="$added_wakeups" 'BEGIN { exit !(added <= 1) }' || fail "cost: the icon adds $added_wakeups wake-ups a minute (target <= 1)"
[ "$added_kb" -le 512 ] || fail "cost: the icon adds $added_kb kB (target <= 512)"
pass "cost of the icon while sitting: +$added_wakeups wake-ups a minute, +$added_kb kB RSS (targets <= 1, <= 512 kB)"
kill "$SHELL_PID"
