import CellSimulator
import Electrochemistry
import Instruments
import Testing

/// Eₐ from the bench's own EIS at several temperatures matches the material's.
@Suite struct ArrheniusAcceptanceTests {
    /// σ = L/(R·A) from the HF intercept of a PEIS sweep at each temperature;
    /// 1 MHz–10 Hz holds the apex of the first arc in the window at every temperature.
    static func conductivities(preset: String, temperatures: [Double]) async throws -> [ConductivityMeasurement] {
        let definition = try #require(CellPresets.named(preset))
        let bench = SimulatedBench(definition: definition, seed: 11, speed: .maximum)
        var points: [ConductivityMeasurement] = []
        for t in temperatures {
            await bench.equilibrate(temperature: t)
            let spectrum = try await bench.potentiostat.measureImpedance(
                ImpedanceRequest(from: 1e6, to: 10, perDecade: 6, excitation: .potentiostatic(amplitude: 0.005)))
            let r = try #require(HighFrequencyIntercept.estimate(spectrum.points.map { ($0.frequency, $0.impedance) }))
            points.append(ConductivityMeasurement(temperature: t, resistance: r, thickness: definition.electrolyteThickness,
                                                  area: definition.area))
        }
        return points
    }

    @Test(arguments: ["li-llzo-li", "li-lpscl-li"])
    func activationEnergyFromEISMatchesTheMaterial(preset: String) async throws {
        // From 15 °C up: below it LLZO's bulk arc nears the 1 MHz window top
        // and the intercept reads low, which bends the plot.
        let temperatures = stride(from: 288.15, through: 354.15, by: 11).map { $0 }
        let points = try await Self.conductivities(preset: preset, temperatures: temperatures)
        let fit = try ArrheniusFit.fit(points)
        let truth = try #require(CellPresets.named(preset)?.electrolyte.conductivity.activationEnergy)
        #expect(abs(fit.activationEnergy - truth) < 0.01, "Eₐ \(fit.activationEnergy) ± \(fit.activationEnergyStandardError) eV vs \(truth) eV")
        #expect(fit.rSquared > 0.999)
        // One material, no phase transition: no break.
        #expect(try ArrheniusBreakpoint.detect(in: points) == nil)
    }
}
