import SitBreakModel
import SitBreakProtocol

/// `sitbreakctl status --format`: the status as bars, multiplexers and prompts read it.
public enum StatusFormat: String, CaseIterable, Sendable {
    case waybar, i3blocks, polybar, tmux, prompt

    /// The status bar class: waybar's `class`, and the colour of the other formats.
    public enum Urgency: String, Sendable, CaseIterable {
        case sitting, due, overdue, `break`, away, paused, snoozed
    }

    public func render(_ status: StatusReport) -> String {
        let view = StatusView(status)
        switch self {
        case .waybar:
            return ControlCodec.encodeLine(WaybarLine(
                text: view.shortText, tooltip: view.tooltip, class: view.urgency.rawValue, percentage: view.percentage))
        case .i3blocks:
            // full_text, short_text, color: one per line, as i3blocks reads a block's output.
            return [view.longText, view.shortText, view.colour].joined(separator: "\n")
        case .polybar:
            return "%{F\(view.colour)}\(view.shortText)%{F-}"
        case .tmux:
            return "#[fg=\(view.colour)]\(view.shortText)#[default]"
        case .prompt:
            return view.isAtTheDesk ? view.shortText : ""
        }
    }

    /// While sitbreakd restarts (`--follow` reconnects).
    public static let restartingText = "sitbreak restarting"

    /// `restartingText` in this format: a bar keeps a line that says what is going on.
    public var restartingLine: String {
        let grey = "#9da5b4"
        switch self {
        case .waybar:
            return ControlCodec.encodeLine(WaybarLine(text: "⟳ sitbreak", tooltip: Self.restartingText, class: "restarting", percentage: 0))
        case .i3blocks: return [Self.restartingText, "⟳ sitbreak", grey].joined(separator: "\n")
        case .polybar: return "%{F\(grey)}⟳ sitbreak%{F-}"
        case .tmux: return "#[fg=\(grey)]⟳ sitbreak#[default]"
        // A prompt shows nothing while the daemon is down.
        case .prompt: return ""
        }
    }

    /// `--template`: `{field}` replaced by the field's value; unknown fields are an error.
    public static func render(template: String, _ status: StatusReport) throws(TemplateError) -> String {
        let fields = StatusView(status).templateFields
        var output = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            output += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw TemplateError(message: "unclosed \"{\" in the template")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard let value = fields[name] else {
                throw TemplateError(message: "unknown field {\(name)}; fields: "
                    + templateFieldNames.map { "{\($0)}" }.joined(separator: " "))
            }
            output += value
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }

    public static let templateFieldNames = [
        "state", "class", "sitting_min", "sitting_seconds", "next_min", "next_seconds", "percentage",
        "breaks", "natural_breaks", "skipped", "snoozed", "today_sitting_min", "move", "break_phase", "break_left", "held",
    ]
}

public struct TemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

struct WaybarLine: Encodable {
    var text: String
    var tooltip: String
    var `class`: String
    var percentage: Int
}

/// The pieces every format is made of.
struct StatusView {
    let status: StatusReport

    init(_ status: StatusReport) { self.status = status }

    var sittingMinutes: Int { Int(status.sittingSeconds / 60) }
    var percentage: Int { min(100, Int((status.sittingSeconds / max(1, status.sitLimitSeconds) * 100).rounded(.down))) }

    var urgency: StatusFormat.Urgency {
        switch status.state {
        case .break: return .break
        case .away, .standing: return .away
        case .paused: return .paused
        case .snoozed: return .snoozed
        case .sitting:
            if status.overdueReminders > 0 { return .overdue }
            return percentage >= 90 ? .due : .sitting
        }
    }

    var isAtTheDesk: Bool { [.sitting, .snoozed].contains(status.state) }

    var colour: String {
        switch urgency {
        case .sitting: "#8fbc8f"
        case .due: "#e5c07b"
        case .overdue: "#e06c75"
        case .break: "#61afef"
        case .away, .paused, .snoozed: "#9da5b4"
        }
    }

    var shortText: String {
        switch status.state {
        case .sitting where status.reminderHeld != nil: "🪑 \(sittingMinutes)m · held: \(status.reminderHeld ?? "")"
        case .sitting, .snoozed: "🪑 \(sittingMinutes)m"
        case .break:
            switch status.breakPhase {
            case .stepAway: "🚶 step away"
            case .countingDown: "🚶 \(BreakPhase.minutesAndSeconds(status.breakRemainingSeconds ?? 0)) left"
            case nil: "🚶 break"
            }
        case .away: "away"
        case .standing: "standing"
        case .paused: "paused"
        }
    }

    var longText: String {
        switch status.state {
        case .sitting:
            let next = status.nextReminderSeconds.map { " · break in \(Int(($0 / 60).rounded(.up)))m" } ?? ""
            if let held = status.reminderHeld { return "🪑 sitting \(sittingMinutes)m · reminder held: \(held)" }
            return "🪑 sitting \(sittingMinutes)m" + (status.overdueReminders > 0 ? " · break overdue" : next)
        case .snoozed: return "🪑 sitting \(sittingMinutes)m · snoozed"
        case .break: return "🚶 " + (status.breakProgressText ?? "break")
        default: return shortText
        }
    }

    var tooltip: String {
        let today = status.today
        var lines = [longText, "Today: \(Int(today.sittingSeconds / 60))m sitting, \(counted(today.breaks, "break")), "
            + "\(today.naturalBreaks) natural, \(today.skipped) skipped, \(today.snoozed) snoozed"]
        if let move = status.suggestion { lines.append("Try: \(move.line)") }
        return lines.joined(separator: "\n")
    }

    var templateFields: [String: String] {
        [
            "state": status.state.rawValue,
            "class": urgency.rawValue,
            "sitting_min": "\(sittingMinutes)",
            "sitting_seconds": "\(Int(status.sittingSeconds))",
            "next_min": status.nextReminderSeconds.map { "\(Int(($0 / 60).rounded(.up)))" } ?? "",
            "next_seconds": status.nextReminderSeconds.map { "\(Int($0))" } ?? "",
            "percentage": "\(percentage)",
            "breaks": "\(status.today.breaks)",
            "natural_breaks": "\(status.today.naturalBreaks)",
            "skipped": "\(status.today.skipped)",
            "snoozed": "\(status.today.snoozed)",
            "today_sitting_min": "\(Int(status.today.sittingSeconds / 60))",
            "move": status.suggestion?.line ?? "",
            "break_phase": status.breakPhase?.rawValue ?? "",
            "break_left": status.breakPhase == .countingDown
                ? status.breakRemainingSeconds.map(BreakPhase.minutesAndSeconds) ?? "" : "",
            "held": status.reminderHeld ?? "",
        ]
    }
}
