# Sourced by the benchmarks. sitbreakd looks at the session environment when a display server
# of its user or of root starts; on a shared machine (a test suite starting Xvfb) those looks
# would be counted as its own wake-ups.
#
# rerun_with_private_x11_unix SCRIPT [ARG...]: as root, runs SCRIPT again in a mount namespace
# of its own with an empty /tmp/.X11-unix, and does not return; returns when not root, without
# unshare, or already there.
rerun_with_private_x11_unix() {
    [ "$(id -u)" = 0 ] && [ -z "${PRIVATE_X11_UNIX:-}" ] && command -v unshare > /dev/null || return 0
    PRIVATE_X11_UNIX=1 exec unshare --mount --propagation private \
        sh -c 'mount -t tmpfs -o mode=1777 tmpfs /tmp/.X11-unix && exec bash "$0" "$@"' "$@"
}
