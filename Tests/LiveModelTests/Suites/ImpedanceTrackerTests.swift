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
