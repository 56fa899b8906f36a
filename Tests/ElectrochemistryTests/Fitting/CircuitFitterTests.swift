import Numerics
import Testing
@testable import Electrochemistry

/// Warm starts, explicit guesses, bounds, standard errors and the errors a
/// fit reports instead of crashing.
@Suite struct CircuitFitterTests {
    static let circuit = try! Circuit("R0-p(R1,CPE1)-p(R2,CPE2)")
    static let truth = SyntheticSpectra.cases[1].truth

    @Test func warmStartFollowsAGrowingInterface() throws {
        let first = try SyntheticSpectra.spectrum(Self.circuit, Self.truth, noise: 0.01, seed: 11)
        let previous = try CircuitFitter().fit(first, circuit: Self.circuit)
        var grown = Self.truth
        grown[4] *= 1.2 // R2 up 20 %, as an interphase grows between spectra
        grown[5] = SyntheticSpectra.cpeQ(tau: 1e-2 * 1.2, r: grown[4], n: 0.8)
        let second = try SyntheticSpectra.spectrum(Self.circuit, grown, noise: 0.01, seed: 12)
        let warm = try CircuitFitter().fit(second, startingFrom: previous)
        let cold = try CircuitFitter().fit(second, circuit: Self.circuit)
        #expect(relativeError(try #require(warm.value("R2")), grown[4]) < 0.03)
        #expect(relativeError(try #require(warm.value("R1")), grown[1]) < 0.03)
        #expect(abs(warm.chiSquare - cold.chiSquare) <= 1e-6 * cold.chiSquare)
        #expect(warm.iterations < 20)
    }

    @Test func warmStartRecoversFromAStaleMinimum() throws {
        let data = try SyntheticSpectra.spectrum(Self.circuit, Self.truth, noise: 0.01, seed: 13)
        // A previous fit from a very different cell (ohmic 100× larger, one arc 1000× slower).
        let other = try SyntheticSpectra.spectrum(Self.circuit, [2000, 50, SyntheticSpectra.cpeQ(tau: 1e-1, r: 50, n: 0.7), 0.7,
                                                                 20, SyntheticSpectra.cpeQ(tau: 1, r: 20, n: 0.95), 0.95],
                                                  noise: 0.01, seed: 14)
        let stale = try CircuitFitter().fit(other, circuit: Self.circuit)
        let fit = try CircuitFitter().fit(data, startingFrom: stale)
        #expect(relativeError(try #require(fit.value("R1")), Self.truth[1]) < 0.03)
        #expect(relativeError(try #require(fit.value("R2")), Self.truth[4]) < 0.03)
    }

    @Test func arcsComeBackFastestFirst() throws {
        let data = try SyntheticSpectra.spectrum(Self.circuit, Self.truth, noise: 0.01, seed: 15)
        // Start with the arcs swapped: the fit lands in the mirrored minimum and is renumbered.
        let swapped = [Self.truth[0]] + Array(Self.truth[4...6]) + Array(Self.truth[1...3])
        let fit = try CircuitFitter().fit(data, circuit: Self.circuit, initialGuess: swapped)
        #expect(relativeError(try #require(fit.value("R1")), Self.truth[1]) < 0.03)
        #expect(relativeError(try #require(fit.value("R2")), Self.truth[4]) < 0.03)
        let correlation = try #require(fit.correlation)
        let unswapped = try CircuitFitter().fit(data, circuit: Self.circuit, initialGuess: Self.truth)
        let reference = try #require(unswapped.correlation)
        #expect(abs(correlation[1, 2] - reference[1, 2]) < 1e-3)
        #expect(abs(try #require(fit.standardError("R2")) - (try #require(unswapped.standardError("R2")))) < 1e-3 * Self.truth[4])
    }

    @Test func standardErrorsMatchTheScatterOfRepeatedFits() throws {
        var values: [Double] = [], errors: [Double] = []
        for seed in UInt64(20)..<40 {
            let data = try SyntheticSpectra.spectrum(Self.circuit, Self.truth, noise: 0.01, seed: seed)
            let fit = try CircuitFitter().fit(data, circuit: Self.circuit, initialGuess: Self.truth)
            values.append(fit.parameters[4])
            errors.append(try #require(fit.standardErrors[4]))
            let correlation = try #require(fit.correlation)
            #expect(abs(correlation[4, 4] - 1) < 1e-9)
            #expect(abs(correlation[1, 4] - correlation[4, 1]) < 1e-9)
        }
        let mean = values.reduce(0, +) / Double(values.count)
        let scatter = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
        let reported = errors.reduce(0, +) / Double(errors.count)
        // 20 samples: the scatter itself is known to about ±30 %.
        #expect(reported > 0.5 * scatter && reported < 2 * scatter, "reported σ(R2) \(reported) vs scatter \(scatter)")
    }

    @Test(arguments: FitWeighting.allCases)
    func everyWeightingRecoversANoiseFreeSpectrum(weighting: FitWeighting) throws {
        let data = try SyntheticSpectra.spectrum(Self.circuit, Self.truth, noise: 0, seed: 1)
        let fit = try CircuitFitter(weighting: weighting).fit(data, circuit: Self.circuit)
        for (k, value) in Self.truth.enumerated() {
            #expect(relativeError(fit.parameters[k], value) < 1e-4, "\(weighting): \(fit.parameterNames[k])")
        }
        #expect(fit.residuals.allSatisfy { $0.length < 1e-4 })
    }

    @Test func boundsHoldTheFit() throws {
        let data = try SyntheticSpectra.spectrum(Self.circuit, Self.truth, noise: 0.01, seed: 3)
        let fitter = CircuitFitter(bounds: ["CPE2_1": ParameterBounds(0.5, 0.7)])
        let fit = try fitter.fit(data, circuit: Self.circuit)
        let n = try #require(fit.value("CPE2_1"))
        #expect(n >= 0.5 && n <= 0.7)
    }

    @Test func badRequestsGetTypedErrors() throws {
        let data = try SyntheticSpectra.spectrum(Self.circuit, Self.truth, noise: 0.01, seed: 3)
        #expect(throws: CircuitFitError.self) { try CircuitFitter(bounds: ["R9": .positive]).fit(data, circuit: Self.circuit) }
        #expect(throws: CircuitFitError.self) { try CircuitFitter().fit(data, circuit: Self.circuit, initialGuess: [1, 2]) }
        #expect(throws: CircuitFitError.self) {
            try CircuitFitter().fit(data, circuit: Self.circuit, initialGuess: [10, 100, 1e-6, 1.4, 100, 1e-5, 0.8])
        }
        // Three points give six residuals: too few for seven parameters.
        let few = try ImpedanceData(frequencies: Array(SyntheticSpectra.frequencies.prefix(3)),
                                    impedances: Array(data.impedances.prefix(3)))
        do {
            _ = try CircuitFitter().fit(few, circuit: Self.circuit)
            Issue.record("a fit with fewer residuals than parameters succeeded")
        } catch {
            #expect(error.code == .tooFewPoints)
            #expect(error.message.contains("7 parameters"))
        }
    }
}
