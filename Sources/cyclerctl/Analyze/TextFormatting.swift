import Foundation

/// A number with `digits` significant digits, for text reports.
func fmt(_ x: Double, _ digits: Int = 5) -> String {
    guard x.isFinite else { return "\(x)" }
    return String(format: "%.\(digits)g", x)
}

/// An optional number, or an en dash when absent.
func fmt(_ x: Double?, _ digits: Int = 5) -> String {
    x.map { fmt($0, digits) } ?? "–"
}
