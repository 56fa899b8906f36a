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
    var unit: String
    var text: String

    /// The figures for `value`: its lab form first, then any normalised forms
    /// the cell's mass and area allow.
    static func figures(for value: AnalysisResult.Value, cell: CellContext) -> [LabFigure] {
        if value.unit == "1" {
            guard Self.isPercentage(value.name) else {
                let text = value.value.formatted(significantDigits: 4)
                return [LabFigure(name: value.name, value: value.value, unit: "1", text: text)]
            }
            let percent = 100 * value.value
            let text = percent.formatted(significantDigits: 4) + " %"
            return [LabFigure(name: value.name, value: percent, unit: "%", text: text)]
        }
        guard let dimension = Self.dimension(ofSIUnit: value.unit) else {
            return [LabFigure(name: value.name, value: value.value, unit: value.unit,
                              text: "\(value.value.formatted(significantDigits: 4)) \(value.unit)")]
        }
        let quantity = Quantity(value.value, dimension)
        var figures = [LabFigure(quantity, name: value.name)]
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

    init(name: String, value: Double, unit: String, text: String) {
        self.name = name
        self.value = value
        self.unit = unit
        self.text = text
    }

    init(_ quantity: Quantity, name: String) {
        self.init(name: name, value: quantity.labValue, unit: quantity.labUnit ?? quantity.dimension.siSymbol, text: quantity.labText())
    }

    /// `cycle 2: specific discharge capacity` from `cycle 2: discharge capacity`.
    static func qualified(_ name: String, _ word: String) -> String {
        guard let colon = name.range(of: ": ") else { return "\(word) \(name)" }
        return String(name[..<colon.upperBound]) + "\(word) " + name[colon.upperBound...]
    }

    /// Ratios a lab gives in percent; others (t₊, drift) stay fractions.
    static func isPercentage(_ name: String) -> Bool {
        ["efficiency", "retention"].contains { name.contains($0) }
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
