
/// Splits a byte stream into newline-terminated lines, refusing lines over a size limit.
/// Lines are taken one at a time, so that a reader can stop after a few and leave the rest
/// buffered for later.
struct LineFramer {
    enum Frame: Equatable {
        /// A line without its `\n` and without a trailing `\r`; invalid UTF-8 is replaced.
        case line(String)
        /// A line passed the limit; the framer takes no more input after it.
        case oversized
    }

    let maxLineBytes: Int
    private var buffer: [UInt8] = []
    /// Bytes before this were handed out as lines.
    private var lineStart = 0
    /// Searching for the next newline resumes here: the bytes from `lineStart` up to it hold none.
    private var searchFrom = 0
    private var overflowed = false

    init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

    mutating func append(_ bytes: some Collection<UInt8>) {
        guard !overflowed else { return }
        if lineStart == buffer.count {
            // Everything was handed out: start afresh, which also returns a large buffer's memory.
            buffer = Array(bytes)
        } else {
            buffer.removeFirst(lineStart)
            buffer.append(contentsOf: bytes)
        }
        searchFrom -= lineStart
        lineStart = 0
    }

    /// The next complete line; `.oversized` once the line being received passes the limit;
    /// nil until more input arrives.
    mutating func next() -> Frame? {
        guard !overflowed else { return nil }
        guard let newline = buffer[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) else {
            searchFrom = buffer.count
            return buffer.count - lineStart > maxLineBytes ? overflow() : nil
        }
        guard newline - lineStart <= maxLineBytes else { return overflow() }
        let line = Self.text(buffer[lineStart..<newline])
        lineStart = newline + 1
        searchFrom = lineStart
        return .line(line)
    }

    /// At end of input, once `next()` returned nil: an unterminated last line still counts.
    mutating func finish() -> Frame? {
        guard !overflowed, lineStart < buffer.count else { return nil }
        defer {
            lineStart = buffer.count
            searchFrom = buffer.count
        }
        return .line(Self.text(buffer[lineStart...]))
    }

    private mutating func overflow() -> Frame {
        overflowed = true
        buffer = []
        lineStart = 0
        searchFrom = 0
        return .oversized
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        let trimmed = bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes
        return String(decoding: trimmed, as: UTF8.self)
    }
}
