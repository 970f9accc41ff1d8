import SitBreakModel

/// `sitbreakctl stats --csv`: the raw events as RFC 4180 CSV (CRLF line ends, a header row,
/// fields quoted when they hold a comma, a quote or a line break), after one `#` line that
/// names the local days exported.
public enum HistoryCSV {
    public static let header = [
        "kind", "local_time", "local_day", "wall_seconds", "utc_offset_seconds", "boot_id", "boot_seconds",
        "sitting_seconds", "away_seconds", "duration_seconds", "level", "detail",
        "evidence_source", "quiet_seconds", "confirmed",
    ]

    /// What comes before the rows: the span line, then the header row.
    public static func heading(days: ClosedRange<LocalDay>) -> String {
        "# sitbreak history: the events of local days \(days.lowerBound) through \(days.upperBound)\r\n" + line(header)
    }

    /// One event's line.
    public static func row(_ record: HistoryRecord) -> String {
        line([
            record.kind.rawValue, ISODate.localTime(record.moment), record.localDay.description,
            number(record.moment.wall), number(record.moment.utcOffset), record.bootID, number(record.moment.boot),
            number(record.sittingSeconds), number(record.awaySeconds), number(record.durationSeconds),
            record.level.map(String.init) ?? "", record.detail,
            record.evidence?.source ?? "", number(record.evidence?.quietSeconds),
            record.evidence.map { $0.confirmed ? "yes" : "no" } ?? "",
        ])
    }

    /// One field as RFC 4180 writes it.
    static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }

    private static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// Whole seconds without a fraction, anything finer as Swift prints it; empty for none.
    private static func number(_ value: Seconds?) -> String {
        guard let value else { return "" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}
