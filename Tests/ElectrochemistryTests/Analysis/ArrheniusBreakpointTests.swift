import Electrochemistry
import Testing

@Suite struct ArrheniusBreakpointTests {
    /// LiBH₄-like: a low-temperature phase with Eₐ 0.7 eV, then a jump of three
    /// decades at the transition to a phase with Eₐ 0.25 eV.
    @Test func findsAPhaseTransition() throws {
        let low = arrheniusData(temperatures: stride(from: 300, through: 380, by: 10).map { $0 },
                                prefactor: 1e9, activationEnergy: 0.7, noise: 0.02, seed: 4)
        let high = arrheniusData(temperatures: stride(from: 390, through: 450, by: 10).map { $0 },
                                 prefactor: 1e9, activationEnergy: 0.25, noise: 0.02, seed: 5)
        let transition = try #require(try ArrheniusBreakpoint.detect(in: high + low))
        #expect(transition.transitionTemperature == 385)
        #expect(abs(transition.low.activationEnergy - 0.7) < 0.05)
        #expect(abs(transition.high.activationEnergy - 0.25) < 0.05)
        #expect(transition.pValue < 1e-6)
    }

    /// A single line with noise reports a break no more often than the
    /// significance level allows (1 %; Bonferroni makes it conservative).
    @Test func falseBreaksAreRarerThanTheSignificanceLevel() throws {
        let trials = 400
        var breaks = 0
        for seed in 1...UInt64(trials) {
            let data = arrheniusData(temperatures: stride(from: 250, through: 400, by: 10).map { $0 },
                                     prefactor: 1e6, activationEnergy: 0.3, noise: 0.03, seed: seed)
            if try ArrheniusBreakpoint.detect(in: data, significance: 0.01) != nil { breaks += 1 }
        }
        #expect(Double(breaks) / Double(trials) <= 0.02, "\(breaks) false breaks in \(trials) straight lines")
    }

    @Test func noiseFreeLineHasNoBreak() throws {
        let data = arrheniusData(temperatures: stride(from: 250, through: 400, by: 10).map { $0 },
                                 prefactor: 1e6, activationEnergy: 0.3)
        #expect(try ArrheniusBreakpoint.detect(in: data) == nil)
    }

    @Test func needsEnoughPointsForBothSegments() {
        let data = arrheniusData(temperatures: [300, 310, 320, 330, 340, 350], prefactor: 1e6, activationEnergy: 0.3)
        #expect(throws: AnalysisError.self) { try ArrheniusBreakpoint.detect(in: data) }
        #expect(throws: AnalysisError.self) { try ArrheniusBreakpoint.detect(in: data, minimumSegment: 2) }
    }
}
