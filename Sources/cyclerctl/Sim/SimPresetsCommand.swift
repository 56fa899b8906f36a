import ArgumentParser
import CellSimulator
import Electrochemistry
import Foundation

/// `cyclerctl sim presets`: the simulated cells and their parameters.
struct SimPresetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presets",
        abstract: "List the simulated cell presets and their parameters, with each one's CCD at its pressure and temperature.",
        discussion: "Example: cyclerctl sim presets --json | jq '.[].name'"
    )

    @Flag(help: "Print JSON (one array of objects) instead of a table.")
    var json = false

    func run() throws {
        let rows = CellPresets.all.map(PresetSummary.init)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        let header = ["name", "type", "electrolyte", "σ25 mS/cm", "Ea eV", "area cm²", "SE µm", "capacity mAh",
                      "P MPa", "T °C", "CCD mA/cm²"]
        let table = rows.map { r in
            [r.name, r.kind, r.electrolyte, format(r.conductivity25C_mS_per_cm, 3),
             r.activationEnergy_eV.map { format($0, 2) } ?? "VTF", format(r.area_cm2, 3),
             format(r.electrolyteThickness_um, 0), format(r.capacity_mAh, 3), format(r.stackPressure_MPa, 1),
             format(r.temperature_degC, 0), r.criticalCurrentDensity_mA_per_cm2.map { format($0, 2) } ?? "–"]
        }
        let widths = header.indices.map { c in ([header[c]] + table.map { $0[c] }).map(\.count).max()! }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }
        print(line(header))
        for (row, summary) in zip(table, rows) { print(line(row) + "  " + summary.summary) }
    }

    private func format(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
}

/// One preset as `sim presets` prints it; field names carry their units.
struct PresetSummary: Codable {
    var name: String
    var summary: String
    var kind: String
    var electrolyte: String
    var positiveElectrode: String
    var negativeElectrode: String
    var conductivity25C_mS_per_cm: Double
    var activationEnergy_eV: Double?
    var electronicConductivity_S_per_cm: Double
    var transferenceNumber: Double
    var area_cm2: Double
    var electrolyteThickness_um: Double
    var capacity_mAh: Double
    var activeMass_mg: Double
    var referenceOffset_V: Double
    var stackPressure_MPa: Double
    var temperature_degC: Double
    var cyclingWindow_V: [Double]?
    /// The critical current density at the preset's own pressure and
    /// temperature; nil for cells without a lithium metal electrode to plate.
    var criticalCurrentDensity_mA_per_cm2: Double?

    init(_ d: CellDefinition) {
        name = d.name
        summary = d.summary
        kind = d.kind.rawValue
        electrolyte = d.electrolyte.name
        positiveElectrode = d.positive.name
        negativeElectrode = d.negative.name
        conductivity25C_mS_per_cm = (d.electrolyte.ionicConductivity(at: 298.15) / 100 * 1000).withoutConversionNoise
        activationEnergy_eV = d.electrolyte.conductivity.activationEnergy
        electronicConductivity_S_per_cm = (d.electrolyte.electronicConductivity / 100).withoutConversionNoise
        transferenceNumber = d.electrolyte.transferenceNumber
        area_cm2 = (d.area * 1e4).withoutConversionNoise
        electrolyteThickness_um = (d.electrolyteThickness * 1e6).withoutConversionNoise
        capacity_mAh = (d.capacity / 3.6).withoutConversionNoise
        activeMass_mg = (d.activeMass * 1e6).withoutConversionNoise
        referenceOffset_V = d.referenceOffset
        stackPressure_MPa = (d.stackPressure / 1e6).withoutConversionNoise
        temperature_degC = (d.temperature - 273.15).withoutConversionNoise
        cyclingWindow_V = d.cyclingWindow.map { [$0.lowerBound, $0.upperBound] }
        let plates = d.kind == .symmetricLithium || d.hasLithiumMetal
        criticalCurrentDensity_mA_per_cm2 = plates ? (SimulatedCell(definition: d).criticalCurrentDensity / 10).withoutConversionNoise : nil
    }
}
