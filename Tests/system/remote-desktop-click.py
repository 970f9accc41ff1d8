#!/usr/bin/env python3
"""Clicks at X Y on a headless GNOME Shell through org.gnome.Mutter.RemoteDesktop, as a mouse
would: the pointer first runs into the top-left corner (relative motion stops at 0,0), then
moves to X,Y in small steps and presses the left button.

    remote-desktop-click.py X Y      (DBUS_SESSION_BUS_ADDRESS: Mutter's bus)
"""
import sys
import time

import dbus

REMOTE_DESKTOP = "org.gnome.Mutter.RemoteDesktop"
LEFT_BUTTON = 272  # BTN_LEFT


def main():
    x, y = float(sys.argv[1]), float(sys.argv[2])
    bus = dbus.SessionBus()
    manager = bus.get_object(REMOTE_DESKTOP, "/org/gnome/Mutter/RemoteDesktop")
    path = manager.CreateSession(dbus_interface=REMOTE_DESKTOP)
    session = dbus.Interface(bus.get_object(REMOTE_DESKTOP, path), REMOTE_DESKTOP + ".Session")
    session.Start()
    session.NotifyPointerMotionRelative(-5000.0, -5000.0)
    time.sleep(0.2)
    # Small steps: larger relative motions are accelerated and overshoot.
    steps = int(max(x, y) // 10) + 1
    for _ in range(steps):
        session.NotifyPointerMotionRelative(x / steps, y / steps)
        time.sleep(0.01)
    time.sleep(0.5)
    session.NotifyPointerButton(LEFT_BUTTON, True)
    time.sleep(0.1)
    try:
        session.NotifyPointerButton(LEFT_BUTTON, False)
        time.sleep(0.3)
        session.Stop()
    except dbus.exceptions.DBusException:
        # A popup that opens on the press (a panel menu) grabs the pointer and Mutter may end
        # the remote session under it: the click has landed all the same.
        pass


if __name__ == "__main__":
    main()
