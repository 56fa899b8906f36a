import Foundation
import Electrochemistry
import ProtocolEngine

/// An analysis value as a scientist reports it (`1.57 mAh`, `98.2 %`,
/// `0.52 mS/cm`), beside the SI value programs read.
///
/// Capacities also get their specific (mAh/g, with the cell's active mass)
/// and areal (mAh/cm²) forms, as papers give them.
struct LabFigure: Encodable, Equatable {
    var name: String
    var value: Double
    /// The value's standard error in `unit`, when the analysis gave one.
    var standardError: Double?
    var unit: String
    /// The value and its standard error as a paper prints them: `0.351 ± 0.0021 eV`.
    var text: String

    /// The figures for `value`: its lab form first, then any normalised forms
    /// the cell's mass and area allow.
    static func figures(for value: AnalysisResult.Value, cell: CellContext) -> [LabFigure] {
        if value.unit == "1" {
            guard Self.isPercentage(value.name) else { return [LabFigure(name: value.name, value.value, value.standardError, unit: "1")] }
            return [LabFigure(name: value.name, 100 * value.value, value.standardError.map { 100 * $0 }, unit: "%")]
        }
        guard let dimension = Self.dimension(ofSIUnit: value.unit) else {
            return [LabFigure(name: value.name, value.value, value.standardError, unit: value.unit)]
        }
        let quantity = Quantity(value.value, dimension)
        var figures = [LabFigure(quantity, name: value.name, standardError: value.standardError)]
        if dimension == .charge {
            if let mass = cell.activeMass, mass > 0 {
                figures.append(LabFigure(Quantity(value.value / mass, .specificCharge), name: Self.qualified(value.name, "specific")))
            }
            if let area = cell.area, area > 0 {
                figures.append(LabFigure(Quantity(value.value / area, .arealCharge), name: Self.qualified(value.name, "areal")))
            }
        }
        return figures
    }

    init(name: String, value: Double, standardError: Double? = nil, unit: String, text: String) {
        self.name = name
        self.value = value
        self.standardError = standardError
        self.unit = unit
        self.text = text
    }

    /// A value already in the unit it is reported in (a fraction, %, eV).
    init(name: String, _ value: Double, _ standardError: Double?, unit: String) {
        let number = value.formatted(significantDigits: 4) + (standardError.map { " ± " + $0.formatted(significantDigits: 2) } ?? "")
        self.init(name: name, value: value, standardError: standardError, unit: unit, text: unit == "1" ? number : "\(number) \(unit)")
    }

    init(_ quantity: Quantity, name: String, standardError: Double? = nil) {
        self.init(name: name, value: quantity.labValue, standardError: standardError.map(quantity.labStandardError),
                  unit: quantity.labUnit ?? quantity.dimension.siSymbol,
                  text: standardError.map { quantity.labText(standardError: $0) } ?? quantity.labText())
    }

    /// `cycle 2: specific discharge capacity` from `cycle 2: discharge capacity`.
    static func qualified(_ name: String, _ word: String) -> String {
        guard let colon = name.range(of: ": ") else { return "\(word) \(name)" }
        return String(name[..<colon.upperBound]) + "\(word) " + name[colon.upperBound...]
    }

    /// Ratios a lab gives in percent (efficiencies, retention, SOC); others (t₊, drift) stay fractions.
    static func isPercentage(_ name: String) -> Bool {
        ["efficiency", "retention", "SOC"].contains { name.contains($0) }
    }

    /// The dimension of an SI unit as analyses write it; `C` is the coulomb
    /// there, which the lab unit parser reserves for C-rates. Nil for a unit
    /// that is not SI (`eV`, in which Eₐ is already given as a lab reports it).
    static func dimension(ofSIUnit unit: String) -> PhysicalDimension? {
        switch unit {
        case "C": return .charge
        case "C/m²": return .arealCharge
        case "Ω m²": return .areaSpecificResistance
        default:
            guard let one = try? Quantity.parse("1 \(unit)"), one.value == 1 else { return nil }
            return one.dimension
        }
    }
}
