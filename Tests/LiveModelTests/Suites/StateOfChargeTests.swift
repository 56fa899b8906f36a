import CellSimulator
import CyclerConfiguration
import LiveModel
import LiveModelFixtures
import Testing

/// SOC against the simulator's truth: dynamic cycles with rests, from a start
/// 30 % off either way. (Benchmarks/livemodel-accuracy.sh runs 100 cycles.)
@Suite struct StateOfChargeTests {
    @Test(arguments: [(0.0, 0.3), (0.7, -0.3)])
    func convergesWithinAnHourAndTracksWithinOnePercent(start: Double, offset: Double) throws {
        var d = try #require(CellPresets.named("nmc811-lpscl-liin"))
        d.initialStateOfCharge = start
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d, initialStateOfCharge: start + offset),
                               interval: 10)
        for _ in 0..<2 { Scenarios.dynamicCycle(&run, cRate: 0.5, restSeconds: 1200) }
        let converged = try #require(run.convergenceTime(band: 0.02))
        #expect(converged < 3600, "converged after \(converged / 60) min")
        let rmse = run.socRMSE(from: 3600)
        #expect(rmse < 0.01, "SOC RMSE \(rmse * 100) % after the first hour")
        #expect(run.alarms.isEmpty, "\(run.alarms)")
    }

    @Test func anOperatorResetMovesSOCAndItsUncertainty() throws {
        let d = try #require(CellPresets.named("nmc811-lpscl-liin"))
        let curve = try #require(try LiveModelConfiguration(cell: CellDescription(simulating: d)).curve)
        var filter = StateOfChargeFilter(curve: curve, capacity: d.capacity,
                                         circuit: EquivalentCircuit(ohmicResistance: 100, fastResistance: 5, fastTime: 10,
                                                                    slowResistance: 5, slowTime: 100),
                                         circuitUncertainty: 0.2, initialStateOfCharge: 0.5, initialSigma: 0.01)
        // 8σ from empty: the physical range does not touch it.
        filter.reset(stateOfCharge: 0.4, sigma: 0.05)
        #expect(filter.stateOfCharge == 0.4)
        #expect(abs(filter.sigma - 0.05) < 1e-12)
        // A rest at the OCV of 30 % pulls it there.
        for _ in 0..<60 {
            filter.predict(current: 0, dt: 10)
            filter.correct(voltage: curve.evaluate(0.3).value, current: 0)
        }
        #expect(abs(filter.stateOfCharge - 0.3) < 0.005)
    }

    @Test func capacityIsReEstimatedFromFullCycles() throws {
        let d = try #require(CellPresets.named("nmc811-lpscl-liin"))
        var c = try Scenarios.configuration(for: d, initialStateOfCharge: 0)
        // The cell file says 15 % more than the cell holds.
        c.capacity = d.capacity * 1.15
        var run = SimulatedRun(definition: d, configuration: c, interval: 10)
        for _ in 0..<4 { Scenarios.constantCurrentCycle(&run, cRate: 0.5, restSeconds: 1200) }
        let estimate = try #require(run.model.capacityEstimator)
        #expect(abs(estimate.capacity / d.capacity - 1) < 0.05, "capacity \(estimate.capacity / 3.6) mAh, true \(d.capacity / 3.6) mAh")
        #expect(abs(estimate.stateOfHealth - 1 / 1.15) < 0.05)
    }

    /// A rest whose pair of anchors measured no capacity (too little SOC
    /// between them) leaves the filter's own correction to it alone: every
    /// rest's end used to put the filter back on the nominal capacity.
    @Test func aRestThatMeasuresNoCapacityKeepsTheFiltersCorrection() throws {
        let capacity = 3600.0 * 2
        let oneC = capacity / 3600
        let soc = stride(from: 0.0, through: 1.0, by: 0.05).map { $0 }
        let curve = try OpenCircuitCurve(stateOfCharge: soc, voltage: soc.map { 3.3 + 0.6 * $0 + 0.3 * $0 * $0 * $0 * $0 })
        var model = LiveModel(configuration: LiveModelConfiguration(kind: .full, area: nil, capacity: capacity, curve: curve,
                                                                    growthPerCharge: 0, restCurrent: 1e-6))
        // The cell holds 10 % less than its datasheet; its only resistance is R0.
        let held = 0.9 * capacity, r0 = 0.04 / oneC
        var truth = 0.9, time = 0.0
        func sample(_ current: Double) {
            truth += current / held
            _ = model.update(Measurement(time: time, current: current, voltage: curve.evaluate(truth).value + r0 * current))
            time += 1
        }
        for _ in 0..<600 { sample(0) }
        for _ in 0..<1800 { sample(-oneC / 2) }
        for _ in 0..<900 { sample(0) }
        let learned = try #require(model.filter?.effectiveCapacity)
        #expect(learned < 0.99 * capacity, "the rest should have shown the filter a smaller capacity, got \(learned / capacity) of nominal")
        sample(-oneC / 2)
        #expect(model.capacityEstimator?.capacity == capacity)
        #expect(abs(try #require(model.filter?.effectiveCapacity) / learned - 1) < 1e-4)
    }

    @Test func aTableAgainstLithiumIsShiftedByTheReferenceOffset() throws {
        let d = try #require(CellPresets.named("nmc811-lpscl-liin"))
        var cell = CellDescription(simulating: d)
        let table = try #require(cell.openCircuitVoltage)
        cell.openCircuitVoltage = .init(stateOfCharge: table.stateOfCharge, voltage: table.voltage.map { $0 + d.referenceOffset })
        let asCell = try LiveModelConfiguration(cell: CellDescription(simulating: d))
        let asLithium = try LiveModelConfiguration(cell: cell, ocvReference: .lithium)
        for soc in [0.1, 0.5, 0.9] {
            let a = try #require(asCell.curve).evaluate(soc).value, b = try #require(asLithium.curve).evaluate(soc).value
            #expect(abs(a - b) < 1e-12)
        }
    }

    @Test func aFullCellWithoutAnOCVTableIsRefusedWithTheFieldNamed() throws {
        let d = try #require(CellPresets.named("nmc811-lpscl-liin"))
        var cell = CellDescription(simulating: d)
        cell.openCircuitVoltage = nil
        #expect(throws: LiveModelError.self) { try LiveModelConfiguration(cell: cell) }
        do {
            _ = try LiveModelConfiguration(cell: cell)
        } catch {
            #expect(error.description.contains("\"ocv\""))
        }
    }
}
