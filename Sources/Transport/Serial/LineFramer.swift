/// Splits a byte stream into `\n`-terminated lines.
///
/// A line longer than `maximumLength` without a newline means the peer is not
/// speaking a line protocol (wrong baud rate, wrong device); the framer throws
/// rather than buffering without bound.
public struct LineFramer: Sendable {
    public let maximumLength: Int
    private var buffer: [UInt8] = []
    /// Start of the unconsumed bytes; compacted lazily so extraction is O(line).
    private var start = 0

    public init(maximumLength: Int = 4096) {
        self.maximumLength = maximumLength
    }

    /// Bytes received but not yet returned as a line.
    public var pendingByteCount: Int { buffer.count - start }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(contentsOf: bytes)
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
    }

    /// The next complete line without its `\n` (and without a `\r` before it),
    /// or nil when no complete line has arrived yet.
    ///
    /// - Throws: `LineTooLong` when a line, or the bytes waiting without a
    ///   newline, exceed `maximumLength`; the offending bytes are dropped.
    public mutating func nextLine() throws(LineTooLong) -> String? {
        guard let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) else {
            if pendingByteCount > maximumLength {
                let count = pendingByteCount
                reset()
                throw LineTooLong(byteCount: count, maximumLength: maximumLength)
            }
            return nil
        }
        var end = newline
        if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let length = end - start
        guard length <= maximumLength else {
            start = newline + 1
            throw LineTooLong(byteCount: length, maximumLength: maximumLength)
        }
        let line = String(decoding: buffer[start..<end], as: UTF8.self)
        start = newline + 1
        if start == buffer.count {
            reset()
        } else if start > 4096, start * 2 > buffer.count {
            buffer.removeFirst(start)
            start = 0
        }
        return line
    }

    /// Forgets everything received so far.
    public mutating func reset() {
        buffer.removeAll(keepingCapacity: true)
        start = 0
    }

    /// Too many bytes arrived without a line ending.
    public struct LineTooLong: Error, Sendable, Equatable {
        public var byteCount: Int
        public var maximumLength: Int
    }
}
