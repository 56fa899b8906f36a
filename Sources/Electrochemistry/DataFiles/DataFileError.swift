/// A data file (samples or a spectrum) that cannot be read, located to the
/// line and column.
public struct DataFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case unreadable, missingHeader, unknownColumn, missingColumn, badNumber, missingField, invalidData
        /// A column whose unit is not written, or not one its quantity can have.
        case missingUnit
    }

    public var code: Code
    /// The file's path or name.
    public var file: String
    /// 1-based line and column (column 1 when the whole line is at fault).
    public var line: Int
    public var column: Int
    /// What is wrong and what would be valid.
    public var message: String

    public init(code: Code, file: String, line: Int, column: Int, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// The name the spectrum readers and their callers use.
public typealias SpectrumFileError = DataFileError
