/// A line from the device that is not a well-formed MethodSCRIPT data packet.
public struct MethodSCRIPTDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The line as received.
    public var line: String
    /// 1-based character position where decoding failed.
    public var column: Int
    /// What should have been there.
    public var expected: String

    public init(line: String, column: Int, expected: String) {
        self.line = line
        self.column = column
        self.expected = expected
    }

    public var description: String {
        let shown = line.count > 80 ? String(line.prefix(80)) + "…" : line
        return "data packet \"\(shown)\" column \(column): expected \(expected)"
    }
}
