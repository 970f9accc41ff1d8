#!/usr/bin/env python3
"""A notification server on a session bus that is slow to answer Notify, for sitbreak's test
of a reminder withdrawn while the server has not yet said which id it gave: each Notify is
answered DELAY seconds late. Prints one line per call it gets: "notify ID" when a
notification arrives (before answering), "close ID" for CloseNotification.

    notification-stand-in.py BUS_ADDRESS DELAY      prints "ready" once it owns the name
"""
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"


def main():
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.bus.BusConnection(sys.argv[1])
    delay_ms = int(float(sys.argv[2]) * 1000)
    state = {"next": 1}

    class Server(dbus.service.Object):
        @dbus.service.method(NAME, out_signature="as")
        def GetCapabilities(self):
            return ["actions", "body", "persistence"]

        @dbus.service.method(NAME, out_signature="ssss")
        def GetServerInformation(self):
            return ("notification-stand-in", "sitbreak tests", "1", "1.2")

        @dbus.service.method(NAME, in_signature="susssasa{sv}i", out_signature="u",
                             async_callbacks=("reply", "error"))
        def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout, reply, error):
            given = replaces or state["next"]
            state["next"] += 1
            print(f"notify {given}", flush=True)
            GLib.timeout_add(delay_ms, lambda: reply(dbus.UInt32(given)) and False)

        @dbus.service.method(NAME, in_signature="u")
        def CloseNotification(self, given):
            print(f"close {given}", flush=True)
            self.NotificationClosed(given, 3)

        @dbus.service.signal(NAME, signature="uu")
        def NotificationClosed(self, given, reason):
            pass

    Server(bus, "/org/freedesktop/Notifications")
    owned = dbus.service.BusName(NAME, bus)
    print("ready", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
