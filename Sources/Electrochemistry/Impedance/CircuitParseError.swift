/// A circuit string that cannot be parsed, located to the character.
public struct CircuitParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Hashable {
        case empty
        case unexpectedCharacter
        case unexpectedEnd
        case unknownElement
        case parallelNeedsTwoBranches
        case duplicateName
    }

    public var code: Code
    /// The whole circuit text.
    public var text: String
    /// 1-based column of the offending character.
    public var column: Int
    /// What is wrong and what would be valid.
    public var message: String

    public var description: String {
        let marker = String(repeating: " ", count: max(0, column - 1)) + "^"
        return "circuit \"\(text)\", column \(column): \(message)\n  \(text)\n  \(marker)"
    }
}
