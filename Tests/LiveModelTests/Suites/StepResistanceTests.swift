import CellSimulator
import LiveModel
import LiveModelFixtures
import Numerics
import Testing

/// R_ohm and R_int from current steps, against the simulator's truth, while
/// the interphase grows tenfold.
@Suite struct StepResistanceTests {
    /// A pulse pair sampled finely enough to resolve the ohmic jump: 0.1 µs
    /// after the step (the interface arcs relax in milliseconds), then up to
    /// the 10 s relaxation time.
    static func pulse(_ run: inout SimulatedRun, current: Double) {
        for sign in [1.0, -1.0] {
            run.sample(current: sign * current, dt: 1e-7)
            run.sample(current: sign * current, dt: 1e-3 - 1e-7)
            for _ in 0..<3 { run.sample(current: sign * current, dt: 0.01) }
            for _ in 0..<10 { run.sample(current: sign * current, dt: 1) }
        }
        run.sample(current: 0, dt: 1e-7)
        run.sample(current: 0, dt: 10)
    }

    @Test func rIntFollowsTruthWithinFivePercentWhileItGrowsTenfold() throws {
        // Li|LGPS|Li: the fast-growing interphase (DOMAIN §3).
        let d = try #require(CellPresets.named("li-lgps-li"))
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d), noise: .none)
        run.recording = false
        let start = run.cell.electrical.negativeResistance
        var checked = 0
        var hours = 0.0
        while run.cell.electrical.negativeResistance < 10 * start {
            run.rest(seconds: 3600 * max(1, hours / 4), interval: 600)
            hours = run.cell.state.time / 3600
            let truth = run.cell.electrical
            Self.pulse(&run, current: 10e-6)
            let step = try #require(run.model.lastStep)
            let rInt = try #require(run.model.interfacialHistory.latest?.resistance)
            // The jump reads bulk plus grain boundary; the relaxation reads the interfaces.
            let ohmicTruth = truth.bulkResistance + truth.grainBoundaryResistance
            #expect(abs(abs(step.ohmic) / ohmicTruth - 1) < 0.1, "R_ohm \(step.ohmic) vs \(ohmicTruth) at \(hours) h")
            #expect(abs(rInt / truth.negativeResistance - 1) < 0.05, "R_int \(rInt) vs \(truth.negativeResistance) at \(hours) h")
            checked += 1
        }
        #expect(checked >= 5)
        #expect(run.cell.electrical.negativeResistance >= 10 * start)
    }

    @Test func aReversalReadsTheSameAsAStepFromRest() throws {
        var tracker = StepResponseTracker()
        // An ideal 100 Ω jump plus 50 Ω relaxing with τ = 1 s.
        func voltage(_ i: Double, since t: Double, from i0: Double) -> Double {
            100 * i + 50 * (i0 + (i - i0) * (1 - Double.exp(-t)))
        }
        var results: [StepResistance] = []
        var t = 0.0
        for k in 0..<200 {
            t = Double(k)
            let i = k < 50 ? 0.0 : k < 120 ? 1e-3 : -1e-3
            // The sample at k reports the end of the second (k − 1, k] the current was held over.
            let changed = k < 50 ? -1.0 : k < 120 ? 49.0 : 119.0
            let before = k < 50 ? 0.0 : k < 120 ? 0.0 : 1e-3
            if let r = tracker.update(time: t, current: i, voltage: voltage(i, since: t - changed, from: before), openCircuit: 0) {
                results.append(r)
            }
        }
        #expect(results.count == 2)
        for r in results {
            #expect(abs(r.ohmic - (100 + 50 * (1 - Double.exp(-1)))) < 1e-9)
            #expect(abs(try #require(r.interfacial) - 50 * Double.exp(-1)) < 1e-2)
        }
        #expect(results.last?.isReversal == true)
    }
}
