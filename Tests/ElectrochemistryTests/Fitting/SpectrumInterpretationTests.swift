import Numerics
import Testing
@testable import Electrochemistry

/// Arcs are assigned by effective capacitance, and geometry gives σ and ASR.
@Suite struct SpectrumInterpretationTests {
    @Test func aGarnetPelletsArcsAreAssigned() throws {
        // Li|LLZO|Li, 1 mm thick, 0.785 cm²: bulk ~4e-11 F, grain boundary ~1e-8 F,
        // Li interface ~4e-6 F (a cell constant of 0.127 cm⁻¹).
        let circuit = try Circuit("p(R0,C0)-p(R1,CPE1)-p(R2,CPE2)")
        let gbQ = Double.pow(382 * 1e-8, 0.88) / 382, interfaceQ = Double.pow(209 * 4e-6, 0.9) / 209
        let parameters = [255, 4.2e-11, 382, gbQ, 0.88, 209, interfaceQ, 0.9]
        let data = try SyntheticSpectra.spectrum(circuit, parameters, noise: 0, seed: 1)
        let fit = try CircuitFitter().fit(data, circuit: circuit, initialGuess: parameters)
        let geometry = SampleGeometry(area: 0.785e-4, thickness: 1e-3)
        let interpretation = SpectrumInterpretation(fit, geometry: geometry)
        #expect(interpretation.arcs.map(\.origin) == [.bulk, .grainBoundary, .electrodeInterface])
        #expect(relativeError(interpretation.arcs[1].effectiveCapacitance, 1e-8) < 1e-3)
        #expect(relativeError(try #require(interpretation.arcs[0].conductivity), 1e-3 / (255 * 0.785e-4)) < 1e-3)
        #expect(interpretation.arcs[2].conductivity == nil)
        #expect(relativeError(try #require(interpretation.arcs[2].areaSpecificResistance), 209 * 0.785e-4) < 1e-3)
        #expect(interpretation.normalized)
    }

    @Test func seriesResistanceGivesTotalConductivity() throws {
        let circuit = try Circuit("R0-p(R1,CPE1)")
        let fit = try CircuitFitter().fit(try SyntheticSpectra.spectrum(circuit, SyntheticSpectra.cases[0].truth, noise: 0, seed: 1),
                                          circuit: circuit)
        let interpretation = SpectrumInterpretation(fit, geometry: SampleGeometry(area: 1e-4, thickness: 5e-4))
        #expect(relativeError(try #require(interpretation.seriesConductivity), 5e-4 / (50 * 1e-4)) < 1e-3)
        #expect(SpectrumInterpretation(fit).seriesConductivity == nil)
    }

    @Test func capacitanceRangesFollowIrvineSinclairWest() {
        #expect(ArcOrigin(normalizedCapacitance: 2e-12) == .bulk)
        #expect(ArcOrigin(normalizedCapacitance: 1e-10) == .grainBoundary)
        #expect(ArcOrigin(normalizedCapacitance: 2e-8) == .surfaceLayer)
        #expect(ArcOrigin(normalizedCapacitance: 1e-6) == .electrodeInterface)
        #expect(ArcOrigin(normalizedCapacitance: 1e-4) == .reaction)
    }
}
