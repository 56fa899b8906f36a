import CellSimulator
import LiveModel
import LiveModelFixtures
import Testing

/// Interphase growth is flagged for a fast-growing interphase and not for a slow one.
@Suite struct InterphaseGrowthTests {
    /// Rests `hours`, with a pulse pair every hour to read the resistance.
    static func restWithPulses(_ preset: String, hours: Int) throws -> SimulatedRun {
        let d = try #require(CellPresets.named(preset))
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d), noise: .none)
        run.recording = false
        for _ in 0..<hours {
            run.rest(seconds: 3600, interval: 600)
            StepResistanceTests.pulse(&run, current: 10e-6)
        }
        return run
    }

    @Test func lgpsAgainstLithiumIsFlagged() throws {
        let run = try Self.restWithPulses("li-lgps-li", hours: 12)
        let alarm = try #require(run.alarms.first { $0.kind == .interphaseGrowth }, "alarms: \(run.alarms)")
        #expect(alarm.evidence.contains { $0.name == "ASR growth per root hour" && $0.value > 30 })
    }

    @Test func li7p3s11AgainstLithiumIsNot() throws {
        let run = try Self.restWithPulses("li-lps7-li", hours: 12)
        #expect(run.alarms.isEmpty, "\(run.alarms)")
    }

    @Test func resistanceFallingThroughActivationNeverAlarms() {
        var detector = InterphaseGrowthDetector(thresholds: DetectorThresholds(), area: 1e-4)
        var history = ResistanceHistory()
        // Precycling: 17 → 1 Ω cm² (DOMAIN §1) over ten hours.
        for hour in 0...10 {
            history.append(time: Double(hour) * 3600, cycle: hour, resistance: 17 - 1.6 * Double(hour))
            #expect(detector.update(time: Double(hour) * 3600, cycle: hour, history: history, cycling: true) == nil)
        }
    }
}
