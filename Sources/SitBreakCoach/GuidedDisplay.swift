import SitBreakModel

/// What a guided break shows while a step is timed, as pure text for any terminal width.
public enum GuidedDisplay {
    /// A slow breath for a still hold: in for four seconds, out for six.
    public static let breathIn: Seconds = 4
    public static let breathOut: Seconds = 6

    /// What to follow `elapsed` seconds into `step`: the beat of the current rep, with its
    /// phase in brackets ("rep 4 of 12 · [up 2] · hold 1 · down 2"), the breath of a still
    /// hold, or what the step is.
    public static func cue(for step: GuidedStep, at elapsed: Seconds) -> String {
        switch step {
        case .instruction(let text): return text
        case .getReady(_, let label): return label
        case .rest: return "Rest"
        case .hold(_, let label, let breathing):
            guard breathing else { return label }
            let intoBreath = elapsed.truncatingRemainder(dividingBy: breathIn + breathOut)
            return intoBreath < breathIn ? "breathe in" : "breathe out slowly"
        case .reps(let count, let tempo, _):
            let perRep = tempo.secondsPerRep
            // At the very end the last rep is still the one shown.
            let time = max(0, min(elapsed, (Seconds(count) * perRep).nextDown))
            let rep = Int((time / perRep).rounded(.down)) + 1
            let intoRep = time - Seconds(rep - 1) * perRep
            let phases = [("up", tempo.up), ("hold", tempo.hold), ("down", tempo.down)].filter { $0.1 > 0 }
            let ends = phases.indices.map { index in Seconds(phases[...index].map(\.1).reduce(0, +)) }
            let current = ends.firstIndex { intoRep < $0 } ?? phases.count - 1
            let beats = phases.enumerated().map { index, phase in
                index == current ? "[\(phase.0) \(phase.1)]" : "\(phase.0) \(phase.1)"
            }
            return (["rep \(rep) of \(count)"] + beats).joined(separator: " · ")
        }
    }

    /// The countdown of `step` `elapsed` seconds in, in fewer than `width` columns so that
    /// redrawing it in place never wraps: a bar, the time left and the cue. The cue is cut
    /// short first, then the bar shrinks and goes.
    public static func countdownLine(for step: GuidedStep, at elapsed: Seconds, width: Int) -> String {
        let room = width - 1
        let left = BreakPhase.minutesAndSeconds(max(step.duration - elapsed, 0))
        let cue = cue(for: step, at: elapsed)
        let barWidth = min(24, max(0, room - 2 - left.count - 2 - min(cue.count, 36)))
        let bar = barWidth >= 6 ? ProgressBar.render(elapsed: elapsed, total: step.duration, width: barWidth) + " " : ""
        let head = "  " + bar + left + "  "
        return head + shortened(cue, to: room - head.count)
    }

    /// `text` in at most `width` characters, ending in "…" when cut.
    static func shortened(_ text: String, to width: Int) -> String {
        guard text.count > width else { return text }
        guard width > 1 else { return String(text.prefix(max(width, 0))) }
        return String(text.prefix(width - 1)) + "…"
    }
}
