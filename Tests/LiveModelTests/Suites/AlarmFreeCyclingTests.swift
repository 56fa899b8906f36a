import CellSimulator
import LiveModel
import LiveModelFixtures
import Testing

/// Normal cycles raise nothing (Benchmarks/livemodel-accuracy.sh runs 1000).
@Suite struct AlarmFreeCyclingTests {
    @Test func aHealthyFullCellCyclesWithoutAlarms() throws {
        let d = try #require(CellPresets.named("nmc811-lpscl-liin"))
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d), interval: 10)
        run.recording = false
        for k in 0..<6 {
            if k.isMultiple(of: 3) { Scenarios.dynamicCycle(&run, cRate: 0.5, restSeconds: 600) }
            else { Scenarios.constantCurrentCycle(&run, cRate: 0.5, restSeconds: 300) }
        }
        run.rest(seconds: 3 * 3600)
        #expect(run.model.completedCycles >= 5)
        #expect(run.alarms.isEmpty, "\(run.alarms)")
    }

    @Test func aSymmetricCellBelowItsCCDCyclesWithoutAlarms() throws {
        let d = try #require(CellPresets.named("li-lpscl-li"))
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d), interval: 60)
        run.recording = false
        for _ in 0..<24 { Scenarios.platingCycle(&run, density: 3, halfSeconds: 1800) }
        #expect(run.model.completedCycles >= 23)
        #expect(run.alarms.isEmpty, "\(run.alarms)")
    }

    @Test func capacityRisingOverActivationIsNotFade() {
        var detector = CapacityFadeDetector(thresholds: DetectorThresholds())
        // Capacity climbs for five cycles (activation, a Li–S cell improving), then holds.
        for cycle in 1...30 {
            let capacity = 5.0 * (cycle < 6 ? 0.7 + 0.06 * Double(cycle) : 1)
            #expect(detector.update(time: Double(cycle), cycle: cycle, capacity: capacity, delivered: capacity) == nil)
        }
    }

    @Test func fadeOfTwoPercentPerCycleIsFlagged() {
        var detector = CapacityFadeDetector(thresholds: DetectorThresholds())
        var alarms: [Alarm] = []
        for cycle in 1...20 {
            let capacity = 5.0 * (1 - 0.02 * Double(max(0, cycle - 5)))
            if let alarm = detector.update(time: Double(cycle), cycle: cycle, capacity: capacity, delivered: capacity) { alarms.append(alarm) }
        }
        #expect(alarms.count == 1)
        #expect(alarms.first?.kind == .capacityFade)
    }
}
