#!/usr/bin/env python3
"""Saves what a GNOME Shell shows as PNG, through org.gnome.Shell.Screenshot. The shell
answers only callers that own one of a few names, so this owns org.gnome.Screenshot first.

    gnome-shell-screenshot.py FILE      (DBUS_SESSION_BUS_ADDRESS: the shell's bus)
"""
import sys

import dbus


def main():
    bus = dbus.SessionBus()
    bus.request_name("org.gnome.Screenshot")
    shell = bus.get_object("org.gnome.Shell.Screenshot", "/org/gnome/Shell/Screenshot")
    done, _ = dbus.Interface(shell, "org.gnome.Shell.Screenshot").Screenshot(False, False, sys.argv[1])
    sys.exit(0 if done else 1)


if __name__ == "__main__":
    main()
