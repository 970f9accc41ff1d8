#!/usr/bin/env python3
"""A notification server on a session bus that is slow to answer Notify, for sitbreak's test
of a reminder withdrawn while the server has not yet said which id it gave: each Notify is
answered DELAY seconds late. Prints one line per call it gets: "notify ID" when a
notification arrives (before answering), "close ID" for CloseNotification. It has KDE
Plasma's do-not-disturb switch, the `Inhibited` property, with PropertiesChanged; the test
flips it with SetInhibited on org.sitbreak.NotificationStandIn.

    notification-stand-in.py BUS_ADDRESS DELAY      prints "ready" once it owns the name
"""
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

NAME = "org.freedesktop.Notifications"
PROPERTIES = "org.freedesktop.DBus.Properties"
CONTROL = "org.sitbreak.NotificationStandIn"


def main():
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.bus.BusConnection(sys.argv[1])
    delay_ms = int(float(sys.argv[2]) * 1000)
    state = {"next": 1, "inhibited": False}

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

        @dbus.service.method(PROPERTIES, in_signature="ss", out_signature="v")
        def Get(self, interface, name):
            if interface == NAME and name == "Inhibited":
                return dbus.Boolean(state["inhibited"])
            raise dbus.exceptions.DBusException(
                "Unknown property %s.%s" % (interface, name), name="org.freedesktop.DBus.Error.UnknownProperty")

        @dbus.service.method(PROPERTIES, in_signature="s", out_signature="a{sv}")
        def GetAll(self, interface):
            values = {"Inhibited": dbus.Boolean(state["inhibited"])} if interface == NAME else {}
            return dbus.Dictionary(values, signature="sv")

        @dbus.service.signal(PROPERTIES, signature="sa{sv}as")
        def PropertiesChanged(self, interface, changed, invalidated):
            pass

        @dbus.service.method(CONTROL, in_signature="b")
        def SetInhibited(self, inhibited):
            state["inhibited"] = bool(inhibited)
            self.PropertiesChanged(NAME, dbus.Dictionary({"Inhibited": dbus.Boolean(inhibited)}, signature="sv"),
                                   dbus.Array([], signature="s"))

    Server(bus, "/org/freedesktop/Notifications")
    owned = dbus.service.BusName(NAME, bus)
    print("ready", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
