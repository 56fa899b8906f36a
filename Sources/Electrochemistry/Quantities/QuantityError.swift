/// Why a quantity could not be read or used, with enough position information for a
/// caller to point at `file:line:column` and a message that says what would be valid.
public struct QuantityError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Code: Sendable, Hashable {
        /// Nothing but whitespace where a quantity was expected.
        case empty
        /// The number is missing or malformed (`mA`, `1..2 V`, `C/0`).
        case badNumber
        /// A unit symbol that is not in the unit table (`4.2 Vx`).
        case unknownUnit
        /// Unit syntax that cannot be read (`mA/`, `cm^`, `m^0`).
        case malformedUnit
        /// A valid quantity of the wrong kind (`4.2 mA` where a voltage belongs).
        case dimensionMismatch
        /// A cell-relative quantity (C-rate, per-area, per-gram) whose cell property is absent.
        case missingCellProperty
        /// A spelling that reads two ways (`80 C`: 80 °C or a C-rate of 80).
        case ambiguousUnit
    }

    public let code: Code
    /// The text the problem was found in.
    public let text: String
    /// 0-based character offset into `text` where the problem starts.
    public let column: Int
    /// What is wrong and what would be valid instead.
    public let message: String

    public init(_ code: Code, text: String, column: Int, message: String) {
        self.code = code
        self.text = text
        self.column = column
        self.message = message
    }

    public var description: String { message }
}
