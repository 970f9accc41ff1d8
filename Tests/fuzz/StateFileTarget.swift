import SitBreakConfig
import SitBreakModel
import SitBreakPresentation
import SitBreakProtocol

/// libFuzzer's entry point: each input is a whole `state.json`, as a damaged disk or another
/// program could leave it. Whatever decodes is carried through a restart the way the daemon
/// does (resumed on this boot or after a reboot, the gap stepped, a day of events, every
/// effect told) and none of it may trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStateFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let saved = try? ControlCodec.decode(SavedState.self, from: text) else { return 0 }
    let settings = ConfigLoader.defaults
    var now = Moment(boot: 50_000, wall: 1_800_000_000, utcOffset: 3_600)
    for bootID in [saved.bootID, "another boot"] {
        var (state, gap) = saved.resumed(at: now, bootID: bootID)
        var events: [SittingEvent] = [gap, .engaged([]), .timer, .input(at: now.boot), .command(.snooze(nil)),
                                      .command(.startBreak), .quiet(.lastInput(at: now.boot, source: "fuzz")),
                                      .command(.done), .command(.pause(600)), .command(.resume), .command(.away),
                                      .command(.back), .idle(since: now.boot), .settingsChanged].compactMap { $0 }
        while !events.isEmpty {
            let event = events.removeFirst()
            let (stepped, effects) = SittingModel.step(state, event, at: now, settings: settings)
            state = stepped
            for effect in effects {
                switch effect {
                case .record(let happening):
                    _ = HappeningReport(happening.naming(inputSources: "fuzz"), rules: settings.breaks).message
                case .remind(let reminder):
                    _ = ReminderText(reminder, move: nil)
                case .checkQuiet, .withdrawReminder, .refuse:
                    break
                }
            }
            let status = SittingModel.status(state, at: now, settings: settings)
            _ = ServiceStatusLine.make(status, at: now, sources: ["fuzz"])
            _ = ControlCodec.encodeLine(StatusReport(status, activitySources: [], reminderChannels: [], problems: []))
            _ = ControlCodec.encodeLine(SavedState(bootID: bootID, savedAt: now, state: state))
            if let deadline = SittingModel.nextDeadline(state, at: now, settings: settings), deadline > now.boot {
                // Never more than a day at once, so a far deadline is reached in a few steps.
                now = now.advanced(by: min(deadline - now.boot, 86_400))
                if events.isEmpty, now.boot < 50_000 + 3 * 86_400 { events.append(.timer) }
            }
        }
    }
    return 0
}
