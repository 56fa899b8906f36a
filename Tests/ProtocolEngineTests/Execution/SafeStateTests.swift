import CyclerConfiguration
import Electrochemistry
import Synchronization
import CellSimulator
import Instruments
import Testing
@testable import ProtocolEngine

/// A safe-state command that fails is its own, critical alarm: nothing says
/// "output off" when it may not be.
@Suite struct SafeStateTests {
    @Test func aRefusedSafeStateRaisesTheCriticalAlarmAndNothingClaimsTheOutputIsOff() async throws {
        let definition = try parse("""
            name: refused
            safety: {voltage: {max: 0.01 V}}
            record: {dt: 1 s, sample: 1 s}
            steps:
              - cc: 1 mA
                until: ["t >= 10 min"]
            """)
        let cell = try #require(CellPresets.named("li-lpscl-li"))
        let bench = SimulatedBench(definition: cell, seed: 2)
        await bench.setRefusesSafeState(true)
        let observer = CollectingObserver()
        let executor = ProtocolExecutor(definition: definition, instruments: ChannelInstruments(bench: bench),
                                        cell: CellContext(CellDescription(cell)), clock: ContinuousClock(), observer: observer)
        let outcome = await executor.run()
        guard case .paused(.alarm(let alarm)) = outcome else {
            Issue.record("expected a safety pause, got \(outcome)")
            return
        }
        #expect(alarm.cause == .safetyLimit)
        let critical = observer.alarms.filter { $0.severity == .critical }
        #expect(critical.count == 1 && critical.first?.cause == .safeStateFailed)
        #expect(critical.first?.message.contains("OUTPUT MAY STILL BE ON") == true)
        #expect(!observer.alarms.contains { $0.message.contains("output off") }, "\(observer.alarms.map(\.message))")
        #expect(await bench.output != .openCircuit, "the bench really kept its output on")
    }

    @Test func aSafeStateThatWorksOnARetryIsNotAnAlarm() async throws {
        let cell = try #require(CellPresets.named("li-lpscl-li"))
        let bench = SimulatedBench(definition: cell, seed: 2)
        let flaky = FlakySafeState(inner: bench.potentiostat, failures: 1)
        let observer = CollectingObserver()
        let executor = ProtocolExecutor(definition: try parse("""
            name: flaky
            safety: {voltage: {max: 0.01 V}}
            record: {dt: 1 s, sample: 1 s}
            steps:
              - cc: 1 mA
                until: ["t >= 10 min"]
            """), instruments: ChannelInstruments(potentiostat: flaky), cell: CellContext(CellDescription(cell)),
            clock: ContinuousClock(), observer: observer)
        guard case .paused(.alarm(let alarm)) = await executor.run() else {
            Issue.record("expected a safety pause")
            return
        }
        #expect(alarm.message.contains("output off"))
        #expect(!observer.alarms.contains { $0.cause == .safeStateFailed })
        #expect(await bench.output == .openCircuit)
    }
}

/// A potentiostat whose first `failures` safe-state commands fail.
final class FlakySafeState: Potentiostat, @unchecked Sendable {
    let inner: any Potentiostat
    private let remaining: Mutex<Int>

    init(inner: any Potentiostat, failures: Int) {
        self.inner = inner
        remaining = Mutex(failures)
    }

    var capabilities: PotentiostatCapabilities { inner.capabilities }
    func identify() async throws -> InstrumentIdentity { try await inner.identify() }
    func enterSafeState() async throws {
        if remaining.withLock({ left in defer { left -= 1 }; return left > 0 }) { throw ScriptedPressureSensor.Silent() }
        try await inner.enterSafeState()
    }
    func reconnect(within: Duration) async throws {}
    func close() async {}
    func apply(_ setpoint: SourceSetpoint) async throws { try await inner.apply(setpoint) }
    func setSampleInterval(_ seconds: Double) async throws { try await inner.setSampleInterval(seconds) }
    func nextSample() async throws -> Sample { try await inner.nextSample() }
    func measureImpedance(_ request: ImpedanceRequest) async throws -> ImpedanceSpectrum { try await inner.measureImpedance(request) }
}
