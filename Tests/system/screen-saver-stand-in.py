#!/usr/bin/env python3
"""A stand-in for a desktop's screen locker on a session bus, for sitbreak's lock tests:
GNOME's org.gnome.ScreenSaver (gnome-shell) or KDE's org.freedesktop.ScreenSaver
(kscreenlocker), as far as sitbreakd uses them: GetActive() -> b and the signal
ActiveChanged(b). KDE serves the object at two paths and announces a change on both; so does
this. The test drives it through org.sitbreak.ScreenSaverStandIn.SetActive(b).

    screen-saver-stand-in.py BUS_ADDRESS gnome|kde      prints "ready" once it owns the name
"""
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

LOCKERS = {
    "gnome": ("org.gnome.ScreenSaver", ["/org/gnome/ScreenSaver"]),
    "kde": ("org.freedesktop.ScreenSaver", ["/ScreenSaver", "/org/freedesktop/ScreenSaver"]),
}


def main():
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.bus.BusConnection(sys.argv[1])
    name, paths = LOCKERS[sys.argv[2]]
    state = {"active": False}

    class Locker(dbus.service.Object):
        @dbus.service.method(name, out_signature="b")
        def GetActive(self):
            return state["active"]

        @dbus.service.signal(name, signature="b")
        def ActiveChanged(self, active):
            pass

    lockers = [Locker(bus, path) for path in paths]

    class Control(dbus.service.Object):
        @dbus.service.method("org.sitbreak.ScreenSaverStandIn", in_signature="b")
        def SetActive(self, active):
            state["active"] = bool(active)
            for locker in lockers:
                locker.ActiveChanged(active)

    Control(bus, "/org/sitbreak/ScreenSaverStandIn")
    owned = dbus.service.BusName(name, bus)
    print("ready", flush=True)
    GLib.MainLoop().run()
    del owned


if __name__ == "__main__":
    main()
