/// A mistake in a configuration, cell or protocol file, located so the user can
/// jump to it: `gcpl.yaml:12:9: steps[2].current: expected a current such as
/// "0.5 mA", got a voltage`.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// 1-based line and column; 0 when the position is unknown.
    public var line: Int
    public var column: Int
    /// The field path (`safety.voltage.max`, `steps[3].until`), empty for the whole file.
    public var field: String
    /// What is wrong and what would be valid.
    public var message: String

    public init(file: String, line: Int, column: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line):\(column)" : file
        return field.isEmpty ? "\(place): \(message)" : "\(place): \(field): \(message)"
    }
}
