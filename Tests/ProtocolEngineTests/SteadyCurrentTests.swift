import Foundation
import Testing
@testable import ProtocolEngine

@Suite struct SteadyCurrentTests {
    /// I(t) = 4 nA + 700 nA·e^(−t/600 s), read every 10 s with ±1 nA of noise
    /// (as a blocking cell's DC polarisation reads on a potentiostat).
    private func firstSteadyTime(noise: Double) -> Double? {
        var detector = SteadyCurrent(window: 600, tolerance: 0.01)
        var generator = ProtocolFuzzTests.Generator(state: 9)
        for step in 1...5000 {
            let t = Double(step) * 10
            let current = 4e-9 + 700e-9 * exp(-t / 600) + noise * Double.random(in: -1...1, using: &generator)
            if detector.isSteady(after: t, current: current) { return t }
        }
        return nil
    }

    @Test func waitsUntilTheDecayIsSpentDespiteNoise() throws {
        let t = try #require(firstSteadyTime(noise: 1e-9))
        // The transient is below 1 % of the 4 nA plateau only after ≈ 600·ln(700/0.04) s ≈ 5900 s,
        // and the mean over each 10 min window must agree; single readings (±25 %) never would.
        #expect(t > 4500 && t < 12_000, "steady at \(t) s")
    }

    @Test func needsTwoFullWindows() {
        var detector = SteadyCurrent(window: 600, tolerance: 0.01)
        var early = false
        for step in 1...119 { early = early || detector.isSteady(after: Double(step) * 10, current: 1e-6) }
        #expect(!early)
        let atTwoWindows = detector.isSteady(after: 1200, current: 1e-6)
        #expect(atTwoWindows)
    }
}
