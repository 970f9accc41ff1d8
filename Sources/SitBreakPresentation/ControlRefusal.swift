/// What the control socket tells a client of another user before it hangs up: each user
/// runs a sitbreakd of their own, which answers only them.
public enum ControlRefusal {
    public static func foreignUser(_ uid: UInt32, owner: UInt32) -> String {
        "this sitbreakd serves only uid \(owner), not uid \(uid): each user runs their own; "
            + "ask as uid \(owner), or start yours with `systemctl --user start sitbreak`"
    }
}
