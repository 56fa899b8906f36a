import CellSimulator
import Testing

/// LFP | PEO-LiTFSI | Li at 60 °C cycles like a polymer cell: hundreds of
/// C/10 cycles with little fade, one flat plateau, and a soft stack whose
/// pressure stays near what the rig applies.
@Suite struct PolymerCyclingTests {
    @Test func cyclesTwoHundredTimesAtCOverTen() throws {
        let definition = try #require(CellPresets.named("lfp-peo-li"))
        let window = try #require(definition.cyclingWindow)
        let current = definition.capacity / 36_000
        var cell = SimulatedCell(definition: definition, seed: 1)
        var discharges: [Double] = []
        var pressures: ClosedRange<Double> = cell.pressure...cell.pressure
        var plateau: [Double] = []
        for cycle in 0..<200 {
            while cell.step(current: current, dt: 60) < window.upperBound {
                pressures = min(pressures.lowerBound, cell.pressure)...max(pressures.upperBound, cell.pressure)
            }
            var delivered = 0.0
            while cell.step(current: -current, dt: 60) > window.lowerBound {
                delivered += current * 60
                pressures = min(pressures.lowerBound, cell.pressure)...max(pressures.upperBound, cell.pressure)
                if cycle == 1 { plateau.append(cell.voltage) }
            }
            discharges.append(delivered)
        }
        let retention = discharges[199] / discharges[0]
        #expect(retention > 0.9, "retention over 200 cycles \(retention)")
        #expect(discharges[0] > 0.9 * definition.capacity, "first discharge \(discharges[0] / definition.capacity) of nominal")
        // One LFP plateau: from 5 % to 90 % of the discharge the voltage stays within 0.15 V of 3.45 V.
        let body = plateau[(plateau.count / 20)..<(plateau.count * 9 / 10)]
        #expect(body.allSatisfy { abs($0 - 3.45) < 0.15 }, "plateau \(body.min()!)…\(body.max()!) V")
        // A soft polymer takes up the electrodes' breathing: within 10 % of the applied 0.5 MPa.
        #expect(pressures.lowerBound > 0.45e6 && pressures.upperBound < 0.55e6, "stack \(pressures) Pa")
    }
}
