import CellSimulator
import Foundation
import LiveModel
import LiveModelFixtures
import Testing

/// Rest is judged against the current sensor's own offset and noise.
@Suite struct RestDetectorTests {
    /// 1C of a 5 Ah cell; its sensor reads 0.5 % of that at rest, ±1 mA.
    static let oneC = 5.0, offset = 0.025, noise = 1e-3

    /// The sensor's reading of `current` at sample `k`: white Gaussian noise
    /// from a fixed hash of k, so every run sees the same samples.
    static func noisy(_ current: Double, _ k: Int) -> Double {
        func uniform(_ n: UInt64) -> Double {
            var z = n &* 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return (Double((z ^ (z >> 31)) >> 11) + 0.5) / Double(1 << 53)
        }
        let u = uniform(2 * UInt64(k) + 1), v = uniform(2 * UInt64(k) + 2)
        let gaussian = (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
        return current + offset + noise * gaussian
    }

    static func detector() -> RestDetector {
        RestDetector(offsetBound: 0.01 * oneC, resolution: 1e-4 * oneC)
    }

    @Test func aRestThroughAnOffsetIsARestAndTeachesTheOffset() {
        var rest = Self.detector()
        for k in 0..<100 {
            let resting = rest.update(current: Self.noisy(-0.5 * Self.oneC, k))
            #expect(!resting)
        }
        var rested = 0
        for k in 0..<600 where rest.update(current: Self.noisy(0, k)) { rested += 1 }
        #expect(rested == 600)
        let zero = rest.zero ?? .nan
        #expect(abs(zero - Self.offset) < 1e-4, "zero \(zero) A")
        // The step into the rest is not taken for noise.
        #expect(abs(rest.noise / Self.noise - 1) < 0.1, "noise \(rest.noise) A")
    }

    @Test func aLoadAboveTheLearntZeroIsNotARest() {
        var rest = Self.detector()
        for k in 0..<600 { rest.update(current: Self.noisy(0, k)) }
        // C/50 sits only 0.1 A above the zero, yet far outside its noise.
        let loaded = (0..<100).filter { rest.update(current: Self.noisy(-Self.oneC / 50, $0)) }
        #expect(loaded.isEmpty)
        let rested = (0..<10).filter { rest.update(current: Self.noisy(0, $0)) }
        #expect(rested.count == 10)
    }

    /// The live model sees a simulated cell's rests through a sensor that
    /// reads 0.5 % of 1C at rest, and learns that reading as the zero.
    @Test func theLiveModelSeesRestsThroughACurrentOffset() throws {
        let d = try #require(CellPresets.named("nmc811-lpscl-liin"))
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d), interval: 10)
        run.recording = false
        run.currentOffset = 0.005 * d.capacity / 3600
        run.hold(current: -0.5 * d.capacity / 3600, seconds: 1800)
        #expect(!run.model.rest.isResting)
        run.rest(seconds: 1200)
        #expect(run.model.rest.isResting)
        let zero = try #require(run.model.rest.zero)
        #expect(abs(zero / run.currentOffset - 1) < 0.01, "zero \(zero) A, offset \(run.currentOffset) A")
    }

    @Test func aLevelBeyondAnyOffsetIsALoadEvenBeforeARest() {
        var rest = Self.detector()
        let loaded = (0..<100).filter { rest.update(current: Self.noisy(Self.oneC / 20, $0)) }
        #expect(loaded.isEmpty)
        #expect(rest.zero == nil)
    }
}
