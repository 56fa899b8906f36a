import CellSimulator
import LiveModel
import LiveModelFixtures
import Testing

/// Contact loss when the rig releases the stack.
@Suite struct ContactLossTests {
    @Test func droppingStackPressureIsFlaggedAsContactLoss() throws {
        let d = try #require(CellPresets.named("li-lpscl-li"))
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d), interval: 10)
        let density = 2.0 // 0.2 mA/cm², well below the CCD
        for _ in 0..<3 { Scenarios.platingCycle(&run, density: density, halfSeconds: 1800) }
        #expect(run.alarms.isEmpty, "before the drop: \(run.alarms)")
        let dropped = run.cell.state.time
        run.cell.setAppliedPressure(0.3e6)
        Scenarios.platingCycle(&run, density: density, halfSeconds: 1800)
        let contact = try #require(run.alarms.first { $0.kind == .contactLoss }, "no contact loss; alarms: \(run.alarms)")
        #expect(contact.time - dropped <= 2 * run.interval, "flagged \(contact.time - dropped) s after the drop")
        #expect(contact.evidence.contains { $0.name == "pressure residual" && $0.value < -1e6 })
        #expect(run.alarms.contains { $0.kind == .pressureAnomaly })
        #expect(!run.alarms.contains { $0.kind == .softShort || $0.kind == .hardShort })
    }

    @Test func strippingPullingAwayFromPlatingCorroboratesARise() {
        var detector = ContactLossDetector(thresholds: DetectorThresholds(), standaloneRise: 0.3)
        detector.record(halfCycle: .init(isCharge: true, startTime: 0, endTime: 1, charge: 1, meanOverpotential: 0.10))
        detector.record(halfCycle: .init(isCharge: false, startTime: 1, endTime: 2, charge: 1, meanOverpotential: 0.14))
        #expect(detector.update(time: 0, dt: 1, resistance: 100, reference: nil, cycle: 1) == nil)
        // A 20 % rise alone is not enough; with stripping 40 % above plating it is.
        let alarm = detector.update(time: 1, dt: 1, resistance: 120, reference: nil, cycle: 1)
        #expect(alarm?.kind == .contactLoss)
    }
}
