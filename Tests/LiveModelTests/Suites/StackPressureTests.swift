import CellSimulator
import CyclerConfiguration
import LiveModel
import LiveModelFixtures
import Testing

/// Expected stack pressure against what the simulated rig measures.
@Suite struct StackPressureTests {
    /// Cycles once to fit, then checks the second cycle sample by sample.
    @Test(arguments: ["nmc811-lps7-li", "lco-lpscl-lto", "nmc811-lpscl-liin"])
    func expectedPressureIsWithinTenPercentOfTheSwingAfterOneCycle(preset: String) throws {
        let d = try #require(CellPresets.named(preset))
        var c = try Scenarios.configuration(for: d, initialStateOfCharge: 0)
        // Start the fit from a wrong stiffness and creep: the rig must teach them.
        c.pressure.priorStiffness = d.stackStiffness * 2.5
        var run = SimulatedRun(definition: d, configuration: c, interval: 60)
        Scenarios.constantCurrentCycle(&run, cRate: 0.2, restSeconds: 1800)
        run.clearRecording()
        Scenarios.constantCurrentCycle(&run, cRate: 0.2, restSeconds: 1800)
        let measured = run.measuredPressure, expected = run.expectedPressure
        let swing = try #require(measured.max()) - (try #require(measured.min()))
        #expect(swing > 0.2e6, "\(preset) swings only \(swing / 1e6) MPa")
        let worst = zip(measured, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst < 0.1 * swing, "\(preset): worst residual \(worst / 1e6) MPa over a \(swing / 1e6) MPa swing")
        #expect(run.alarms.isEmpty, "\(run.alarms)")
    }

    @Test func aPressureChangeTheModelWasToldOfIsNoAnomaly() throws {
        let d = try #require(CellPresets.named("li-lpscl-li"))
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d), interval: 60)
        run.rest(seconds: 600)
        run.cell.setAppliedPressure(10e6)
        run.model.noteAppliedPressure(10e6)
        run.rest(seconds: 600)
        #expect(run.alarms.isEmpty, "\(run.alarms)")
        #expect(abs(try #require(run.model.pressure.expected) - 10e6) < 0.1e6)
    }

    @Test func theChemistryGivesThePressureItsSign() throws {
        // DOMAIN §2: against LTO, LCO expands on charge and NMC shrinks.
        for (preset, rises) in [("lco-lpscl-lto", true), ("nmc811-lpscl-lto", false), ("nmc811-lps7-li", true)] {
            let d = try #require(CellPresets.named(preset))
            let growth = try #require(ElectrodeStrain.growthPerCharge(chemistry: CellDescription(simulating: d).chemistry,
                                                                      area: d.area, capacity: d.capacity, activeMass: d.activeMass))
            #expect((growth > 0) == rises, "\(preset): \(growth) m/C")
        }
    }
}
