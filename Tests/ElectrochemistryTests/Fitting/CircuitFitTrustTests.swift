import Testing
@testable import Electrochemistry

/// A fit says when its standard errors cannot be believed: it did not
/// converge, or a parameter ended on a bound.
@Suite struct CircuitFitTrustTests {
    static let circuit = try! Circuit("R0-p(R1,CPE1)")

    @Test func aWellPosedFitIsTrustworthy() throws {
        let c = SyntheticSpectra.cases[0]
        let fit = try CircuitFitter().fit(try SyntheticSpectra.spectrum(Self.circuit, c.truth, noise: 0.01, seed: 3), circuit: Self.circuit)
        #expect(fit.converged)
        #expect(fit.parametersOnBounds.isEmpty)
        #expect(fit.isTrustworthy)
    }

    /// An arc more ideal than a capacitor (n = 1.15, which no CPE in (0, 1]
    /// reaches): the best the fit can do is the exponent's bound.
    @Test func anExponentPinnedAtOneIsNamed() throws {
        let truth = [50.0, 500, SyntheticSpectra.cpeQ(tau: 1e-4, r: 500, n: 1.15), 1.15]
        let fit = try CircuitFitter().fit(try SyntheticSpectra.spectrum(Self.circuit, truth, noise: 0, seed: 1), circuit: Self.circuit)
        #expect(fit.parametersOnBounds == ["CPE1_1"])
        #expect(!fit.isTrustworthy)
    }

    @Test func aFitCutShortIsNotTrustworthy() throws {
        let c = SyntheticSpectra.cases[1]
        let circuit = try Circuit(c.circuit)
        let data = try SyntheticSpectra.spectrum(circuit, c.truth, noise: 0.01, seed: 4)
        let fit = try CircuitFitter(maxIterations: 2).fit(data, circuit: circuit)
        #expect(!fit.converged)
        #expect(!fit.isTrustworthy)
    }
}
