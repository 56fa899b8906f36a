import CellSimulator
import Testing

/// Stack mechanics: lithium thickness per charge, and the cathode's own
/// breathing seen against a zero-strain anode.
@Suite struct MechanicsTests {
    /// Charges `mAhPerCm2` at C/5 and returns the cell.
    static func charged(_ name: String, mAhPerCm2: Double) throws -> SimulatedCell {
        let definition = try #require(CellPresets.named(name))
        var cell = SimulatedCell(definition: definition, seed: 1)
        let current = definition.capacity / 5 / 3600
        let seconds = mAhPerCm2 * 3.6 * (definition.area / 1e-4) / current
        let steps = Int(seconds.rounded())
        for _ in 0..<steps { cell.step(current: current, dt: seconds / Double(steps)) }
        return cell
    }

    @Test func oneMilliampHourPerSquareCentimetreOfLithiumIs4_85Micrometres() throws {
        let cell = try Self.charged("nmc811-lps7-li", mAhPerCm2: 1.0)
        // Plated charge is what went through the electrolyte (leakage is tiny but counted).
        let plated = cell.state.ionicCharge / (cell.definition.area / 1e-4) / 3.6
        #expect(abs(cell.negativeElectrodeGrowth / plated - 4.85e-6) < 0.005e-6,
                "Li grew \(cell.negativeElectrodeGrowth * 1e6) µm for \(plated) mAh/cm²")
    }

    @Test func pressureRisesOnChargeForLCOAndFallsForNMC811() throws {
        for (name, rises) in [("lco-lpscl-lto", true), ("nmc811-lpscl-lto", false)] {
            let definition = try #require(CellPresets.named(name))
            let cell = try Self.charged(name, mAhPerCm2: 1.0)
            let change = cell.pressure - definition.stackPressure
            #expect(rises ? change > 0.1e6 : change < -0.1e6, "\(name): pressure changed by \(change / 1e6) MPa on charge")
        }
    }

    @Test func aLithiumAnodeBreathesAboutTenTimesMoreThanTheCathode() throws {
        let definition = try #require(CellPresets.named("nmc811-lps7-li"))
        let cell = try Self.charged("nmc811-lps7-li", mAhPerCm2: 1.0)
        #expect(abs(cell.negativeElectrodeGrowth) > 5 * abs(cell.positiveElectrodeGrowth))
        #expect(cell.pressure > definition.stackPressure)
    }

    @Test func interfaceResistanceIsHigherAtLowStackPressure() throws {
        var low = try #require(CellPresets.named("li-lpscl-li"))
        var high = low
        low.stackPressure = 1e6
        high.stackPressure = 20e6
        let rLow = SimulatedCell(definition: low).electrical.negativeResistance
        let rHigh = SimulatedCell(definition: high).electrical.negativeResistance
        #expect(rLow > 2 * rHigh, "ASR at 1 MPa \(rLow) Ω vs 20 MPa \(rHigh) Ω")
    }

    @Test func creepRelaxesStressTowardsTheAppliedPressure() throws {
        var cell = try Self.charged("nmc811-lps7-li", mAhPerCm2: 1.0)
        let peak = cell.pressure - cell.definition.stackPressure
        for _ in 0..<(48 * 60) { cell.step(current: 0, dt: 60) }
        let later = cell.pressure - cell.definition.stackPressure
        #expect(later < peak * 0.2, "excess pressure \(peak / 1e6) MPa relaxed only to \(later / 1e6) MPa")
    }
}
