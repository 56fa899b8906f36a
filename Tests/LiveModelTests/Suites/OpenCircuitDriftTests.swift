import CellSimulator
import LiveModel
import LiveModelFixtures
import Testing

/// OCV drift at rest: a leaky separator discharges the cell; a sound one does not.
@Suite struct OpenCircuitDriftTests {
    static func restAtHalfCharge(electronicConductivity: Double?) throws -> SimulatedRun {
        var d = try #require(CellPresets.named("nmc811-lpscl-liin"))
        d.initialStateOfCharge = 0.5
        if let electronicConductivity { d.electrolyte.electronicConductivity = electronicConductivity }
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d, initialStateOfCharge: 0.5),
                               interval: 60)
        run.recording = false
        run.rest(seconds: 4 * 3600)
        return run
    }

    @Test func aLeakySeparatorIsFlagged() throws {
        // 1e-5 S/m through 500 µm: ~0.2 mA/V of leakage, a soft short's worth of self-discharge.
        let run = try Self.restAtHalfCharge(electronicConductivity: 1e-5)
        let alarm = try #require(run.alarms.first { $0.kind == .openCircuitDrift }, "alarms: \(run.alarms)")
        #expect(alarm.evidence.contains { $0.name == "self-discharge" && $0.value < 0 })
    }

    @Test func aSoundCellAtRestIsNot() throws {
        let run = try Self.restAtHalfCharge(electronicConductivity: nil)
        #expect(run.alarms.isEmpty, "\(run.alarms)")
    }
}
