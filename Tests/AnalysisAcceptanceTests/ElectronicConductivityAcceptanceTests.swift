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
        // The double layers take their first charge in ≈0.3 ms; sample that
        // part finely, as an instrument would, then every 10 s for 3 h: being
        // CPEs, they keep drawing a current that decays as t^(−0.85) for
        // minutes to hours, so half an hour is not yet steady.
        try await pot.setSampleInterval(1e-5)
        var trace = try await record(pot, count: 1000)
        try await pot.setSampleInterval(10)
        trace += try await record(pot, count: 1080)
        try await pot.enterSafeState()
        let p = await bench.truth.electrical
        let truth = definition.electrolyteThickness / (p.leakageResistance * definition.area)
        let result = try ElectronicConductivity.analyse(trace, appliedVoltage: 0.5, area: definition.area,
                                                        thickness: definition.electrolyteThickness)
        #expect(result.steadyState.isReached)
        #expect(abs(result.conductivity / truth - 1) < 0.1, "σₑ \(result.conductivity) vs \(truth) S/m")
    }
}
