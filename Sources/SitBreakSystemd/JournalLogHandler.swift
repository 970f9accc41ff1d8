import CSystemd
import Glibc
import Logging
import SitBreakPresentation

/// Where log records go, decided once at start-up.
public struct JournalLogDestinations: Equatable, Sendable {
    /// How a record is written to stderr.
    public enum StderrFormat: Equatable, Sendable {
        /// `sitbreakd: message (KEY=value …)`, for a terminal or a file.
        case plain
        /// `<6>message …`: stderr is the journal's stream, which reads the priority from it.
        case priorityPrefixed
    }

    /// Native entries through `sd_journal_sendv`, metadata as fields.
    public var journal: Bool
    /// nil: nothing on stderr (it is the journal stream and the native entry is enough).
    public var stderr: StderrFormat?

    public init(journal: Bool, stderr: StderrFormat?) {
        self.journal = journal
        self.stderr = stderr
    }

    public static let journalSocketPath = "/run/systemd/journal/socket"

    /// Under systemd stderr is the journal stream: native entries only, since copies on
    /// stderr would be logged twice. Run by hand, the user reads stderr, and the journal
    /// still gets the structured entries when journald is there.
    public static func choose(stderrIsJournal: Bool, journalSocketExists: Bool) -> JournalLogDestinations {
        switch (stderrIsJournal, journalSocketExists) {
        case (true, true): JournalLogDestinations(journal: true, stderr: nil)
        case (true, false): JournalLogDestinations(journal: false, stderr: .priorityPrefixed)
        case (false, true): JournalLogDestinations(journal: true, stderr: .plain)
        case (false, false): JournalLogDestinations(journal: false, stderr: .plain)
        }
    }

    /// `JOURNAL_STREAM` is `<dev>:<ino>` of the journal's stream socket; it names stderr
    /// only when that is still the same file (a child may inherit the variable but not the fd).
    public static func streamMatches(_ journalStream: String?, device: UInt64, inode: UInt64) -> Bool {
        guard let parts = journalStream?.split(separator: ":", omittingEmptySubsequences: false),
            parts.count == 2, let streamDevice = UInt64(parts[0]), let streamInode = UInt64(parts[1])
        else { return false }
        return streamDevice == device && streamInode == inode
    }

    /// Looks at the process: `$JOURNAL_STREAM` against `fstat(descriptor)`, and the socket.
    public static func detect(
        journalStream: String? = getenv("JOURNAL_STREAM").map { String(cString: $0) },
        stderrDescriptor: Int32 = STDERR_FILENO,
        socketPath: String = journalSocketPath
    ) -> JournalLogDestinations {
        var status = stat()
        let stderrIsJournal =
            fstat(stderrDescriptor, &status) == 0
            && streamMatches(journalStream, device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        return choose(stderrIsJournal: stderrIsJournal, journalSocketExists: access(socketPath, F_OK) == 0)
    }
}

/// A swift-log handler for a systemd service: journal entries with structured fields,
/// readable lines on stderr otherwise. Callers put journal fields in the metadata:
/// `logger.info("…", metadata: ["MESSAGE_ID": "…", "SITBREAK_EVENT": "reminder"])`.
public struct JournalLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    /// `SYSLOG_IDENTIFIER`, and the prefix of plain stderr lines.
    public let identifier: String
    public let destinations: JournalLogDestinations

    public init(
        identifier: String = "sitbreakd",
        destinations: JournalLogDestinations = .detect(),
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.identifier = identifier
        self.destinations = destinations
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let fields = mergedMetadata(event)
        var sentToJournal = false
        if destinations.journal {
            sentToJournal = Self.sendToJournal(journalFields(for: event, metadata: fields))
        }
        // A failed native send falls back to the stream so the record is not lost.
        let format = destinations.stderr ?? (destinations.journal && !sentToJournal ? .priorityPrefixed : nil)
        if let format {
            Self.writeToStderr(stderrLine(for: event, metadata: fields, format: format))
        }
    }

    /// The record's metadata: the handler's, the provider's, then the call's, later ones winning.
    public func mergedMetadata(_ event: LogEvent) -> Logger.Metadata {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let own = event.metadata {
            merged.merge(own) { _, new in new }
        }
        return merged
    }

    /// The `FIELD=value` strings of one journal entry, in a fixed order: the handler's fields,
    /// then the metadata sorted by field name. Metadata cannot replace the handler's fields.
    public func journalFields(for event: LogEvent, metadata: Logger.Metadata) -> [String] {
        let own = [
            ("MESSAGE", event.message.description),
            ("PRIORITY", String(Self.priority(of: event.level).rawValue)),
            ("SYSLOG_IDENTIFIER", identifier),
            ("CODE_FILE", event.file),
            ("CODE_LINE", String(event.line)),
            ("CODE_FUNC", event.function),
        ]
        let reserved = Set(own.map(\.0))
        var extra: [String: String] = [:]
        for (key, value) in metadata {
            guard let name = Self.journalFieldName(key), !reserved.contains(name) else { continue }
            extra[name] = value.description
        }
        return (own + extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }).map { "\($0)=\($1)" }
    }

    /// A record on stderr. On the journal stream it is one line, since journald makes an entry
    /// of each line; on a terminal, continuation lines are indented instead.
    public func stderrLine(
        for event: LogEvent, metadata: Logger.Metadata, format: JournalLogDestinations.StderrFormat
    ) -> String {
        let pairs = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quotedIfNeeded($0.value.description))" }
        let suffix = pairs.isEmpty ? "" : " (\(pairs.joined(separator: " ")))"
        let message = event.message.description
        switch format {
        case .priorityPrefixed:
            let escaped = message.replacingNewlines(with: "\\n")
            return "<\(Self.priority(of: event.level).rawValue)>\(escaped)\(suffix)\n"
        case .plain:
            let severity = event.level >= .warning ? "\(event.level): " : ""
            let indented = message.replacingNewlines(with: "\n  ")
            return "\(identifier): \(severity)\(indented)\(suffix)\n"
        }
    }

    public static func priority(of level: Logger.Level) -> JournalPriority {
        switch level {
        case .trace, .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        case .critical: .critical
        }
    }

    /// journald keeps only fields named `[A-Z0-9_]`, at most 64 long, not starting with `_`
    /// (trusted fields) or a digit; it drops others silently, so names are mapped instead.
    public static func journalFieldName(_ key: String) -> String? {
        let mapped = key.uppercased().unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "A"..."Z", "0"..."9": Character(scalar)
            default: "_"
            }
        }
        let name = String(mapped.drop { $0 == "_" || $0.isNumber }.prefix(64))
        return name.isEmpty ? nil : name
    }

    private static func quotedIfNeeded(_ value: String) -> String {
        let plain = !value.isEmpty && !value.contains { $0.isWhitespace || $0 == "\"" || $0 == "=" }
        if plain { return value }
        let escaped = value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        return "\"\(escaped.replacingNewlines(with: "\\n"))\""
    }

    /// sd_journal_sendv copies the data before it returns, so the buffer can be freed after.
    private static func sendToJournal(_ fields: [String]) -> Bool {
        var bytes: [UInt8] = []
        var ranges: [Range<Int>] = []
        for field in fields {
            let start = bytes.count
            bytes.append(contentsOf: field.utf8)
            ranges.append(start..<bytes.count)
        }
        return bytes.withUnsafeMutableBytes { buffer in
            var vectors = ranges.map { range in
                iovec(iov_base: buffer.baseAddress.map { $0 + range.lowerBound }, iov_len: range.count)
            }
            return sd_journal_sendv(&vectors, Int32(vectors.count)) >= 0
        }
    }

    private static func writeToStderr(_ line: String) {
        let bytes = Array(line.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}

extension Logger {
    /// Logs one `JournalEvent` with its `MESSAGE_ID`, `SITBREAK_EVENT` and priority.
    public func log(
        _ event: JournalEvent, _ message: @autoclosure () -> Logger.Message,
        fields: [JournalField: String] = [:],
        file: String = #fileID, function: String = #function, line: UInt = #line
    ) {
        let metadata = event.fields(fields).mapValues { Logger.MetadataValue.string($0) }
        log(
            level: Logger.Level(event.priority), message(), metadata: metadata,
            file: file, function: function, line: line)
    }
}

extension Logger.Level {
    public init(_ priority: JournalPriority) {
        switch priority {
        case .debug: self = .debug
        case .info: self = .info
        case .notice: self = .notice
        case .warning: self = .warning
        case .error: self = .error
        case .critical: self = .critical
        }
    }
}

extension String {
    fileprivate func replacingNewlines(with replacement: String) -> String {
        split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: replacement)
    }
}
