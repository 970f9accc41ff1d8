/* Moves KWin's pointer through org_kde_kwin_fake_input, for sitbreak's Wayland test: real input
 * as far as the compositor's idle notifications are concerned. KWin grants the interface only to
 * an executable named in a .desktop file with X-KDE-Wayland-Interfaces=org_kde_kwin_fake_input.
 *
 * Built by Tests/system/test-activity-wayland.sh:
 *   wayland-scanner client-header /usr/share/plasma-wayland-protocols/fake-input.xml fake-input-client.h
 *   wayland-scanner private-code  /usr/share/plasma-wayland-protocols/fake-input.xml fake-input-protocol.c
 *   cc -o kwin-fake-input kwin-fake-input.c fake-input-protocol.c -lwayland-client
 *
 * Usage: kwin-fake-input      (WAYLAND_DISPLAY: KWin's socket) prints "ready", then moves the
 * pointer 5 px for each line `move` on stdin and answers "moved"; EOF ends it. It stays
 * connected: KWin adds an input device for each client and announces the seat's changed
 * capabilities to every client, which a program run per move would do each time.
 */
#include <stdio.h>
#include <string.h>
#include <wayland-client.h>
#include "fake-input-client.h"

static struct org_kde_kwin_fake_input *fake_input;

static void global(void *data, struct wl_registry *registry, uint32_t name, const char *interface, uint32_t version)
{
    (void)data;
    if (strcmp(interface, org_kde_kwin_fake_input_interface.name) == 0)
        fake_input = wl_registry_bind(registry, name, &org_kde_kwin_fake_input_interface, 1);
}

static void global_remove(void *data, struct wl_registry *registry, uint32_t name)
{
    (void)data, (void)registry, (void)name;
}

static const struct wl_registry_listener registry_listener = { global, global_remove };

int main(void)
{
    struct wl_display *display = wl_display_connect(NULL);
    if (!display) {
        fprintf(stderr, "kwin-fake-input: cannot connect to the Wayland display\n");
        return 1;
    }
    struct wl_registry *registry = wl_display_get_registry(display);
    wl_registry_add_listener(registry, &registry_listener, NULL);
    wl_display_roundtrip(display);
    if (!fake_input) {
        fprintf(stderr, "kwin-fake-input: the compositor offers no org_kde_kwin_fake_input to this program\n");
        return 1;
    }
    org_kde_kwin_fake_input_authenticate(fake_input, "sitbreak tests", "input for sitbreak's idle detection tests");
    if (wl_display_roundtrip(display) < 0) {
        fprintf(stderr, "kwin-fake-input: the compositor closed the connection\n");
        return 1;
    }
    printf("ready\n");
    fflush(stdout);
    char line[64];
    int direction = 1;
    while (fgets(line, sizeof line, stdin)) {
        if (strcmp(line, "move\n") != 0)
            continue;
        direction = -direction;
        org_kde_kwin_fake_input_pointer_motion(fake_input, wl_fixed_from_int(5 * direction), wl_fixed_from_int(0));
        if (wl_display_roundtrip(display) < 0) {
            fprintf(stderr, "kwin-fake-input: the compositor closed the connection\n");
            return 1;
        }
        printf("moved\n");
        fflush(stdout);
    }
    wl_display_disconnect(display);
    return 0;
}
