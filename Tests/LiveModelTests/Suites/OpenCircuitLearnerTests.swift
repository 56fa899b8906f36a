import CellSimulator
import LiveModel
import LiveModelFixtures
import Testing

/// Learning the OCV table from a run, against the simulator's own curve.
@Suite struct OpenCircuitLearnerTests {
    static func truth(_ d: CellDefinition, _ soc: Double) -> Double { d.positive.potential(soc) - d.referenceOffset }

    /// A fresh cell's first charge oxidises the electrolyte on the cathode
    /// (its interphase forms): up to a fifth of the charge passed moves no
    /// Li into the cathode, most of it near the top of the window, and some
    /// goes on at rest. Charge counting is then not SOC, so any OCV learnt
    /// from a fresh cell is distorted (by 15–25 mV here). Labs learn the OCV
    /// after formation: a C/10 charge, a hold at the top until the
    /// interphase is complete (its formation decays with a time constant of
    /// an hour there, so five hours leave under 1 % of it), and a discharge.
    static func form(_ run: inout SimulatedRun, window: ClosedRange<Double>) {
        let c10 = run.cell.definition.capacity / 10 / 3600
        run.hold(current: c10, untilVoltage: window.upperBound, timeout: 20 * 3600)
        for _ in 0..<(5 * 60) { run.cell.step(voltage: window.upperBound, dt: 60) }
        run.hold(current: -c10, untilVoltage: window.lowerBound, timeout: 20 * 3600)
    }

    /// The learner's SOC runs 0–1 between the lowest and highest points of the
    /// run; `truth` maps it back to the simulator's SOC at those points.
    @Test func aSlowCycleGivesTheCurveWithinTenMillivolts() throws {
        let d = try #require(CellPresets.named("nmc811-lpscl-liin"))
        let window = try #require(Scenarios.window(d))
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d), interval: 120)
        run.maximumStep = 60
        Self.form(&run, window: window)
        run.keepingMeasurements = true
        let c20 = d.capacity / 20 / 3600
        // A C/20 cycle over the full window: Li-In limits the top, so charge to the table's end.
        run.hold(current: c20, untilVoltage: window.upperBound, timeout: 30 * 3600)
        let top = run.cell.state.stateOfCharge
        run.hold(current: -c20, untilVoltage: window.lowerBound, timeout: 30 * 3600)
        let bottom = run.cell.state.stateOfCharge
        let curve = try OpenCircuitLearner.fromSlowCycle(run.measurements, restCurrent: 1e-7)
        for x in stride(from: 0.1, through: 0.9, by: 0.1) {
            // The C/20 IR drop is ≈9 mV; averaging the branches removes most of it.
            let error = curve.evaluate(x).value - Self.truth(d, bottom + x * (top - bottom))
            #expect(abs(error) < 10e-3, "at learnt SOC \(x): \(error * 1000) mV")
        }
    }

    @Test func gittRestsGiveTheCurve() throws {
        let d = try #require(CellPresets.named("nmc811-lpscl-liin"))
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d), interval: 60)
        Self.form(&run, window: try #require(Scenarios.window(d)))
        run.keepingMeasurements = true
        run.rest(seconds: 3600)
        // Ten pulses of 10 % at C/5, each followed by an hour's rest.
        for _ in 0..<9 {
            run.hold(current: d.capacity / 5 / 3600, seconds: 1800)
            run.rest(seconds: 3600)
        }
        let curve = try OpenCircuitLearner.fromGITT(run.measurements, restCurrent: 1e-7, minimumRest: 1800)
        // Nine pulses of 0.1 from where the run started.
        let start = run.cell.state.stateOfCharge - 0.9
        for k in 1...9 {
            let x = Double(k) / 9
            let error = curve.evaluate(x).value - Self.truth(d, start + 0.1 * Double(k))
            #expect(abs(error) < 5e-3, "at learnt SOC \(x): \(error * 1000) mV; learnt \(curve.table)")
        }
    }

    @Test func aRunWithoutADischargeSaysSo() {
        let samples = (0..<100).map { Measurement(time: Double($0), current: 1e-3, voltage: 3 + Double($0) * 1e-3) }
        #expect(throws: LiveModelError.self) { try OpenCircuitLearner.fromSlowCycle(samples, restCurrent: 1e-9) }
    }
}
