import Electrochemistry
import Testing

@Suite struct CriticalCurrentDensityTests {
    static let area = 1e-4 // 1 cm²

    /// A ramp of 0.1 mA/cm² steps (1 A/m²), 600 s each way, 10 s samples, on
    /// a 200 Ω cell. The first sample of each half-cycle reads 30 % of the
    /// settled voltage, as a fast instrument sees before the double layers
    /// charge. From `shortAt` on, a 1 Ω short carries the current.
    static func ramp(levels: Int, shortAt: Double? = nil) -> [TraceSample] {
        var samples: [TraceSample] = []
        var t = 0.0
        for level in 1...levels {
            for sign in [1.0, -1.0] {
                let current = sign * Double(level) * area
                for k in 0..<60 {
                    t += 10
                    let shorted = shortAt.map { t >= $0 } ?? false
                    let r = shorted ? 1 : (k == 0 ? 60 : 200)
                    samples.append(TraceSample(time: t, voltage: current * Double(r), current: current))
                }
            }
        }
        return samples
    }

    @Test func findsTheLastStableAndFirstFailingStep() throws {
        // Level 4 starts at t = 3·1200 = 3600 s; short 100 s into its plating.
        let result = try CriticalCurrentDensity.analyse(Self.ramp(levels: 6, shortAt: 3700), area: Self.area)
        #expect(result.lastStableCurrentDensity.map { abs($0 - 3) < 1e-9 } == true)
        #expect(result.firstFailingCurrentDensity.map { abs($0 - 4) < 1e-9 } == true)
        #expect(result.shortTime == 3700)
        #expect(result.levels.count == 4)
        // Plated: 600 s at 1, 2 and 3 A/m², then 100 s at 4 A/m² up to the short.
        #expect(abs(result.cumulativePlatedCharge - (600 * (1 + 2 + 3) + 100 * 4)) < 1e-9)
        let stable = result.levels[2]
        #expect(stable.isStable)
        #expect(stable.platingOverpotential.map { abs($0 - 3e-4 * 200) < 1e-12 } == true)
        #expect(stable.strippingOverpotential.map { abs($0 - 3e-4 * 200) < 1e-12 } == true)
    }

    @Test func aRampWithoutAShortReportsItsTopStep() throws {
        let result = try CriticalCurrentDensity.analyse(Self.ramp(levels: 5), area: Self.area)
        #expect(result.firstFailingCurrentDensity == nil)
        #expect(result.shortTime == nil)
        #expect(result.lastStableCurrentDensity.map { abs($0 - 5) < 1e-9 } == true)
        #expect(result.levels.allSatisfy { $0.halfCycles.count == 2 })
    }

    /// Shorted exactly as a step begins: nothing collapses within the step, but
    /// the cell's resistance is far below the last stable half-cycle's.
    @Test func aCellAlreadyShortedWhenAStepBeginsIsCaught() throws {
        let result = try CriticalCurrentDensity.analyse(Self.ramp(levels: 5, shortAt: 2410), area: Self.area)
        #expect(result.firstFailingCurrentDensity.map { abs($0 - 3) < 1e-9 } == true)
        // Caught once the settling time has passed.
        #expect(result.shortTime == 2420)
    }

    @Test func aShortInTheFirstHalfCycleLeavesNoStableStep() throws {
        let result = try CriticalCurrentDensity.analyse(Self.ramp(levels: 3, shortAt: 300), area: Self.area)
        #expect(result.lastStableCurrentDensity == nil)
        #expect(result.firstFailingCurrentDensity.map { abs($0 - 1) < 1e-9 } == true)
    }

    @Test func badInputIsRejected() {
        #expect(throws: AnalysisError.self) { try CriticalCurrentDensity.analyse(Self.ramp(levels: 2), area: 0) }
        #expect(throws: AnalysisError.self) {
            try CriticalCurrentDensity.analyse(trace(dt: 1, count: 10) { _ in 0 }, area: Self.area)
        }
        #expect(throws: AnalysisError.self) {
            try CriticalCurrentDensity.analyse(Self.ramp(levels: 2), area: Self.area, criterion: ShortCriterion(collapseFraction: 1.5))
        }
    }
}
