import SitBreakModel
import SitBreakProtocol

/// One entry of the panel menu. Ids are fixed per entry, so a host that keeps a menu open
/// sees entries come and go by `visible`, never a different entry under the same id.
public struct TrayMenuItem: Equatable, Sendable {
    public var id: Int32
    public var label: String
    public var enabled = true
    public var visible = true
    public var isSeparator = false
    public var action: TrayAction?
    public var children: [TrayMenuItem] = []

    public init(id: Int32, label: String, enabled: Bool = true, visible: Bool = true, action: TrayAction? = nil,
                children: [TrayMenuItem] = []) {
        self.id = id
        self.label = label
        self.enabled = enabled
        self.visible = visible
        self.action = action
        self.children = children
    }

    static func separator(id: Int32) -> TrayMenuItem {
        var item = TrayMenuItem(id: id, label: "")
        item.isSeparator = true
        return item
    }

    static func menu(for status: StatusReport, summary: String, snooze: Seconds) -> [TrayMenuItem] {
        let due = status.state == .sitting && status.overdueReminders > 0
        let atTheDesk = [.sitting, .snoozed].contains(status.state)
        return [
            TrayMenuItem(id: 1, label: summary, enabled: false),
            .separator(id: 2),
            TrayMenuItem(id: 3, label: "Start break now", visible: status.state != .break, action: .startBreak),
            TrayMenuItem(id: 4, label: "Snooze \(TrayView.minutes(snooze))", visible: due, action: .snooze),
            TrayMenuItem(id: 5, label: "Skip this break", visible: due, action: .skip),
            TrayMenuItem(id: 6, label: "Pause", visible: status.state != .paused, children: [
                TrayMenuItem(id: 61, label: "For 30 minutes", action: .pause(30 * 60)),
                TrayMenuItem(id: 62, label: "For 1 hour", action: .pause(3_600)),
                TrayMenuItem(id: 63, label: "Until tomorrow", action: .pauseUntilTomorrow),
            ]),
            TrayMenuItem(id: 7, label: "Resume", visible: status.state == .paused, action: .resume),
            TrayMenuItem(id: 8, label: "I'm standing", visible: atTheDesk, action: .stand),
            TrayMenuItem(id: 9, label: "I'm sitting", visible: status.state == .standing, action: .sit),
            .separator(id: 10),
            TrayMenuItem(
                id: 11, label: status.suggestion.map { "Try: \($0.line)" } ?? "", visible: status.suggestion != nil,
                action: .guidedBreak),
            TrayMenuItem(id: 12, label: "Today's stats", action: .showStats),
            TrayMenuItem(id: 13, label: "Edit settings", action: .editSettings),
        ]
    }

    /// The entry with `id`, looked for in submenus too.
    public static func find(_ id: Int32, in items: [TrayMenuItem]) -> TrayMenuItem? {
        for item in items {
            if item.id == id { return item }
            if let found = find(id, in: item.children) { return found }
        }
        return nil
    }
}
