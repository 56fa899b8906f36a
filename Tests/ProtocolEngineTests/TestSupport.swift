import CyclerConfiguration
import Electrochemistry
import CellSimulator
import Foundation
import Synchronization
import Testing
import Instruments
@testable import ProtocolEngine

/// Collects what a job records and reports, for assertions.
final class CollectingObserver: JobObserver {
    var samples: [RecordedSample] = []
    var events: [JobEvent] = []
    var checkpoints: [ExecutorCheckpoint] = []
    /// Called with each recorded sample, for tests that act mid-job (pause, unplug).
    var onRecord: ((RecordedSample) -> Void)?

    func record(_ sample: RecordedSample) {
        samples.append(sample)
        onRecord?(sample)
    }
    func handle(_ event: JobEvent) { events.append(event) }
    func checkpoint(_ checkpoint: ExecutorCheckpoint) { checkpoints.append(checkpoint) }

    var alarms: [Alarm] {
        events.compactMap { if case .alarm(let alarm) = $0.kind { alarm } else { nil } }
    }

    var spectra: [SpectrumRecord] {
        events.compactMap { if case .spectrum(let record) = $0.kind { record } else { nil } }
    }

    var analyses: [AnalysisResult] {
        events.compactMap { if case .analysisResult(let result) = $0.kind { result } else { nil } }
    }

    /// Why analyses failed, by kind.
    var analysisFailures: [(kind: AnalysisKind, reason: String)] {
        events.compactMap { if case .analysisFailed(let kind, let reason) = $0.kind { (kind, reason) } else { nil } }
    }

    func count(where predicate: (JobEvent.Kind) -> Bool) -> Int {
        events.filter { predicate($0.kind) }.count
    }
}

/// The repository root, for the protocol library and the broken corpus.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// What the executor asked of a potentiostat, in order.
enum PotentiostatCall: Equatable {
    case apply(SourceSetpoint)
    case sample(Double)
    case safeState
    case impedance
}

/// A potentiostat that passes every call to another and logs it, so tests see
/// exactly what followed a crossing sample.
struct LoggingPotentiostat: Potentiostat {
    let inner: any Potentiostat
    let log: CallLog

    var capabilities: PotentiostatCapabilities { inner.capabilities }
    func identify() async throws -> InstrumentIdentity { try await inner.identify() }
    func enterSafeState() async throws {
        log.append(.safeState)
        try await inner.enterSafeState()
    }
    func apply(_ setpoint: SourceSetpoint) async throws {
        log.append(.apply(setpoint))
        try await inner.apply(setpoint)
    }
    func reconnect(within: Duration) async throws { try await inner.reconnect(within: within) }
    func close() async { await inner.close() }
    func setSampleInterval(_ seconds: Double) async throws { try await inner.setSampleInterval(seconds) }
    func nextSample() async throws -> Sample {
        let sample = try await inner.nextSample()
        log.append(.sample(sample.time))
        return sample
    }
    func measureImpedance(_ request: ImpedanceRequest) async throws -> ImpedanceSpectrum {
        log.append(.impedance)
        return try await inner.measureImpedance(request)
    }
}

/// A thread-safe list of calls.
final class CallLog: Sendable {
    private let calls = Mutex<[PotentiostatCall]>([])
    private let observer = Mutex<(@Sendable ([PotentiostatCall]) -> Void)?>(nil)

    /// Called with every call so far, on the caller's thread, after each is logged.
    var onAppend: (@Sendable ([PotentiostatCall]) -> Void)? {
        get { observer.withLock { $0 } }
        set { observer.withLock { $0 = newValue } }
    }

    func append(_ call: PotentiostatCall) {
        let all = calls.withLock { calls in
            calls.append(call)
            return calls
        }
        onAppend?(all)
    }
    var all: [PotentiostatCall] { calls.withLock { $0 } }
}

/// Parses protocol text, failing the test with the errors if it does not parse.
func parse(_ yaml: String, file: String = "test.yaml") throws -> ProtocolDefinition {
    try ProtocolParser.parse(yaml, file: file)
}

/// Runs `definition` on a fresh simulated bench of `preset`, optionally with a logging potentiostat.
func run(_ definition: ProtocolDefinition, preset: String, log: CallLog? = nil,
         analysis: (any AnalysisProvider)? = nil) async throws -> (JobOutcome, CollectingObserver, SimulatedBench) {
    let cell = try #require(CellPresets.named(preset))
    let bench = SimulatedBench(definition: cell, seed: 7)
    var instruments = ChannelInstruments(bench: bench)
    if let log { instruments.potentiostat = LoggingPotentiostat(inner: bench.potentiostat, log: log) }
    let observer = CollectingObserver()
    let executor = ProtocolExecutor(definition: definition, instruments: instruments, cell: CellContext(CellDescription(cell)),
                                    clock: ContinuousClock(), observer: observer, analysis: analysis)
    let outcome = await executor.run()
    return (outcome, observer, bench)
}
