import Testing

@testable import SitBreakDesktop

/// The real login order: the user manager starts sitbreakd before any desktop exists, and the
/// session hands its environment over later, in one of several ways.
@Suite("A desktop that arrives after the service")
struct DesktopHandoverTests {
    private let noDesktop = DesktopEnvironment(["HOME": "/home/me", "PATH": "/usr/bin"])

    @Test func onlyTheDesktopVariablesWithAValueAreKept() {
        let environment = DesktopEnvironment(block: ["DISPLAY=:1", "HOME=/home/me", "WAYLAND_DISPLAY=", "broken", "XAUTHORITY=/run/a=b"])
        #expect(environment.variables == ["DISPLAY": ":1", "XAUTHORITY": "/run/a=b"])
        #expect(environment.summary == "DISPLAY=:1")
        #expect(DesktopEnvironment().summary == "no display")
        #expect(DesktopEnvironment(["XDG_CURRENT_DESKTOP": "ubuntu:GNOME"]).desktopNames == ["ubuntu", "gnome"])
    }

    @Test func aSessionThatSetsTheManagersEnvironmentIsPickedUp() {
        var handover = DesktopHandover(started: noDesktop)
        #expect(handover.managerEnvironment(DesktopEnvironment()) == .unchanged)
        let session = DesktopEnvironment(["DISPLAY": ":0", "XAUTHORITY": "/run/user/1000/gdm/Xauthority"])
        #expect(handover.managerEnvironment(session) == .changed(from: DesktopEnvironment()))
        #expect(handover.current == session)
        // Read again after an unrelated change: nothing new.
        #expect(handover.managerEnvironment(session) == .unchanged)
    }

    @Test func aSessionThatEndsUnsetsItAndTheNextOneIsPickedUp() {
        var handover = DesktopHandover(started: DesktopEnvironment())
        _ = handover.managerEnvironment(DesktopEnvironment(["WAYLAND_DISPLAY": "wayland-0"]))
        #expect(handover.managerEnvironment(DesktopEnvironment()) == .changed(from: DesktopEnvironment(["WAYLAND_DISPLAY": "wayland-0"])))
        #expect(!handover.current.namesDisplay)
        _ = handover.managerEnvironment(DesktopEnvironment(["DISPLAY": ":1"]))
        #expect(handover.current.display == ":1")
    }

    @Test func theFirstReadingOfTheManagerNeverTakesAwayTheDaemonsOwnDisplay() {
        // sitbreakd started by hand in a desktop terminal; the manager was never told of the desktop.
        let own = DesktopEnvironment(["DISPLAY": ":0"])
        var handover = DesktopHandover(started: own)
        #expect(handover.managerEnvironment(DesktopEnvironment(["XDG_SESSION_TYPE": "tty"])) == .changed(from: own))
        #expect(handover.current.display == ":0")
        // A later change in the manager counts, a removal included.
        _ = handover.managerEnvironment(DesktopEnvironment(["XDG_SESSION_TYPE": "tty", "DISPLAY": ":0"]))
        _ = handover.managerEnvironment(DesktopEnvironment(["XDG_SESSION_TYPE": "tty"]))
        #expect(handover.current.display == nil)
    }

    @Test func aSessionThatAnnouncesItselfIsTakenAsItSays() {
        var handover = DesktopHandover(started: DesktopEnvironment(["DISPLAY": ":0"]))
        let wayland = DesktopEnvironment(["WAYLAND_DISPLAY": "wayland-1", "XDG_CURRENT_DESKTOP": "sway"])
        #expect(handover.announced(wayland) == .changed(from: DesktopEnvironment(["DISPLAY": ":0"])))
        #expect(handover.announced(wayland) == .unchanged)
        // The manager saying the same as before changes nothing the session announced.
        _ = handover.managerEnvironment(DesktopEnvironment())
        #expect(handover.managerEnvironment(DesktopEnvironment()) == .unchanged)
        #expect(handover.current == wayland)
    }
}
