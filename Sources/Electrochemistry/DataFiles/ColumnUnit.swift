import Foundation

/// What a column's written unit means in SI, with the vendor spellings the
/// unit parser does not know (`Sec`, `mA.h`, `ohm`, `h:min:s.ms`).
///
/// A unit is never assumed: a current column without one could be in A or
/// mA, a 1000× difference, so it is refused with a message saying how to
/// label it.
enum ColumnUnit {
    /// Spellings in cycler exports, mapped to what `Quantity.parse` reads.
    static let aliases: [String: String] = [
        "sec": "s", "secs": "s", "hr": "h", "hrs": "h",
        "ohms": "Ohm", "kohms": "kOhm", "mohms": "mOhm",
        "mA.h": "mAh", "A.h": "Ah", "uA.h": "uAh", "mW.h": "mWh", "W.h": "Wh",
        "deg C": "degC", "°c": "degC", "oC": "degC",
    ]

    /// Time written as `h:min:s` text (Neware's `Time(h:min:s.ms)`).
    static let clockFormats = ["h:min:s.ms", "h:min:s", "hh:mm:ss", "hh:mm:ss.sss"]

    /// A bare `C`: °C in a column whose name says temperature, the coulomb in
    /// one that says charge, and ambiguous anywhere else.
    static let bareC = "C"

    /// Whether `text` can be a unit, as written or by alias.
    static func isUnit(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: " ")
        guard !trimmed.isEmpty else { return false }
        if trimmed == bareC || clockFormats.contains(trimmed.lowercased()) || aliases[trimmed] != nil
            || aliases[trimmed.lowercased()] != nil { return true }
        return (try? Quantity.parse("1 \(trimmed)")) != nil
    }

    /// How a column's text turns into SI.
    enum Scale {
        /// `si = offset + factor * number`.
        case linear(factor: Double, offset: Double)
        /// `h:min:s` text, to seconds.
        case clock
    }

    /// The scale for `unit` on a column holding `dimension`.
    ///
    /// - Throws: a message for the caller to locate: the unit is missing, not
    ///   of the dimension, or a bare `C` outside a temperature column.
    static func scale(_ unit: String?, dimension: PhysicalDimension, column: String, example: String) throws(ColumnUnitError) -> Scale {
        guard let unit else {
            throw ColumnUnitError(message: "column '\(column)' has no unit, and \(dimension.withArticle) could be in any of "
                + "several; label it with its unit, e.g. \(example)")
        }
        if clockFormats.contains(unit.lowercased()) {
            guard dimension == .time else {
                throw ColumnUnitError(message: "column '\(column)' is written as a clock time (\(unit)), which only a time can be")
            }
            return .clock
        }
        var written = aliases[unit] ?? aliases[unit.lowercased()] ?? unit
        if written == bareC, dimension == .charge { return .linear(factor: 1, offset: 0) }
        if written == bareC {
            guard dimension == .temperature else {
                throw ColumnUnitError(message: "column '\(column)' has unit \"C\", which is neither clearly °C nor a C-rate here; "
                    + "label it e.g. \(example)")
            }
            written = "degC"
        }
        do {
            let zero = try Quantity.parse("0 \(written)", expecting: dimension).value
            let one = try Quantity.parse("1 \(written)", expecting: dimension).value
            return .linear(factor: one - zero, offset: zero)
        } catch {
            throw ColumnUnitError(message: "column '\(column)' has unit \"\(unit)\", but it holds \(dimension.withArticle); "
                + "label it e.g. \(example)")
        }
    }

    /// Seconds in `h:min:s.ms` text (`1:02:03.5`, or `1:02:03,5` with a decimal comma), or nil.
    static func seconds(clock text: String, decimalComma: Bool) -> Double? {
        let text = decimalComma ? text.replacingOccurrences(of: ",", with: ".") : text
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count) else { return nil }
        var total = 0.0
        for part in parts {
            guard let value = Double(part.trimmingCharacters(in: " ")), value >= 0 else { return nil }
            total = total * 60 + value
        }
        return total
    }
}

/// Why a column's unit was refused; the reader adds the file, line and column.
struct ColumnUnitError: Error {
    var message: String
}
