import CellSimulator
import Testing

/// A Li|SE|Li cell shorts above its critical current density and not below.
@Suite struct ShortCircuitTests {
    /// Plates and strips at `fraction`×CCD for `halfCycles` half-hours;
    /// returns the cell and the smallest |V|/|I| seen in the last minutes of a half-cycle.
    static func cycle(atFractionOfCCD fraction: Double, halfCycles: Int) throws -> SimulatedCell {
        let definition = try #require(CellPresets.named("li-lpscl-li"))
        var cell = SimulatedCell(definition: definition, seed: 7)
        let current = fraction * cell.criticalCurrentDensity * definition.area
        for k in 0..<halfCycles {
            let sign: Double = k.isMultiple(of: 2) ? 1 : -1
            for _ in 0..<1800 { cell.step(current: sign * current, dt: 1) }
        }
        return cell
    }

    @Test func belowTheCCDTheCellNeverShorts() throws {
        let cell = try Self.cycle(atFractionOfCCD: 0.9, halfCycles: 20)
        #expect(cell.state.dendritePenetration == 0)
        #expect(cell.electrical.shortResistance == .infinity)
        // Polarisation stays that of the healthy cell.
        let healthy = cell.electrical.bulkResistance + cell.electrical.grainBoundaryResistance
        #expect(abs(cell.voltage / cell.current) > healthy)
    }

    @Test func aboveTheCCDTheVoltageCollapses() throws {
        let cell = try Self.cycle(atFractionOfCCD: 1.1, halfCycles: 2)
        #expect(cell.state.dendritePenetration == 1)
        #expect(cell.electrical.shortResistance < 10)
        #expect(abs(cell.voltage / cell.current) < 1.1, "|V/I| = \(abs(cell.voltage / cell.current)) Ω after the short")
    }

    @Test func higherPressureAndTemperatureRaiseTheCCD() throws {
        var d = try #require(CellPresets.named("li-lpscl-li"))
        let base = SimulatedCell(definition: d).criticalCurrentDensity
        d.stackPressure *= 4
        #expect(SimulatedCell(definition: d).criticalCurrentDensity > base)
        d.stackPressure /= 4
        d.temperature += 40
        #expect(SimulatedCell(definition: d).criticalCurrentDensity > base)
    }
}
