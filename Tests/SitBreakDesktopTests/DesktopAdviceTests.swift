import Testing

@testable import SitBreakDesktop

/// Advice fits the desktop at hand: a GNOME, KDE or Xfce user is never told to install dunst.
struct DesktopAdviceTests {
    private func desktop(_ name: String) -> DesktopAdvice.Desktop {
        DesktopAdvice.Desktop(DesktopEnvironment(["XDG_CURRENT_DESKTOP": name]))
    }

    @Test func theDesktopIsKnownByXDGCurrentDesktop() {
        #expect(desktop("ubuntu:GNOME") == .gnome)
        #expect(desktop("KDE") == .kde)
        #expect(desktop("XFCE") == .xfce)
        #expect(desktop("sway") == .wlroots)
        #expect(desktop("Hyprland") == .wlroots)
        #expect(desktop("LXQt") == .other)
        #expect(DesktopAdvice.Desktop(DesktopEnvironment()) == .other)
    }

    @Test func withoutXDGCurrentDesktopTheShellOnTheSessionBusNamesTheDesktop() {
        let bare = DesktopEnvironment(["DISPLAY": ":0"])
        #expect(DesktopAdvice.Desktop(bare, ownedBusNames: ["org.gnome.Shell", "org.freedesktop.Notifications"]) == .gnome)
        #expect(DesktopAdvice.Desktop(bare, ownedBusNames: ["org.kde.plasmashell"]) == .kde)
        #expect(DesktopAdvice.Desktop(bare, ownedBusNames: ["org.xfce.SessionManager"]) == .xfce)
        #expect(DesktopAdvice.Desktop(bare, ownedBusNames: []) == .other)
        // What the session said wins over what happens to be on the bus.
        let sway = DesktopEnvironment(["XDG_CURRENT_DESKTOP": "sway"])
        #expect(DesktopAdvice.Desktop(sway, ownedBusNames: ["org.gnome.Shell"]) == .wlroots)
    }

    @Test func aMissingNotificationServerIsFixedTheWayOfThatDesktop() {
        let fixes = [DesktopAdvice.Desktop.gnome, .kde, .xfce].map(DesktopAdvice.notificationServerFix(for:))
        #expect(fixes.allSatisfy { !$0.contains("dunst") })
        #expect(DesktopAdvice.notificationServerFix(for: .xfce) == "sudo apt install xfce4-notifyd")
        #expect(DesktopAdvice.notificationServerFix(for: .wlroots) == "sudo apt install mako-notifier")
        #expect(DesktopAdvice.notificationServerFix(for: .other) == "sudo apt install dunst")
    }

    @Test func unseenInputIsFixedByHandingOverWhatIsMissing() {
        #expect(DesktopAdvice.fixForUnseenInput(environment: DesktopEnvironment()).contains(
            "dbus-update-activation-environment --systemd DISPLAY WAYLAND_DISPLAY XAUTHORITY"))
        let display = DesktopAdvice.fixForUnseenInput(environment: DesktopEnvironment(["DISPLAY": ":0"]))
        #expect(display.contains("DISPLAY=:0") && display.hasSuffix("`dbus-update-activation-environment --systemd DISPLAY XAUTHORITY`"))
        let wayland = DesktopAdvice.fixForUnseenInput(environment: DesktopEnvironment(["WAYLAND_DISPLAY": "wayland-0"]))
        #expect(wayland.contains("no idle protocol"))
    }
}
