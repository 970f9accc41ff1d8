#!/usr/bin/env python3
"""Moves and clicks the pointer of a headless Mutter through org.gnome.Mutter.RemoteDesktop,
for sitbreak's GNOME tests. A remote desktop session lives as long as the connection that
created it (and GNOME shows its indicator in the top bar meanwhile), so this stays running:
each line on stdin is a command, answered by one line once done. EOF ends it.

    move        moves the pointer by 5 px (real input for the idle monitor)    -> moved
    click X Y   runs the pointer into the top-left corner, then to X,Y in small
                steps (large relative motions are accelerated), and clicks     -> clicked

    remote-desktop-pointer.py      (DBUS_SESSION_BUS_ADDRESS: Mutter's bus) prints "ready"
"""
import sys
import time

import dbus

REMOTE_DESKTOP = "org.gnome.Mutter.RemoteDesktop"
LEFT_BUTTON = 272  # BTN_LEFT


def click(session, x, y):
    session.NotifyPointerMotionRelative(-5000.0, -5000.0)
    time.sleep(0.2)
    steps = int(max(x, y) // 10) + 1
    for _ in range(steps):
        session.NotifyPointerMotionRelative(x / steps, y / steps)
        time.sleep(0.01)
    time.sleep(0.3)
    session.NotifyPointerButton(LEFT_BUTTON, True)
    time.sleep(0.1)
    session.NotifyPointerButton(LEFT_BUTTON, False)


def main():
    bus = dbus.SessionBus()
    manager = bus.get_object(REMOTE_DESKTOP, "/org/gnome/Mutter/RemoteDesktop")
    path = manager.CreateSession(dbus_interface=REMOTE_DESKTOP)
    session = dbus.Interface(bus.get_object(REMOTE_DESKTOP, path), REMOTE_DESKTOP + ".Session")
    session.Start()
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if words == ["move"]:
            session.NotifyPointerMotionRelative(5.0, 0.0)
            print("moved", flush=True)
        elif len(words) == 3 and words[0] == "click":
            click(session, float(words[1]), float(words[2]))
            print("clicked", flush=True)
    session.Stop()


if __name__ == "__main__":
    main()
