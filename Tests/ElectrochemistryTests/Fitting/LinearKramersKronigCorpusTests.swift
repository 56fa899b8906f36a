import Testing
@testable import Electrochemistry

/// The verdict on the two corpora the issue sets: noise of any size passes,
/// drift of a few tenths of a per cent in the residuals fails.
@Suite struct LinearKramersKronigCorpusTests {
    static let size = 120

    @Test func validSpectraWithOnePercentNoisePass() throws {
        let results = try KramersKronigCorpus.valid(count: Self.size, seed: 14).map { LinearKramersKronig().validate($0) }
        let passed = results.filter(\.passed).count
        #expect(Double(passed) >= 0.95 * Double(Self.size), "\(passed)/\(Self.size) passed")
        // The noise reported is the noise put in.
        let noise = results.map(\.noiseLevel).sorted()[Self.size / 2]
        #expect(noise > 0.007 && noise < 0.013, "median noise estimate \(noise)")
    }

    @Test func driftingSpectraFail() throws {
        let results = try KramersKronigCorpus.drifting(count: Self.size, seed: 15).map { LinearKramersKronig().validate($0) }
        let failed = results.filter { !$0.passed }.count
        #expect(2 * failed > Self.size, "\(failed)/\(Self.size) failed")
        #expect(results.filter { !$0.passed }.allSatisfy { $0.reason.contains("drifted") })
    }

    /// The verdict does not depend on the noise's size: a valid spectrum with
    /// 5 % noise passes, and reports that noise.
    @Test func largeWhiteNoiseIsNoise() throws {
        let c = SyntheticSpectra.cases[1]
        for seed in UInt64(1)...5 {
            let data = try SyntheticSpectra.spectrum(try Circuit(c.circuit), c.truth, noise: 0.05, seed: seed)
            let result = LinearKramersKronig().validate(data)
            #expect(result.passed, "\(result.reason)")
            #expect(abs(result.noiseLevel / 0.05 - 1) < 0.3, "noise \(result.noiseLevel)")
        }
    }
}
