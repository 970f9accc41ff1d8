/* A pointer for sitbreak's sway tests: one wlroots virtual pointer device (what VNC servers for
 * wlroots move), kept for the whole test. sway 1.7 crashes when a second virtual pointer is
 * created after the first is gone, so wlroots' example client, one device per call, cannot
 * click twice.
 *
 * Built by Tests/system/test-tray-waybar.sh:
 *   wayland-scanner client-header virtual-pointer-protocol.xml virtual-pointer-client.h
 *   wayland-scanner private-code  virtual-pointer-protocol.xml virtual-pointer-protocol.c
 *   cc -o virtual-pointer virtual-pointer.c virtual-pointer-protocol.c -lwayland-client
 *
 * Usage: virtual-pointer WIDTH HEIGHT     (WAYLAND_DISPLAY: sway's socket) prints "ready", then
 * for each line on stdin answers "done" once the compositor has the events:
 *   move X Y          the pointer to (X, Y) of the WIDTH x HEIGHT output
 *   press BUTTON      a button down (a Linux input code: 272 left, 273 right)
 *   release BUTTON    the button up
 * EOF ends it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wayland-client.h>
#include "virtual-pointer-client.h"

static struct zwlr_virtual_pointer_manager_v1 *manager;
static struct wl_seat *seat;

static void global(void *data, struct wl_registry *registry, uint32_t name, const char *interface, uint32_t version)
{
    (void)data, (void)version;
    if (strcmp(interface, zwlr_virtual_pointer_manager_v1_interface.name) == 0)
        manager = wl_registry_bind(registry, name, &zwlr_virtual_pointer_manager_v1_interface, 1);
    else if (strcmp(interface, wl_seat_interface.name) == 0 && !seat)
        seat = wl_registry_bind(registry, name, &wl_seat_interface, 1);
}

static void global_remove(void *data, struct wl_registry *registry, uint32_t name)
{
    (void)data, (void)registry, (void)name;
}

static const struct wl_registry_listener registry_listener = { global, global_remove };

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: virtual-pointer WIDTH HEIGHT\n");
        return 2;
    }
    uint32_t width = strtoul(argv[1], NULL, 10), height = strtoul(argv[2], NULL, 10);
    struct wl_display *display = wl_display_connect(NULL);
    if (!display) {
        fprintf(stderr, "virtual-pointer: cannot connect to the Wayland display\n");
        return 1;
    }
    struct wl_registry *registry = wl_display_get_registry(display);
    wl_registry_add_listener(registry, &registry_listener, NULL);
    wl_display_roundtrip(display);
    if (!manager || !seat) {
        fprintf(stderr, "virtual-pointer: the compositor offers no zwlr_virtual_pointer_manager_v1 or no seat\n");
        return 1;
    }
    struct zwlr_virtual_pointer_v1 *pointer = zwlr_virtual_pointer_manager_v1_create_virtual_pointer(manager, seat);
    wl_display_roundtrip(display);
    printf("ready\n");
    fflush(stdout);

    char line[128];
    uint32_t time = 0, x, y, button;
    while (fgets(line, sizeof line, stdin)) {
        time += 10;
        if (sscanf(line, "move %u %u", &x, &y) == 2)
            zwlr_virtual_pointer_v1_motion_absolute(pointer, time, x, y, width, height);
        else if (sscanf(line, "press %u", &button) == 1)
            zwlr_virtual_pointer_v1_button(pointer, time, button, WL_POINTER_BUTTON_STATE_PRESSED);
        else if (sscanf(line, "release %u", &button) == 1)
            zwlr_virtual_pointer_v1_button(pointer, time, button, WL_POINTER_BUTTON_STATE_RELEASED);
        else {
            fprintf(stderr, "virtual-pointer: cannot read %s", line);
            return 2;
        }
        zwlr_virtual_pointer_v1_frame(pointer);
        if (wl_display_roundtrip(display) < 0) {
            fprintf(stderr, "virtual-pointer: the compositor went away\n");
            return 1;
        }
        printf("done\n");
        fflush(stdout);
    }
    wl_display_disconnect(display);
    return 0;
}
