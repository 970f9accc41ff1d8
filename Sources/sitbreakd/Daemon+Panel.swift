import Glibc
import SitBreakConfig
import SitBreakEventLoop
import SitBreakModel
import SitBreakProtocol
import SitBreakTray

/// What the panel and the session-bus API show, and what their clicks and calls do: the
/// same commands as the CLI's, with the same refusals, told to the user in a notification.
extension Daemon {
    func trayView(_ status: StatusReport, at now: Moment) -> TrayView {
        TrayView(status, at: now, snooze: settings.breaks.snooze, passiveWhilePaused: settings.tray.passiveWhilePaused)
    }

    /// After each step: a host and the API's listeners hear only of what changed.
    func publish(at now: Moment) {
        let status = report(at: now)
        tray.show(trayView(status, at: now))
        api.show(status)
    }

    func trayAction(_ action: TrayAction) {
        let now = ClockReading.now().moment()
        if let command = action.command(at: now) {
            let refusals = perform(.command(command))
            if let refusal = refusals.first {
                delivery.answer(summary: "sitbreak", body: refusal.prefix(1).uppercased() + refusal.dropFirst())
            }
            return
        }
        let status = report(at: now)
        switch action {
        case .showStatus:
            delivery.answer(summary: "sitbreak", body: TrayView.statusText(status))
        case .showStats:
            delivery.answer(summary: "Today", body: TrayView.todayText(status.today))
        case .editSettings:
            editSettings()
        case .guidedBreak:
            // The guided routine needs a terminal; without one the move itself is the answer.
            if launcher.finds("x-terminal-emulator"),
                launcher.start(["x-terminal-emulator", "-e", "sitbreakctl", "break"], desktop: desktop.current)
            {
                return
            }
            delivery.answer(summary: "Try this move", body: status.suggestion?.line ?? TrayView.statusText(status))
        default:
            break
        }
    }

    /// Opens config.toml with the desktop's editor, writing the commented defaults first when
    /// the user has no file yet.
    private func editSettings() {
        let path = options.configPath
        if access(path, F_OK) != 0 {
            do {
                try ConfigLoader.writeDefaults(to: path)
            } catch {
                delivery.answer(summary: "sitbreak", body: "Cannot create \(path): \(error)")
                return
            }
        }
        if !launcher.start(["xdg-open", path], desktop: desktop.current) {
            delivery.answer(summary: "sitbreak", body: "Cannot open \(path) (xdg-open failed); edit it in a terminal.")
        }
    }
}
