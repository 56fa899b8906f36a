import Electrochemistry
import Numerics
import Testing

@Suite struct SteadyStateDetectorTests {
    /// I = I∞ + A·e^(−t/τ): the change across a window ending at t is about
    /// A·e^(−t/τ)·(e^(w/τ) − 1), so the criterion is met near
    /// t* = τ·ln(A·(e^(w/τ) − 1)/(I∞·tol)), and the current read is I∞.
    @Test func exponentialDecayReachesSteadyStateWhenTheDriftIsSmall() throws {
        let (iInf, a, tau) = (1e-6, 1e-5, 200.0)
        let data = trace(dt: 1, count: 5000) { iInf + a * Double.exp(-$0 / tau) }
        let criterion = SteadyStateCriterion(window: 300, relativeDriftTolerance: 0.01)
        let steady = try SteadyStateDetector.detect(data, criterion: criterion)
        let reached = try #require(steady.reachedAt)
        let predicted = tau * Double.log(a * (Double.exp(300 / tau) - 1) / (iInf * 0.01))
        #expect(abs(reached - predicted) < 0.15 * tau, "reached at \(reached) s, predicted ≈\(predicted) s")
        #expect(abs(steady.current / iInf - 1) < 1e-6)
        #expect(abs(steady.finalRelativeDrift) < 1e-6)
    }

    @Test func aCurrentStillDecayingIsNotSteadyAndItsReadingIsAnUpperBound() throws {
        let data = trace(dt: 1, count: 1200) { 1e-6 + 1e-5 * Double.exp(-$0 / 2000) }
        let steady = try SteadyStateDetector.detect(data, criterion: SteadyStateCriterion(window: 300))
        #expect(!steady.isReached)
        #expect(steady.current > 1e-6)
        #expect(steady.finalRelativeDrift < -0.01)
    }

    /// Noise alone does not read as drift when the window averages enough of it.
    @Test func noisyFlatCurrentIsSteady() throws {
        var rng = SplitMix64(seed: 3)
        let data = trace(dt: 1, count: 2000) { _ in 2e-8 + 1e-9 * gaussian(&rng) }
        let steady = try SteadyStateDetector.detect(data, criterion: SteadyStateCriterion(window: 600, relativeDriftTolerance: 0.02))
        #expect(steady.isReached)
        #expect(abs(steady.current / 2e-8 - 1) < 0.02)
    }

    @Test func rejectsATraceShorterThanTheWindowAndBadCriteria() {
        let data = trace(dt: 1, count: 100) { _ in 1 }
        #expect(throws: AnalysisError.self) { try SteadyStateDetector.detect(data, criterion: SteadyStateCriterion(window: 600)) }
        #expect(throws: AnalysisError.self) { try SteadyStateDetector.detect(data, criterion: SteadyStateCriterion(window: -1)) }
        #expect(throws: AnalysisError.self) {
            try SteadyStateDetector.detect(data, criterion: SteadyStateCriterion(window: 10, relativeDriftTolerance: 0))
        }
        var backwards = data
        backwards[50].time = backwards[10].time
        do {
            _ = try SteadyStateDetector.detect(backwards, criterion: SteadyStateCriterion(window: 10))
            Issue.record("time going backwards was accepted")
        } catch {
            #expect(error.code == .timeNotIncreasing && error.index == 50 && error.field == "time")
        }
    }
}
