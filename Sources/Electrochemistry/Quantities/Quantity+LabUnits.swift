import Foundation

/// The units a solid-state battery lab reports in: mAh rather than C, °C
/// rather than K, mS/cm rather than S/m.
///
/// Code keeps SI; everything a person reads (messages, tables, the lab half of
/// `results.json`) goes through here, so "7.85 mA" never shows up as
/// "0.007850000000000001 A".
extension Quantity {
    /// The lab unit this quantity is reported in, chosen by dimension and, for
    /// currents, resistances, frequencies and the like, by magnitude; nil for a
    /// dimension no lab unit is set for, and for C-rates and plain numbers.
    public var labUnit: String? {
        let magnitude = abs(value)
        switch dimension {
        case .current: return Self.prefixed("A", magnitude, choices: [1, 1e-3, 1e-6, 1e-9])
        case .voltage: return magnitude >= 0.1 || magnitude == 0 ? "V" : "mV"
        case .time: return magnitude < 120 ? "s" : magnitude < 7200 ? "min" : "h"
        case .temperature: return "degC"
        case .pressure: return "MPa"
        case .force: return "N"
        case .charge: return "mAh"
        // Activation and other per-particle energies are eV; a cell's energy is mWh.
        case .energy: return magnitude < 1e-15 ? "eV" : "mWh"
        case .power: return Self.prefixed("W", magnitude, choices: [1, 1e-3, 1e-6])
        case .arealCurrent: return "mA/cm2"
        case .arealCharge: return "mAh/cm2"
        case .specificCurrent: return "mA/g"
        case .specificCharge: return "mAh/g"
        case .resistance: return Self.prefixed("Ohm", magnitude, choices: [1e6, 1e3, 1, 1e-3])
        case .areaSpecificResistance: return "Ohm cm2"
        // Electronic conductivities (nS/cm and below) are given in S/cm, as papers do.
        case .conductivity: return magnitude < 1e-4 && magnitude > 0 ? "S/cm" : "mS/cm"
        case .frequency: return Self.prefixed("Hz", magnitude, choices: [1e6, 1e3, 1, 1e-3])
        case .capacitance: return Self.prefixed("F", magnitude, choices: [1, 1e-3, 1e-6, 1e-9, 1e-12])
        case .voltageRate: return "mV/s"
        case .length: return Self.prefixed("m", magnitude, choices: [1, 1e-3, 1e-6, 1e-9])
        case .area: return "cm2"
        case .mass: return "mg"
        default: return nil
        }
    }

    /// A standard error of this quantity (SI) in `labUnit`, taken as a
    /// difference from zero so that it is the same in °C as in K.
    public func labStandardError(_ standardError: Double) -> Double {
        guard let unit = labUnit, let expression = try? UnitExpression.parse(unit) else { return standardError }
        return abs(expression.number(fromSI: standardError) - expression.number(fromSI: 0))
    }

    /// `0.2014 ± 0.012`, `1.235 ± 0.021 kΩ`: the value as `labText` gives it,
    /// with its standard error to 2 significant figures.
    public func labText(standardError: Double, significantDigits: Int = 4) -> String {
        let error = labStandardError(standardError).formatted(significantDigits: 2)
        let text = labText(significantDigits: significantDigits)
        guard let space = text.firstIndex(of: " ") else { return "\(text) ± \(error)" }
        return "\(text[..<space]) ± \(error)\(text[space...])"
    }

    /// The number in `labUnit`, or the plain value when there is none.
    public var labValue: Double {
        guard let unit = labUnit, let expression = try? UnitExpression.parse(unit) else { return value }
        return expression.number(fromSI: value)
    }

    /// `7.85 mA`, `297 °C`, `0.5 mA/cm²`, `C/2`: the value in its lab unit to
    /// `significantDigits` significant figures.
    public func labText(significantDigits: Int = 4) -> String {
        if dimension == .cRate { return description }
        guard let unit = labUnit, let expression = try? UnitExpression.parse(unit) else {
            let symbol = dimension.siSymbol
            let number = value.formatted(significantDigits: significantDigits)
            return symbol.isEmpty ? number : "\(number) \(symbol)"
        }
        return expression.number(fromSI: value).formatted(significantDigits: significantDigits) + " " + expression.display
    }

    /// The largest prefix at which the magnitude is at least 1 (the smallest offered otherwise).
    private static func prefixed(_ base: String, _ magnitude: Double, choices: [Double]) -> String {
        let symbols: [Double: String] = [1e6: "M", 1e3: "k", 1: "", 1e-3: "m", 1e-6: "u", 1e-9: "n", 1e-12: "p"]
        let scale = choices.first { magnitude >= $0 } ?? choices[choices.count - 1]
        return (symbols[scale] ?? "") + base
    }
}

extension Double {
    /// `7.85`, `297`, `0.000125`, `1.2e+06`: at most `significantDigits`
    /// significant figures, without trailing zeros; whole numbers too large for
    /// them are printed whole rather than in exponent form.
    public func formatted(significantDigits: Int) -> String {
        guard isFinite else { return "\(self)" }
        let digits = Swift.max(significantDigits, 1)
        if abs(self) >= pow(10, Double(digits)), abs(self) < 1e9 { return String(format: "%.0f", self) }
        return String(format: "%.\(digits)g", self)
    }

    /// The value to 12 significant figures: a unit conversion's binary noise
    /// (`0.785 * 1e4` is `7850.000000000001`) gone, the measurement untouched.
    public var withoutConversionNoise: Double {
        guard isFinite, self != 0 else { return self }
        return Double(String(format: "%.12g", self)) ?? self
    }
}
