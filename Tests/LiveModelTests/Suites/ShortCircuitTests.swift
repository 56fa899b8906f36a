import CellSimulator
import LiveModel
import LiveModelFixtures
import Testing

/// Every short the simulator makes is flagged on the sample where the voltage collapses.
@Suite struct ShortCircuitTests {
    /// Runs `run` sample by sample at `current` until `samples` have passed,
    /// recording each sample whose truth shows a short starting, and each alarm.
    static func watch(_ run: inout SimulatedRun, current: (Int) -> Double, samples: Int) -> (onsets: [Double], alarms: [Alarm]) {
        var onsets: [Double] = []
        var alarms: [Alarm] = []
        var shorted = false
        for k in 0..<samples {
            let estimate = run.sample(current: current(k), dt: run.interval)
            let now = run.cell.electrical.shortResistance.isFinite
            if now, !shorted { onsets.append(run.cell.state.time) }
            shorted = now
            alarms += estimate.alarms.filter { $0.kind == .softShort || $0.kind == .hardShort }
        }
        return (onsets, alarms)
    }

    @Test func symmetricCellSoftAndHardShortsAreFlaggedAtTheCollapse() throws {
        let d = try #require(CellPresets.named("li-lpscl-li"))
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d), seed: 3)
        run.recording = false
        // Plate and strip 30 min each way at 1.05 × the CCD: filaments grow, flicker, then short.
        let amps = 1.05 * run.cell.criticalCurrentDensity * d.area
        let (onsets, alarms) = Self.watch(&run, current: { ($0 / 1800).isMultiple(of: 2) ? amps : -amps }, samples: 4 * 3600)
        #expect(!onsets.isEmpty, "the simulator never shorted")
        #expect(run.cell.state.dendritePenetration >= 1)
        for onset in onsets {
            let flagged = alarms.contains { $0.time >= onset && $0.time <= onset + run.interval + 1e-9 }
            let hardAlready = alarms.contains { $0.kind == .hardShort && $0.time < onset }
            #expect(flagged || hardAlready, "short at \(onset) s not flagged within one sample; alarms: \(alarms)")
        }
        #expect(alarms.contains { $0.kind == .hardShort })
        #expect(alarms.contains { $0.kind == .softShort } || onsets.count == 1)
    }

    @Test func fullCellShortIsFlaggedAtTheCollapse() throws {
        // Li metal against NMC at 2C, far above the CCD: a filament shorts the cell on charge.
        let d = try #require(CellPresets.named("nmc811-lps7-li"))
        var run = SimulatedRun(definition: d, configuration: try Scenarios.configuration(for: d, initialStateOfCharge: 0))
        run.recording = false
        run.rest(seconds: 600)
        let amps = 2 * d.capacity / 3600
        let (onsets, alarms) = Self.watch(&run, current: { _ in amps }, samples: 1800)
        let first = try #require(onsets.first, "the simulator never shorted")
        let alarm = try #require(alarms.first, "no short alarm")
        #expect(alarm.time >= first && alarm.time <= first + run.interval + 1e-9, "short at \(first) s, alarm at \(alarm.time) s")
    }
}
