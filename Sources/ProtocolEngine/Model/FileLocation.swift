import CyclerConfiguration

/// Where something was written in a protocol file, so errors found long after
/// parsing (validation, a limit at step 37) still point at the line.
public struct FileLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The dotted field path (`steps[2].until[0]`).
    public var field: String

    public init(file: String, line: Int, column: Int, field: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
    }

    public init(_ node: ConfigNode) {
        self.init(file: node.file, line: node.line, column: node.column, field: node.path)
    }

    /// An error at this place.
    public func error(_ message: String) -> ConfigurationError {
        ConfigurationError(file: file, line: line, column: column, field: field, message: message)
    }

    /// The same place, `offset` characters further along the line.
    public func shifted(by offset: Int) -> FileLocation {
        FileLocation(file: file, line: line, column: column + offset, field: field)
    }

    public var description: String { "\(file):\(line):\(column) \(field)" }
}
