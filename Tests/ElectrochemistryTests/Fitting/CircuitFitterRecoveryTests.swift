import Numerics
import Testing
@testable import Electrochemistry

/// The fitter recovers known parameters from noisy spectra with no initial guess.
@Suite struct CircuitFitterRecoveryTests {
    @Test(arguments: SyntheticSpectra.cases)
    func recoversEveryResistanceAndExponentWithoutAGuess(_ c: SyntheticSpectra.Case) throws {
        let circuit = try Circuit(c.circuit)
        for seed in UInt64(1)...3 {
            let data = try SyntheticSpectra.spectrum(circuit, c.truth, noise: 0.01, seed: seed)
            let fit = try CircuitFitter().fit(data, circuit: circuit)
            for (k, info) in circuit.parameterInfo.enumerated() {
                let name = circuit.parameterNames[k]
                switch info.role {
                case .resistance:
                    #expect(relativeError(fit.parameters[k], c.truth[k]) < 0.03,
                            "\(c.circuit) seed \(seed): \(name) = \(fit.parameters[k]), truth \(c.truth[k])")
                case .exponent:
                    #expect(abs(fit.parameters[k] - c.truth[k]) < 0.03,
                            "\(c.circuit) seed \(seed): \(name) = \(fit.parameters[k]), truth \(c.truth[k])")
                default:
                    break
                }
            }
            #expect(fit.converged)
        }
    }
}
