import SitBreakModel

/// A sit placed on the user's local clock (seconds since 1970-01-01T00:00 in their zone).
struct SittingStretch: Equatable {
    var start: Seconds
    var seconds: Seconds
    /// false for the sit still going on after the last event read.
    var endedByBreak: Bool

    var end: Seconds { start + seconds }
}

/// Rebuilds the user's sits from the event rows, one row at a time: memory stays the same
/// however many rows pass through.
///
/// A sit's length is the model's own count, taken from the row that ends it (a natural break)
/// or, when that row has none (a break taken), from the latest row of the sit that carries
/// one (the break start, a reminder, a skip). Where the sit lay on the clock is estimated from
/// two bounds: it began no earlier than sitting last resumed (a break's end, a return, a daemon
/// start), and no later than any row allows (a row with sitting `l` whose sit ended by `e`
/// puts the start at or before `e - l`). Resuming is exact unless the rows contradict it;
/// the bound alone would place a sit interrupted by a pause or a stand too late.
struct SittingStretches {
    private var resumedAt: Seconds?
    private var latestStart: Seconds?
    private var length: Seconds = 0

    init() {}

    /// Takes the next row in append order; returns the sit it ended, if it ended one.
    mutating func add(_ record: HistoryRecord) -> SittingStretch? {
        let local = record.moment.localSeconds
        switch record.kind {
        case .reminder, .skipped, .breakStarted:
            if let sitting = record.sittingSeconds { note(sitting: sitting, endedBy: local) }
        case .naturalBreak, .breakTaken:
            // The sit ended when the absence or the break began, `awaySeconds` before the row.
            note(sitting: record.sittingSeconds ?? length, endedBy: local - (record.awaySeconds ?? 0))
            let ended = current(endedByBreak: true)
            length = 0
            latestStart = nil
            resumedAt = local
            return ended
        case .back, .daemonStarted:
            // Only before the sit has shown itself: a return mid-sit (a short "away") starts nothing.
            if latestStart == nil { resumedAt = local }
        default:
            break
        }
        return nil
    }

    /// The sit in progress after the rows so far, if any sitting is known.
    var inProgress: SittingStretch? { current(endedByBreak: false) }

    private mutating func note(sitting: Seconds, endedBy end: Seconds) {
        length = sitting
        latestStart = min(latestStart ?? end - sitting, end - sitting)
    }

    private func current(endedByBreak: Bool) -> SittingStretch? {
        guard let latestStart, length > 0 else { return nil }
        return SittingStretch(
            start: min(resumedAt ?? latestStart, latestStart), seconds: length, endedByBreak: endedByBreak)
    }
}

/// How many seconds of `[start, end)` fall in `[from, until)`.
func overlap(_ start: Seconds, _ end: Seconds, with from: Seconds, _ until: Seconds) -> Seconds {
    max(0, min(end, until) - max(start, from))
}
