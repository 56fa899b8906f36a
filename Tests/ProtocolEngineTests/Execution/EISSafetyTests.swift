import CyclerConfiguration
import CellSimulator
import Instruments
import Testing
@testable import ProtocolEngine

/// Safety limits stay armed through an impedance sweep.
@Suite struct EISSafetyTests {
    @Test func aPressureCrossingDuringASweepStopsItBetweenFrequencies() async throws {
        let cell = try #require(CellPresets.named("li-lpscl-li"))
        // Paced so the sweep's slow end takes a quarter of a second, many load-cell cadences.
        let bench = SimulatedBench(definition: cell, seed: 4, speed: .factor(10_000), clock: ThreadBlockingClock())
        let sensor = ScriptedPressureSensor()
        let log = CallLog()
        let potentiostat = LoggingPotentiostat(inner: ElectricalOnlyPotentiostat(inner: bench.potentiostat), log: log)
        let observer = CollectingObserver()
        let executor = ProtocolExecutor(definition: try parse("""
            name: eis under pressure
            safety: {pressure: {max: 20 MPa}}
            steps:
              - eis: {mode: potentiostatic, from: 1 MHz, to: 0.01 Hz, per_decade: 10, amplitude: 10 mV}
            """), instruments: ChannelInstruments(potentiostat: potentiostat, pressureSensor: sensor, pressureCadence: .milliseconds(20)),
            cell: CellContext(CellDescription(cell)), clock: ContinuousClock(), observer: observer)
        // The load cell reads too high once the sweep is under way (from its tenth frequency).
        log.onAppend = { calls in if calls.filter({ $0 == .impedance }).count == 10 { sensor.set(pressure: 30e6) } }
        let outcome = await onOwnThread { await executor.run() }
        guard case .paused(.alarm(let alarm)) = outcome else {
            Issue.record("expected a safety pause, got \(outcome)")
            return
        }
        #expect(alarm.cause == .safetyLimit && alarm.message.contains("pressure max"))
        let frequencies = log.all.filter { $0 == .impedance }.count
        #expect(frequencies >= 10 && frequencies < 81, "stopped after \(frequencies) of 81 frequencies")
        #expect(observer.spectra.isEmpty, "no spectrum from a sweep that was stopped")
        #expect(log.all.last == .safeState)
    }

    @Test func aGalvanostaticSweepWithADCLevelReadsTheCellBetweenFrequencies() async throws {
        // A blocking cell charges under the DC current, so its voltage climbs through the sweep.
        let cell = try #require(CellPresets.named("ss-lpscl-ss"))
        let bench = SimulatedBench(definition: cell, seed: 4)
        let log = CallLog()
        let observer = CollectingObserver()
        let executor = ProtocolExecutor(definition: try parse("""
            name: geis with dc
            safety: {voltage: {max: 1 V}}
            record: {dt: 1 s, sample: 1 s}
            steps:
              - eis: {mode: galvanostatic, from: 10 kHz, to: 0.1 Hz, per_decade: 5, amplitude: 0.1 uA, dc: 1 uA}
            """), instruments: ChannelInstruments(potentiostat: LoggingPotentiostat(inner: bench.potentiostat, log: log)),
            cell: CellContext(CellDescription(cell)), clock: ContinuousClock(), observer: observer)
        guard case .paused(.alarm(let alarm)) = await executor.run() else {
            Issue.record("expected the DC current to drive the voltage over its limit mid-sweep")
            return
        }
        #expect(alarm.cause == .safetyLimit && alarm.message.contains("voltage"))
        let calls = log.all
        let sweeps = calls.filter { $0 == .impedance }.count
        #expect(sweeps > 1 && sweeps < 26, "the limit acted between frequencies (after \(sweeps) of 26)")
        #expect(calls.last == .safeState)
    }
}
