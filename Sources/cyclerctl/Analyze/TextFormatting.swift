import Electrochemistry
import Foundation

/// A number with `digits` significant digits, for text reports.
func fmt(_ x: Double, _ digits: Int = 5) -> String {
    guard x.isFinite else { return "\(x)" }
    return String(format: "%.\(digits)g", x)
}

/// An SI value in the unit a lab reads it in (`22 nA`, `25 °C`, `1.2 mS/cm`),
/// for text reports; JSON keeps SI with the unit in the key.
func lab(_ x: Double, _ dimension: PhysicalDimension, _ digits: Int = 5) -> String {
    Quantity(x, dimension).labText(significantDigits: digits)
}

/// An optional number, or an en dash when absent.
func fmt(_ x: Double?, _ digits: Int = 5) -> String {
    x.map { fmt($0, digits) } ?? "–"
}
