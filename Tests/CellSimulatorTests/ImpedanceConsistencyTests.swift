import CellSimulator
import Electrochemistry
import Numerics
import Testing

/// The acceptance test of the simulator: the spectrum measured on the
/// time-domain model by a lock-in matches the analytic Z(ω) of the same
/// parameters (closed forms: ZARCs, the spherical particles' tanh form,
/// Warburgs) within 1 % at every frequency from 1 MHz to 0.1 Hz.
@Suite struct ImpedanceConsistencyTests {
    @Test(arguments: CellPresets.all.map(\.name))
    func lockInMatchesAnalyticSpectrum(preset: String) throws {
        let definition = try #require(CellPresets.named(preset))
        var cell = SimulatedCell(definition: definition, seed: 1)
        // Age the cell a day at rest first: a fresh interphase grows as √t, fast
        // enough at t = 0 to move the spectrum during a slow sweep.
        for _ in 0..<24 { cell.step(current: 0, dt: 3600) }
        let frequencies = ImpedanceSpectrum.frequencies(from: 1e6, to: 0.1, perDecade: 10)
        let analytic = cell.electrical
        let measured = cell.measureImpedance(frequencies: frequencies, excitation: .potentiostatic(amplitude: 0.005),
                                             noise: .none)
        var worst = 0.0, worstF = 0.0
        for point in measured.points {
            let exact = analytic.impedance(frequency: point.frequency)
            let error = (point.impedance - exact).length / exact.length
            if error > worst { (worst, worstF) = (error, point.frequency) }
        }
        #expect(worst < 0.01, "worst relative error \(worst) at \(worstF) Hz for \(preset)")
    }
}
