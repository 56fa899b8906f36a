import CellSimulator
import Electrochemistry
import Instruments
import Testing

/// σₑ from a DC hold on SS|SE|SS matches the simulator's electronic leakage.
@Suite struct ElectronicConductivityAcceptanceTests {
    @Test(arguments: ["ss-lpscl-ss", "ss-lps-ss"])
    func steadyCurrentGivesTheLeakage(preset: String) async throws {
        let definition = try #require(CellPresets.named(preset))
        let bench = SimulatedBench(definition: definition, seed: 9, speed: .maximum)
        let pot = bench.potentiostat
        try await pot.apply(.voltage(0.5, currentLimit: 0.05))
        // The double layers charge in ≈0.3 ms; sample that part finely, as an
        // instrument would, then once a second. (With 1 s steps from the start
        // the simulator's trapezoidal stepper rings: the current alternates
        // sign and decays over ~10 min, which the detector rightly calls unsteady.)
        try await pot.setSampleInterval(1e-5)
        var trace = try await record(pot, count: 1000)
        try await pot.setSampleInterval(1)
        trace += try await record(pot, count: 1800)
        try await pot.enterSafeState()
        let p = await bench.truth.electrical
        let truth = definition.electrolyteThickness / (p.leakageResistance * definition.area)
        let result = try ElectronicConductivity.analyse(trace, appliedVoltage: 0.5, area: definition.area,
                                                        thickness: definition.electrolyteThickness)
        #expect(result.steadyState.isReached)
        #expect(abs(result.conductivity / truth - 1) < 0.1, "σₑ \(result.conductivity) vs \(truth) S/m")
    }
}
