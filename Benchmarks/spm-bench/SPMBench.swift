import CellSimulator
import Foundation

/// The simulator's side of `Benchmarks/spm-vs-pybamm.sh`: constant-current
/// discharges of NMC811 | Li₆PS₅Cl | Li-In from full charge at rest, and the
/// parameters PyBaMM's single-particle model needs to run the same cell.
///
/// The cathode interphase is left out (no formation loss) and the fresh
/// interface is settled by two C/10 cycles first, so the comparison sees the
/// particles, the OCV and a constant series resistance, which is what the SPM
/// (with a contact resistance) describes.
///
/// Usage: `spm-bench OUTDIR`; writes `parameters.json` and `discharges.csv`
/// (`rate_C,time_s,voltage_V,capacity_C`).
@main
struct SPMBench {
    static let rates = [0.1, 0.5, 1.0, 2.0]

    static func main() throws {
        guard CommandLine.arguments.count == 2 else {
            FileHandle.standardError.write(Data("usage: spm-bench OUTDIR\n".utf8))
            exit(2)
        }
        let out = URL(fileURLWithPath: CommandLine.arguments[1])
        guard var definition = CellPresets.named("nmc811-lpscl-liin"), let window = definition.cyclingWindow else {
            fatalError("the nmc811-lpscl-liin preset is a full cell")
        }
        definition.positive.formationLoss = 0
        let oneC = definition.capacity / 3600
        var cell = SimulatedCell(definition: definition, seed: 1)
        for _ in 0..<2 {
            charge(&cell, current: oneC / 10, to: window.upperBound, cutoff: oneC / 20)
            while cell.step(current: -oneC / 10, dt: 10) > window.lowerBound {}
        }
        charge(&cell, current: oneC / 10, to: window.upperBound, cutoff: oneC / 50)
        for _ in 0..<(6 * 360) { cell.step(current: 0, dt: 10) }

        let p = cell.electrical
        let resistance = p.bulkResistance + p.grainBoundaryResistance + p.negativeResistance + p.positiveResistance
        let curve = definition.positive.potential
        let grid = (0...1200).map { -0.1 + 1.2 * Double($0) / 1200 }
        let parameters: [String: Any] = [
            "capacity_C": definition.capacity,
            "initial_soc": cell.state.stateOfCharge,
            "particle_radius_m": definition.positive.particleRadius,
            "diffusivity_m2_s": definition.positive.solidDiffusivity,
            "temperature_K": definition.temperature,
            "area_m2": definition.area,
            "cathode_thickness_m": definition.cathodeThickness,
            "active_fraction": definition.activeVolumeFraction,
            "series_resistance_ohm": resistance,
            "reference_offset_V": definition.referenceOffset,
            "lower_cutoff_V": window.lowerBound,
            "ocv_soc": grid,
            "ocv_V": grid.map { curve($0) },
            "rates_C": rates,
        ]
        try JSONSerialization.data(withJSONObject: parameters, options: [.prettyPrinted, .sortedKeys])
            .write(to: out.appendingPathComponent("parameters.json"))

        var csv = "rate_C,time_s,voltage_V,capacity_C\n"
        for rate in rates {
            var run = cell
            let current = rate * oneC
            let dt = 1.0, every = rate < 0.5 ? 30 : 5
            var k = 0
            while true {
                let v = run.step(current: -current, dt: dt)
                k += 1
                let done = v <= window.lowerBound
                if done || k % every == 0 {
                    csv += "\(rate),\(Double(k) * dt),\(v),\(current * Double(k) * dt)\n"
                }
                if done { break }
            }
        }
        try Data(csv.utf8).write(to: out.appendingPathComponent("discharges.csv"))
    }

    /// CC to `limit`, then CV until the current falls below `cutoff`.
    static func charge(_ cell: inout SimulatedCell, current: Double, to limit: Double, cutoff: Double) {
        while cell.step(current: current, dt: 10) < limit {}
        while cell.step(voltage: limit, dt: 10) > cutoff {}
    }
}
