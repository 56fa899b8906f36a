import CellSimulator
import Testing

/// The first charge of an uncoated NMC811 on argyrodite oxidises the
/// electrolyte into a cathode interphase: irreversible capacity, then a
/// lower interface resistance over the first cycles.
@Suite struct FormationTests {
    /// Charge and discharge capacities (C) and the cathode arc's resistance
    /// after each of `cycles` C/10 cycles (CCCV charge, CC discharge), and
    /// the arc's resistance before the first.
    static func form(cycles: Int, cathode: Electrode = .nmc811) throws
        -> (charges: [Double], discharges: [Double], fresh: Double, resistance: [Double]) {
        var definition = try #require(CellPresets.named("nmc811-lpscl-liin"))
        definition.positive = cathode
        let window = try #require(definition.cyclingWindow)
        let oneC = definition.capacity / 3600
        var cell = SimulatedCell(definition: definition, seed: 1)
        let fresh = cell.electrical.positiveResistance
        var charges: [Double] = [], discharges: [Double] = [], resistance: [Double] = []
        for _ in 0..<cycles {
            charges.append(cell.chargeCCCV(current: oneC / 10, voltage: window.upperBound, cutoff: oneC / 20))
            discharges.append(cell.discharge(current: oneC / 10, to: window.lowerBound))
            cell.rest(600)
            resistance.append(cell.electrical.positiveResistance)
        }
        return (charges, discharges, fresh, resistance)
    }

    @Test func firstCycleEfficiencyIsInTheUncoatedRange() throws {
        let run = try Self.form(cycles: 3)
        let first = run.discharges[0] / run.charges[0]
        #expect(first > 0.75 && first < 0.88, "first-cycle CE \(first)")
        // The interphase is complete: later cycles are nearly reversible.
        for cycle in 1..<3 {
            let ce = run.discharges[cycle] / run.charges[cycle]
            #expect(ce > 0.97 && ce <= 1.0, "cycle \(cycle + 1) CE \(ce)")
        }
    }

    /// A LiNbO₃ coating keeps the electrolyte off the oxide: a smaller loss.
    @Test func aCoatedCathodeLosesLess() throws {
        let uncoated = try Self.form(cycles: 1)
        let coated = try Self.form(cycles: 1, cathode: .nmc811Coated)
        let ce = (uncoated: uncoated.discharges[0] / uncoated.charges[0], coated: coated.discharges[0] / coated.charges[0])
        #expect(ce.coated > 0.88 && ce.coated > ce.uncoated, "first-cycle CE \(ce)")
    }

    @Test func cathodeInterfaceResistanceFallsOverTheFirstCycles() throws {
        let run = try Self.form(cycles: 3)
        #expect(run.resistance[0] < run.fresh && run.resistance[2] < run.resistance[0],
                "cathode arc \(run.fresh) Ω fresh, then \(run.resistance) Ω")
    }
}
