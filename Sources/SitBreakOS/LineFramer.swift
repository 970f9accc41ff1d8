/// Splits a byte stream into newline-terminated lines, refusing lines over a size limit.
struct LineFramer {
    enum Frame: Equatable {
        /// A line without its `\n` and without a trailing `\r`; invalid UTF-8 is replaced.
        case line(String)
        /// A line passed the limit; the framer takes no more input after it.
        case oversized
    }

    let maxLineBytes: Int
    private var pending: [UInt8] = []
    private var overflowed = false

    init(maxLineBytes: Int) { self.maxLineBytes = maxLineBytes }

    mutating func append(_ bytes: some Collection<UInt8>) -> [Frame] {
        guard !overflowed else { return [] }
        // Bytes already buffered hold no newline, so the search starts at the new ones.
        var searchFrom = pending.count
        pending.append(contentsOf: bytes)
        var frames: [Frame] = []
        var lineStart = 0
        while let newline = pending[searchFrom...].firstIndex(of: UInt8(ascii: "\n")) {
            guard newline - lineStart <= maxLineBytes else { return frames + [overflow()] }
            frames.append(.line(Self.text(pending[lineStart..<newline])))
            lineStart = newline + 1
            searchFrom = lineStart
        }
        pending.removeFirst(lineStart)
        if pending.count > maxLineBytes { frames.append(overflow()) }
        return frames
    }

    /// At end of input: an unterminated last line still counts.
    mutating func finish() -> [Frame] {
        guard !overflowed, !pending.isEmpty else { return [] }
        defer { pending = [] }
        return [.line(Self.text(pending[...]))]
    }

    private mutating func overflow() -> Frame {
        overflowed = true
        pending = []
        return .oversized
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        let trimmed = bytes.last == UInt8(ascii: "\r") ? bytes.dropLast() : bytes
        return String(decoding: trimmed, as: UTF8.self)
    }
}
