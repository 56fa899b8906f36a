import Electrochemistry
import Numerics
import Testing

@Suite struct VTFFitTests {
    /// PEO-like: A = 3200 S·K^½/m, B = 1300 K, T₀ = 200 K (the simulator's preset).
    static func peo(_ t: Double) -> Double { 3200 / t.squareRoot() * Double.exp(-1300 / (t - 200)) }
    let temperatures = stride(from: 263.15, through: 373.15, by: 10).map { $0 }

    @Test func noiseFreeDataGiveTheParameters() throws {
        let fit = try VTFFit.fit(temperatures.map { ConductivityMeasurement(temperature: $0, conductivity: Self.peo($0)) })
        #expect(abs(fit.idealGlassTemperature - 200) < 0.01, "T₀ \(fit.idealGlassTemperature)")
        #expect(abs(fit.pseudoActivation / 1300 - 1) < 1e-4)
        #expect(abs(fit.prefactor / 3200 - 1) < 1e-3)
        #expect(abs(fit.conductivity(at: 333.15) / Self.peo(333.15) - 1) < 1e-6)
        #expect(abs(fit.pseudoActivationEnergy - 1300 * boltzmann) < 1e-6)
    }

    @Test func noisyDataStayWithinTheirErrors() throws {
        var rng = SplitMix64(seed: 9)
        let data = temperatures.map { t in
            ConductivityMeasurement(temperature: t, conductivity: Self.peo(t) * Double.exp(0.01 * gaussian(&rng)))
        }
        let fit = try VTFFit.fit(data)
        #expect(abs(fit.idealGlassTemperature - 200) < 3 * fit.idealGlassTemperatureStandardError + 1e-9)
        #expect(abs(fit.pseudoActivation - 1300) < 3 * fit.pseudoActivationStandardError + 1e-9)
        #expect(fit.idealGlassTemperatureStandardError > 0)
    }

    @Test func refusesTooFewTemperaturesAndFallingConductivity() {
        #expect(throws: AnalysisError.self) {
            try VTFFit.fit([300, 310, 320].map { ConductivityMeasurement(temperature: $0, conductivity: Self.peo($0)) })
        }
        #expect(throws: AnalysisError.self) {
            try VTFFit.fit(temperatures.map { ConductivityMeasurement(temperature: $0, conductivity: 1 / $0) })
        }
    }
}
