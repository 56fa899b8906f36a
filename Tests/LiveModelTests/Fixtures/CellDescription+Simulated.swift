import CellSimulator
import CyclerConfiguration
import Foundation

extension CellDescription {
    /// The cell file a lab would write for a simulated preset: geometry,
    /// capacity, reference offset, chemistry tags, and the OCV table sampled
    /// from the simulator's own electrode curve (cell voltage, Li-In offset
    /// already subtracted).
    public init(simulating d: CellDefinition, ocvPoints: Int = 101) {
        let kind: Kind = switch d.kind {
        case .full: .full
        case .symmetricLithium: .symmetricLithium
        case .ionBlocking: .ionBlocking
        }
        var table: OpenCircuitTable?
        if d.kind == .full {
            let soc = (0..<ocvPoints).map { Double($0) / Double(ocvPoints - 1) }
            table = OpenCircuitTable(stateOfCharge: soc, voltage: soc.map { d.positive.potential($0) - d.referenceOffset })
        }
        let tags = [d.positive.id, d.electrolyte.id, d.negative.id].map { $0 == "liin" ? "li-in" : $0 }
        self.init(name: d.name, kind: kind, chemistry: tags, area: d.area, electrolyteThickness: d.electrolyteThickness,
                  capacity: d.capacity > 0 ? d.capacity : nil, activeMass: d.activeMass > 0 ? d.activeMass : nil,
                  referenceOffset: d.referenceOffset, voltageWindow: d.cyclingWindow, openCircuitVoltage: table)
    }

    /// The description as a cell file (`Config/cells/*.yaml`), in lab units.
    public var yaml: String {
        func number(_ x: Double) -> String { String(format: "%.6g", x) }
        var lines = [
            "name: \(name)",
            "type: \(kind.rawValue)",
            "chemistry: [\(chemistry.joined(separator: ", "))]",
        ]
        if let area { lines.append("area: \(number(area * 1e4)) cm2") }
        if let electrolyteThickness { lines.append("electrolyte_thickness: \(number(electrolyteThickness * 1e6)) um") }
        if let capacity { lines.append("capacity: \(number(capacity / 3.6)) mAh") }
        if let activeMass { lines.append("active_mass: \(number(activeMass * 1e6)) mg") }
        lines.append("reference_offset: \(number(referenceOffset)) V")
        if let voltageWindow { lines.append("voltage_window: [\(number(voltageWindow.lowerBound)) V, \(number(voltageWindow.upperBound)) V]") }
        if let table = openCircuitVoltage {
            lines.append("ocv:")
            lines.append("  soc: [\(table.stateOfCharge.map(number).joined(separator: ", "))]")
            lines.append("  voltage: [\(table.voltage.map { String(format: "%.5f", $0) }.joined(separator: ", "))]")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
