#!/usr/bin/env python3
"""Moves the pointer of a headless Mutter through org.gnome.Mutter.RemoteDesktop, for sitbreak's
GNOME-on-Wayland test. A remote desktop session lives as long as the connection that created
it, so this stays running: each line `move` on stdin moves the pointer by 5 px; EOF ends it.

    remote-desktop-pointer.py      (DBUS_SESSION_BUS_ADDRESS: Mutter's bus) prints "ready"
"""
import sys

import dbus

REMOTE_DESKTOP = "org.gnome.Mutter.RemoteDesktop"


def main():
    bus = dbus.SessionBus()
    manager = bus.get_object(REMOTE_DESKTOP, "/org/gnome/Mutter/RemoteDesktop")
    path = manager.CreateSession(dbus_interface=REMOTE_DESKTOP)
    session = dbus.Interface(bus.get_object(REMOTE_DESKTOP, path), REMOTE_DESKTOP + ".Session")
    session.Start()
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() == "move":
            session.NotifyPointerMotionRelative(5.0, 0.0)
            print("moved", flush=True)
    session.Stop()


if __name__ == "__main__":
    main()
