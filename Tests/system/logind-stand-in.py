#!/usr/bin/env python3
"""A stand-in for systemd-logind on a private system bus, for sitbreak's logind tests.

The real systemd-logind runs on these machines but cannot create sessions without systemd
as PID 1, so this implements the part of org.freedesktop.login1 (man 5 org.freedesktop.login1,
systemd 252) that sitbreakd uses: User `Display` at /org/freedesktop/login1/user/self, one
Session's IdleHint / IdleSinceHint / IdleSinceHintMonotonic / LockedHint with
PropertiesChanged and the Lock / Unlock signals, and the Manager's Inhibit (delay mode) and
PrepareForSleep. It is not logind: the test drives it through org.sitbreak.LogindStandIn.

    logind-stand-in.py BUS_ADDRESS     prints "ready" once it owns org.freedesktop.login1
"""
import os
import sys
import time

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

LOGIN1 = "org.freedesktop.login1"
MANAGER = LOGIN1 + ".Manager"
SESSION = LOGIN1 + ".Session"
USER = LOGIN1 + ".User"
PROPERTIES = "org.freedesktop.DBus.Properties"
CONTROL = "org.sitbreak.LogindStandIn"
SESSION_ID = "1"
SESSION_PATH = "/org/freedesktop/login1/session/_31"
# As logind does, a sleep waits this long at most for delay inhibitors (InhibitDelayMaxSec).
INHIBIT_DELAY_MAX = 5.0


def monotonic_usec():
    return int(time.clock_gettime(time.CLOCK_MONOTONIC) * 1e6)


def realtime_usec():
    return int(time.time() * 1e6)


class PropertiesObject(dbus.service.Object):
    """An object whose properties are a dict per interface, readable through Properties."""

    def __init__(self, bus, path, properties):
        super().__init__(bus, path)
        self.properties = properties

    @dbus.service.method(PROPERTIES, in_signature="ss", out_signature="v")
    def Get(self, interface, name):
        try:
            return self.properties[interface][name]
        except KeyError:
            raise dbus.exceptions.DBusException(
                "Unknown property %s.%s" % (interface, name),
                name="org.freedesktop.DBus.Error.UnknownProperty")

    @dbus.service.method(PROPERTIES, in_signature="s", out_signature="a{sv}")
    def GetAll(self, interface):
        return dbus.Dictionary(self.properties.get(interface, {}), signature="sv")

    @dbus.service.signal(PROPERTIES, signature="sa{sv}as")
    def PropertiesChanged(self, interface, changed, invalidated):
        pass

    def change(self, interface, **values):
        self.properties[interface].update(values)
        self.PropertiesChanged(interface, dbus.Dictionary(values, signature="sv"), dbus.Array([], signature="s"))


class Session(PropertiesObject):
    def __init__(self, bus):
        super().__init__(bus, SESSION_PATH, {SESSION: {
            "Id": dbus.String(SESSION_ID),
            "IdleHint": dbus.Boolean(False),
            "IdleSinceHint": dbus.UInt64(0),
            "IdleSinceHintMonotonic": dbus.UInt64(0),
            "LockedHint": dbus.Boolean(False),
        }})

    @dbus.service.signal(SESSION)
    def Lock(self):
        pass

    @dbus.service.signal(SESSION)
    def Unlock(self):
        pass


class User(PropertiesObject):
    def __init__(self, bus):
        super().__init__(bus, "/org/freedesktop/login1/user/self", {USER: {
            "Display": dbus.Struct((SESSION_ID, dbus.ObjectPath(SESSION_PATH)), signature="so"),
        }})


class Manager(PropertiesObject):
    def __init__(self, bus, session):
        # BlockInhibited: what block-mode inhibitors hold ("idle" while a player keeps the
        # screen awake), as logind lists it.
        super().__init__(bus, "/org/freedesktop/login1", {MANAGER: {"BlockInhibited": dbus.String("")}})
        self.session = session
        # Read ends of the pipes whose write ends were handed out, by id.
        self.inhibitors = {}
        self.next_id = 0
        self.journal = []

    def note(self, what):
        # Wall-clock seconds, to compare with file modification times.
        self.journal.append("%.6f %s" % (time.time(), what))

    @dbus.service.method(MANAGER, in_signature="ssss", out_signature="h")
    def Inhibit(self, what, who, why, mode):
        if what != "sleep" or mode != "delay":
            raise dbus.exceptions.DBusException("stand-in: only sleep/delay", name="org.freedesktop.DBus.Error.NotSupported")
        read_end, write_end = os.pipe()
        self.next_id += 1
        ident = self.next_id
        self.inhibitors[ident] = read_end
        GLib.io_add_watch(read_end, GLib.IO_HUP | GLib.IO_ERR, self.released, ident)
        self.note("inhibitor-taken %d by %s" % (ident, who))
        fd = dbus.types.UnixFd(write_end)
        os.close(write_end)
        return fd

    def released(self, source, condition, ident):
        os.close(self.inhibitors.pop(ident))
        self.note("inhibitor-released %d" % ident)
        return False

    @dbus.service.method(MANAGER, in_signature="s", out_signature="o")
    def GetSession(self, session_id):
        return dbus.ObjectPath(SESSION_PATH)

    @dbus.service.signal(MANAGER, signature="b")
    def PrepareForSleep(self, start):
        pass


class Control(dbus.service.Object):
    """How the test drives the stand-in."""

    def __init__(self, bus, manager, session):
        super().__init__(bus, "/org/sitbreak/LogindStandIn")
        self.manager = manager
        self.session = session

    @dbus.service.method(CONTROL, in_signature="b")
    def SetLocked(self, locked):
        self.session.change(SESSION, LockedHint=dbus.Boolean(locked))

    @dbus.service.method(CONTROL, in_signature="bd")
    def SetIdle(self, idle, idle_for_seconds):
        """IdleHint, with IdleSinceHint* placed idle_for_seconds ago."""
        back = int(idle_for_seconds * 1e6) if idle else 0
        self.session.change(
            SESSION, IdleHint=dbus.Boolean(idle),
            IdleSinceHint=dbus.UInt64(realtime_usec() - back), IdleSinceHintMonotonic=dbus.UInt64(monotonic_usec() - back))

    @dbus.service.method(CONTROL, in_signature="s")
    def SetBlockInhibited(self, what):
        """BlockInhibited, e.g. "sleep:idle" while an application holds an idle inhibitor."""
        self.manager.change(MANAGER, BlockInhibited=dbus.String(what))

    @dbus.service.method(CONTROL)
    def EmitLock(self):
        self.session.Lock()

    @dbus.service.method(CONTROL)
    def EmitUnlock(self):
        self.session.Unlock()

    @dbus.service.method(CONTROL, in_signature="d")
    def Sleep(self, seconds):
        """PrepareForSleep(true); the 'sleep' starts once every delay inhibitor is released (or
        after INHIBIT_DELAY_MAX), and PrepareForSleep(false) follows `seconds` later."""
        self.manager.note("prepare-for-sleep true")
        self.manager.PrepareForSleep(True)
        deadline = time.monotonic() + INHIBIT_DELAY_MAX

        def wait_for_inhibitors():
            if self.manager.inhibitors and time.monotonic() < deadline:
                return True
            self.manager.note("asleep" if not self.manager.inhibitors else "asleep-without-waiting")
            GLib.timeout_add(int(seconds * 1000), wake)
            return False

        def wake():
            self.manager.note("prepare-for-sleep false")
            self.manager.PrepareForSleep(False)
            return False

        GLib.timeout_add(20, wait_for_inhibitors)

    @dbus.service.method(CONTROL, out_signature="i")
    def Inhibitors(self):
        return len(self.manager.inhibitors)

    @dbus.service.method(CONTROL, out_signature="as")
    def Journal(self):
        return dbus.Array(self.manager.journal, signature="s")


def main():
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.bus.BusConnection(sys.argv[1])
    session = Session(bus)
    User(bus)
    manager = Manager(bus, session)
    Control(bus, manager, session)
    name = dbus.service.BusName(LOGIN1, bus)
    print("ready", flush=True)
    GLib.MainLoop().run()
    del name


if __name__ == "__main__":
    main()
