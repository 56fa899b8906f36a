import Numerics
import Testing
@testable import Electrochemistry

/// lin-KK passes spectra of linear, time-invariant circuits and fails a
/// spectrum whose cell drifted during the sweep.
@Suite struct LinearKramersKronigTests {
    @Test(arguments: SyntheticSpectra.cases)
    func validSpectraPass(_ c: SyntheticSpectra.Case) throws {
        let data = try SyntheticSpectra.spectrum(try Circuit(c.circuit), c.truth, noise: 0.001, seed: 5)
        let result = LinearKramersKronig().validate(data)
        #expect(result.passed, "\(c.circuit): \(result.reason)")
        #expect(result.mu <= 0.85 || result.elementCount == LinearKramersKronig().maxElements)
    }

    @Test func aDriftingInterfaceFails() throws {
        // The interface arc grows 30 % over the sweep, as a fresh Li|SE
        // interphase does. A sweep spends a few periods per point, so most of
        // its time (and drift) falls on the lowest frequencies; each point sees
        // the cell of its moment.
        let circuit = try Circuit("R0-p(R1,CPE1)-p(R2,CPE2)")
        let truth = SyntheticSpectra.cases[1].truth
        let frequencies = SyntheticSpectra.frequencies
        var elapsed: [Double] = [], clock = 0.0
        for f in frequencies { clock += 6 / f; elapsed.append(clock) }
        let z = frequencies.enumerated().map { k, f in
            var p = truth
            p[4] *= 1 + 0.3 * elapsed[k] / clock
            return circuit.impedance(frequency: f, parameters: p)
        }
        let result = LinearKramersKronig().validate(try ImpedanceData(frequencies: frequencies, impedances: z))
        #expect(!result.passed)
        #expect(result.reason.contains("drifted"))
        #expect(result.worst.frequency < 100, "the drift shows at low frequency, found at \(result.worst.frequency) Hz")
    }

    /// A series resistance that grows 30 % during a sweep with 0.2 % noise
    /// moves only the real part, which the complete fit absorbs; the real
    /// part its imaginary part predicts does not, and fails it.
    @Test(arguments: UInt64(1)...5)
    func aDriftingSeriesResistanceFailsThroughTheRealPart(seed: UInt64) throws {
        let circuit = try Circuit("R0-p(R1,CPE1)")
        let frequencies = KramersKronigCorpus.frequencies, elapsed = KramersKronigCorpus.elapsed
        var random = SplitMix64(seed: seed)
        let z = frequencies.indices.map { k in
            let clean = circuit.impedance(frequency: frequencies[k],
                                          parameters: [100 * (1 + 0.3 * elapsed[k] / elapsed[elapsed.count - 1]), 200,
                                                       SyntheticSpectra.cpeQ(tau: 1e-3, r: 200, n: 0.85), 0.85])
            return clean + Complex(0.002 * clean.length * SyntheticSpectra.gaussian(&random),
                                   0.002 * clean.length * SyntheticSpectra.gaussian(&random))
        }
        let result = LinearKramersKronig().validate(try ImpedanceData(frequencies: frequencies, impedances: z))
        #expect(result.realPart.significance > result.significanceLimit, "\(result.reason)")
        #expect(!result.passed)
        #expect(result.realPart.significance > result.structure.significance, "\(result.reason)")
    }

    @Test func aLeakyBlockingCellPassesExactly() throws {
        // Stainless steel | sulfide | stainless steel: fixture inductance,
        // electronic leakage across series R and the double-layer C. The
        // leakage makes one relaxation at τ = (R_e + R₀)·C ≈ 90 s, whose real
        // part is what the lowest frequencies carry: the ladder's slow
        // elements must survive the rank test beside the inductance column.
        let circuit = try Circuit("L0-p(R9,R0-C1)")
        let data = try SyntheticSpectra.spectrum(circuit, [3e-8, 2.26e7, 86.2, 3.9e-6], noise: 0, seed: 1)
        let result = LinearKramersKronig().validate(data)
        #expect(result.worst.residual < 1e-4, "\(result.reason)")
    }

    /// The ladder's own ripple is measured on each spectrum: a sharp ideal
    /// RC arc between two nodes leaves more of it than a depressed CPE arc,
    /// and drift below a fixed worst-case floor is no longer waved through.
    @Test func theFloorIsTheLaddersRippleOnThisSpectrum() throws {
        let frequencies = SyntheticSpectra.frequencies
        func exact(_ text: String, _ parameters: [Double]) throws -> KramersKronigResult {
            let circuit = try Circuit(text)
            let z = frequencies.map { circuit.impedance(frequency: $0, parameters: parameters) }
            return LinearKramersKronig().validate(try ImpedanceData(frequencies: frequencies, impedances: z))
        }
        let sharp = try exact("R0-p(R1,C1)", [20, 300, 3e-3 / 300])
        let depressed = try exact("R0-p(R1,CPE1)", [20, 300, SyntheticSpectra.cpeQ(tau: 3e-3, r: 300, n: 0.85), 0.85])
        #expect(sharp.passed && depressed.passed, "\(sharp.reason); \(depressed.reason)")
        #expect(depressed.structureFloor < sharp.structureFloor)
        #expect(depressed.structureFloor < 0.003, "floor \(depressed.structureFloor)")
    }

    @Test func residualsAreRelativeToModulus() throws {
        let circuit = try Circuit("R0-p(R1,CPE1)")
        let truth = SyntheticSpectra.cases[0].truth
        let data = try SyntheticSpectra.spectrum(circuit, truth, noise: 0, seed: 1)
        let result = LinearKramersKronig().validate(data)
        #expect(result.residuals.count == data.count)
        #expect(result.rms < 1e-3)
        #expect(result.reason.contains("M="))
    }
}
