import ArgumentParser
import Electrochemistry

/// Parses a command-line value written in lab units, checking its dimension.
///
/// - Throws: `ValidationError` naming the option, the value and what a valid
///   one looks like.
func quantity(_ text: String, option: String, expecting dimension: PhysicalDimension) throws -> Quantity {
    do {
        return try Quantity.parse(text, expecting: dimension)
    } catch {
        throw ValidationError("--\(option) \(text): \(error.message)")
    }
}

/// Parses an optional lab-unit value.
func optionalQuantity(_ text: String?, option: String, expecting dimension: PhysicalDimension) throws -> Quantity? {
    guard let text else { return nil }
    return try quantity(text, option: option, expecting: dimension)
}
