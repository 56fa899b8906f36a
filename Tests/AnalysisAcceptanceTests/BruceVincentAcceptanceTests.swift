import CellSimulator
import Electrochemistry
import Instruments
import Testing

/// t₊ from a 10 mV hold on a symmetric Li cell matches the electrolyte's.
///
/// R₀ and R_s here are the simulator's own interfacial resistance
/// (`ElectricalParameters.negativeResistance`, both Li interfaces) read just
/// before the step and at the end of the hold: truth, standing in for the EIS
/// fits a lab would use.
@Suite struct BruceVincentAcceptanceTests {
    static func hold(preset: String, seconds: Int, reading: InitialCurrentReading) async throws -> (BruceVincentResult, truth: Double) {
        let definition = try #require(CellPresets.named(preset))
        let bench = SimulatedBench(definition: definition, seed: 5, speed: .maximum)
        let pot = bench.potentiostat
        let r0 = await bench.truth.electrical.negativeResistance
        try await pot.apply(.voltage(0.01, currentLimit: 0.01))
        // Fast sampling first, as a potentiostat does after a step (it also
        // keeps the simulator's stepper from ringing on the double layers),
        // then 1 s samples.
        var trace: [TraceSample] = []
        for interval in [1e-5, 1e-4, 1e-3, 1e-2] {
            try await pot.setSampleInterval(interval)
            trace += try await record(pot, count: 10)
        }
        try await pot.setSampleInterval(1)
        trace += try await record(pot, count: seconds)
        let rs = await bench.truth.electrical.negativeResistance
        try await pot.enterSafeState()
        let result = try BruceVincent.analyse(trace, appliedVoltage: 0.01, initialInterfacialResistance: r0,
                                              steadyInterfacialResistance: rs, initialCurrentReading: reading)
        return (result, definition.electrolyte.transferenceNumber)
    }

    /// Li₆PS₅Cl: t₊ = 1, interfaces ≈3× the bulk; the textbook first-sample I₀ suffices.
    @Test func singleIonConductorGivesOne() async throws {
        let (result, truth) = try await Self.hold(preset: "li-lpscl-li", seconds: 1800, reading: .firstSample(delay: 0.1))
        #expect(abs(result.transferenceNumber - truth) < 0.02, "t₊ \(result.transferenceNumber) vs \(truth)")
        #expect(result.steadyState.isReached)
    }

    /// PEO-LiTFSI at 60 °C: t₊ = 0.22 with interfaces ≈18× the bulk, so a 1 %
    /// error in I₀ moves t₊ by 0.04 and no single sample is clean; the √t
    /// extrapolation of the first seconds recovers it.
    @Test func polymerGivesItsTransferenceNumber() async throws {
        let (result, truth) = try await Self.hold(preset: "li-peo-li", seconds: 3000,
                                                  reading: .squareRootExtrapolation(window: 1...10))
        #expect(abs(result.transferenceNumber - truth) < 0.02, "t₊ \(result.transferenceNumber) vs \(truth)")
        #expect(result.steadyState.isReached)
    }
}
