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

/// A warm start whose fit moves a parameter by three decades did not hold,
/// and the spectrum's own starts are tried too.
@Suite struct WarmStartPremiseTests {
    @Test func aParameterThatMovedThreeDecadesIsCaught() throws {
        let c = SyntheticSpectra.cases[3]
        let circuit = try Circuit(c.circuit)
        let fit = try CircuitFitter().fit(try SyntheticSpectra.spectrum(circuit, c.truth, noise: 0.01, seed: 8), circuit: circuit)
        #expect(!CircuitFitter.leftItsStart(fit, from: fit.parameters.map { $0 * 2 }))
        var collapsed = fit.parameters
        collapsed[0] *= 1e4  // the fit's L0 sits four decades below this start
        #expect(CircuitFitter.leftItsStart(fit, from: collapsed))
    }

    /// Warm-started from a fit whose inductance is four decades too large,
    /// the result is as good as the cold fit's.
    @Test func aWarmStartFarOffEndsAtTheColdMinimum() throws {
        let c = SyntheticSpectra.cases[3]
        let circuit = try Circuit(c.circuit)
        let data = try SyntheticSpectra.spectrum(circuit, c.truth, noise: 0.01, seed: 9)
        let cold = try CircuitFitter().fit(data, circuit: circuit)
        var start = c.truth
        start[0] *= 1e4
        let stale = try CircuitFitter(maxIterations: 1).fit(data, circuit: circuit, initialGuess: start)
        let warm = try CircuitFitter().fit(data, startingFrom: stale)
        #expect(warm.chiSquare <= cold.chiSquare * (1 + 1e-6), "warm χ² \(warm.chiSquare), cold \(cold.chiSquare)")
    }
}

/// An element the spectrum does not show falls to zero, and the fit says so.
@Suite struct VanishingParameterTests {
    @Test func anInductanceTheSpectrumLacksIsNamed() throws {
        let c = SyntheticSpectra.cases[0]
        let data = try SyntheticSpectra.spectrum(try Circuit(c.circuit), c.truth, noise: 0, seed: 1)
        let fit = try CircuitFitter().fit(data, circuit: try Circuit("L0-R0-p(R1,CPE1)"))
        #expect(fit.parametersOnBounds == ["L0"], "L0 = \(fit.parameters[0]) H")
        #expect(!fit.isTrustworthy)
    }

    @Test func aFixtureInductanceTheSpectrumShowsIsNot() throws {
        let c = SyntheticSpectra.cases[3]
        let circuit = try Circuit(c.circuit)
        let fit = try CircuitFitter().fit(try SyntheticSpectra.spectrum(circuit, c.truth, noise: 0.01, seed: 2), circuit: circuit)
        #expect(fit.parametersOnBounds.isEmpty)
    }
}
