import Electrochemistry
import Numerics
import Testing

@Suite struct ElectronicConductivityTests {
    /// σₑ = 4.5e-7 S/m (4.5e-9 S/cm), 800 µm, 0.785 cm², 0.5 V hold: 22 nA of
    /// electrons under an ionic charging current that decays with τ = 60 s.
    @Test func steadyCurrentGivesTheConductivity() throws {
        let (sigma, thickness, area, dv) = (4.5e-7, 800e-6, 0.785e-4, 0.5)
        let electronic = dv * sigma * area / thickness
        var rng = SplitMix64(seed: 1)
        let data = trace(dt: 1, count: 3600) { t in electronic + 1e-4 * Double.exp(-t / 60) + 1e-9 * gaussian(&rng) }
        let result = try ElectronicConductivity.analyse(data, appliedVoltage: dv, area: area, thickness: thickness)
        #expect(result.steadyState.isReached)
        #expect(abs(result.conductivity / sigma - 1) < 0.03, "σₑ \(result.conductivity) S/m")
        // Reading the current too early would overstate σₑ by orders of magnitude.
        #expect(try #require(result.steadyState.reachedAt) > 600)
    }

    @Test func anUnsteadyHoldIsReportedAsSuch() throws {
        let data = trace(dt: 1, count: 1200) { t in 1e-8 + 1e-6 * Double.exp(-t / 1000) }
        let result = try ElectronicConductivity.analyse(data, appliedVoltage: 0.1, area: 1e-4, thickness: 1e-3)
        #expect(!result.steadyState.isReached)
        #expect(result.conductivity > 1e-8 * 1e-3 / (0.1 * 1e-4))
    }

    @Test func geometryMustBePositive() {
        let data = trace(dt: 1, count: 1200) { _ in 1e-8 }
        for (area, thickness, field) in [(0.0, 1e-3, "area"), (1e-4, -1.0, "thickness"), (Double.nan, 1e-3, "area")] {
            do {
                _ = try ElectronicConductivity.analyse(data, appliedVoltage: 0.1, area: area, thickness: thickness)
                Issue.record("\(field) \(area) \(thickness) accepted")
            } catch {
                #expect(error.field == field)
            }
        }
        #expect(throws: AnalysisError.self) {
            try ElectronicConductivity.analyse(trace(dt: 1, count: 1200) { _ in 0 }, appliedVoltage: 0.1, area: 1e-4, thickness: 1e-3)
        }
    }
}
