import CellSimulator
import Electrochemistry
import LiveModel
import Numerics
import Testing

/// The EIS path: a warm-started refit through the fitter protocol, arcs
/// assigned to bulk, grain boundary and interface by capacitance.
@Suite struct ImpedanceTrackerTests {
    /// A fitter that records what it was started from and answers with the
    /// circuit the test says is true: the tracker's wiring, not a fit, is under test.
    final class RecordingFitter: CircuitRefitting, @unchecked Sendable {
        var starts: [[Double]] = []
        var answers: [[Double]]
        init(answers: [[Double]]) { self.answers = answers }
        func refit(_ spectrum: ImpedanceMeasurement, circuit: Circuit, initial: [Double]) throws -> CircuitRefit {
            starts.append(initial)
            return CircuitRefit(parameters: answers.removeFirst(), standardErrors: nil)
        }
    }

    /// The LLZO pellet's spectrum from the simulator's own circuit, and that circuit's
    /// parameters in `L0-R0-p(R1,CPE1)-p(R2,CPE2)` form.
    static func llzo(grownBy factor: Double) throws -> (ImpedanceMeasurement, [Double], cellConstant: Double) {
        let d = try #require(CellPresets.named("li-llzo-li"))
        let p = SimulatedCell(definition: d).electrical
        let circuit = try Circuit("L0-R0-p(R1,CPE1)-p(R2,CPE2)")
        let rInt = p.negativeResistance * factor
        let parameters = [p.inductance, p.bulkResistance,
                          p.grainBoundaryResistance, Double.pow(p.grainBoundaryTime, p.grainBoundaryExponent) / p.grainBoundaryResistance,
                          p.grainBoundaryExponent,
                          rInt, Double.pow(p.negativeTime * factor, p.negativeExponent) / rInt, p.negativeExponent]
        let frequencies = ImpedanceSpectrum.frequencies(from: 1e7, to: 0.1, perDecade: 10)
        let z = circuit.spectrum(frequencies: frequencies, parameters: parameters)
        return (ImpedanceMeasurement(time: 3600 * factor, frequencies: frequencies, impedance: z), parameters,
                d.electrolyteThickness / d.area / 100)
    }

    @Test func refitsAreWarmStartedAndSplitIntoBulkGrainBoundaryAndInterface() throws {
        let (first, truth1, constant) = try Self.llzo(grownBy: 1)
        let (second, truth2, _) = try Self.llzo(grownBy: 1.5)
        let fitter = RecordingFitter(answers: [truth1, truth2])
        let initial = truth1.map { $0 * 1.3 }
        var tracker = try ImpedanceTracker(circuit: Circuit("L0-R0-p(R1,CPE1)-p(R2,CPE2)"), initial: initial,
                                           refitter: fitter, cellConstant: constant)
        let reading = try tracker.ingest(first, cycle: 0)
        _ = try tracker.ingest(second, cycle: 0)
        #expect(fitter.starts == [initial, truth1], "the second refit starts where the first ended")
        #expect(reading.total(.bulk) == truth1[1])
        #expect(reading.total(.grainBoundary) == truth1[2])
        #expect(reading.total(.interface) == truth1[5])
        #expect(tracker.series[.interface]?.readings.map(\.resistance) == [truth1[5], truth2[5]])
        // The model-free intercept agrees with the fitted bulk.
        let intercept = try #require(reading.highFrequencyIntercept)
        #expect(abs(intercept / truth1[1] - 1) < 0.05, "HF intercept \(intercept) Ω vs bulk \(truth1[1]) Ω")
        // What a DC jump should read: sampled 0.1 ms after a step it sees bulk and
        // grain boundary (µs) but not the interface (ms); a second later, everything.
        let fast = try #require(tracker.expectedOhmic(jumpDelay: 1e-4))
        #expect(abs(fast - (truth2[1] + truth2[2])) < 1e-9)
        #expect(abs(try #require(tracker.expectedOhmic(jumpDelay: 1)) - (truth2[1] + truth2[2] + truth2[5])) < 1e-9)
    }

    @Test func aStartThatDoesNotFitTheCircuitIsRefused() throws {
        #expect(throws: LiveModelError.self) {
            try ImpedanceTracker(circuit: Circuit("R0-p(R1,CPE1)"), initial: [1, 2], refitter: RecordingFitter(answers: []),
                                 cellConstant: 1)
        }
    }
}

/// The same path with the real fitter: measured spectra of a simulated
/// Li | LGPS | Li cell whose interphase grows at rest.
@Suite struct ImpedanceTrackerRefitTests {
    @Test func warmStartedRefitsFollowAGrowingInterface() throws {
        let definition = try #require(CellPresets.named("li-lgps-li"))
        var cell = SimulatedCell(definition: definition, seed: 3)
        let frequencies = ImpedanceSpectrum.frequencies(from: 1e6, to: 0.1, perDecade: 5)
        func measure() -> (ImpedanceMeasurement, truth: Double) {
            let spectrum = cell.measureImpedance(frequencies: frequencies, excitation: .potentiostatic(amplitude: 0.01))
            return (ImpedanceMeasurement(time: cell.state.time, frequencies: spectrum.points.map(\.frequency),
                                         impedance: spectrum.points.map(\.impedance)),
                    cell.electrical.negativeResistance)
        }
        let circuit = try Circuit("R0-p(R1,CPE1)")
        let refitter = LevenbergMarquardtRefitter()
        let (first, initialTruth) = measure()
        let start = try refitter.coldFit(first, circuit: circuit)
        var tracker = try ImpedanceTracker(circuit: circuit, initial: start.parameters, refitter: refitter,
                                           cellConstant: definition.electrolyteThickness / definition.area / 100)
        var truths: [Double] = []
        for _ in 0..<4 {
            cell.step(current: 0, dt: 12 * 3600)
            let (spectrum, truth) = measure()
            _ = try tracker.ingest(spectrum, cycle: 0)
            truths.append(truth)
        }
        let fitted = try #require(tracker.series[.interface]).readings.map(\.resistance)
        #expect(fitted.count == truths.count)
        for (f, t) in zip(fitted, truths) {
            #expect(abs(f / t - 1) < 0.05, "interface \(f) Ω, truth \(t) Ω")
        }
        #expect(truths.last! > 1.5 * initialTruth, "the interphase grew: \(initialTruth) → \(truths)")
    }
}
