/// How exports spell numbers: the shortest text that reads back to the same
/// double (what was stored, not a rounding of it), and an empty CSV cell or a
/// JSON `null` for a missing or non-finite value, which neither format can
/// carry as a number.
enum ExportNumber {
    static func csv(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return "\(value)"
    }

    static func json(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        return "\(value)"
    }

    /// Kelvin (how the store keeps temperatures) to degrees Celsius (how labs and BDF read them).
    static func celsius(_ kelvin: Double?) -> Double? {
        kelvin.map { $0 - 273.15 }
    }
}
