#!/usr/bin/env python3
"""Shares the screen of a GNOME Shell (Mutter) through org.gnome.Mutter.ScreenCast, as the
desktop portal does for a browser or a call app: CreateSession, RecordMonitor, Start. Mutter
sends the frames to PipeWire. Prints "sharing" once started; the line "stop" on stdin stops
it and prints "stopped"; EOF ends it.

    mutter-screencast.py      (DBUS_SESSION_BUS_ADDRESS: the shell's bus; PipeWire running)
"""
import sys

import dbus

SCREEN_CAST = "org.gnome.Mutter.ScreenCast"


def main():
    bus = dbus.SessionBus()
    manager = bus.get_object(SCREEN_CAST, "/org/gnome/Mutter/ScreenCast")
    path = manager.CreateSession(dbus.Dictionary({}, signature="sv"), dbus_interface=SCREEN_CAST)
    session = dbus.Interface(bus.get_object(SCREEN_CAST, path), SCREEN_CAST + ".Session")
    session.RecordMonitor("", dbus.Dictionary({}, signature="sv"))
    session.Start()
    print("sharing", flush=True)
    for line in sys.stdin:
        if line.strip() == "stop":
            session.Stop()
            print("stopped", flush=True)


if __name__ == "__main__":
    main()
