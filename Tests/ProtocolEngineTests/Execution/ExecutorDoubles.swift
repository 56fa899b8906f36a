import Electrochemistry
import Instruments
import Synchronization
import Transport
@testable import ProtocolEngine

/// The bench's potentiostat without its pressure and temperature readings,
/// as a real potentiostat's samples come: those must come from separate sensors.
struct ElectricalOnlyPotentiostat: Potentiostat {
    let inner: any Potentiostat

    var capabilities: PotentiostatCapabilities { inner.capabilities }
    func identify() async throws -> InstrumentIdentity { try await inner.identify() }
    func enterSafeState() async throws { try await inner.enterSafeState() }
    func reconnect(within: Duration) async throws { try await inner.reconnect(within: within) }
    func close() async { await inner.close() }
    func apply(_ setpoint: SourceSetpoint) async throws { try await inner.apply(setpoint) }
    func setSampleInterval(_ seconds: Double) async throws { try await inner.setSampleInterval(seconds) }
    func nextSample() async throws -> Sample {
        var sample = try await inner.nextSample()
        sample.pressure = nil
        sample.temperature = nil
        return sample
    }
    func measureImpedance(_ request: ImpedanceRequest) async throws -> ImpedanceSpectrum {
        try await inner.measureImpedance(request)
    }
}

/// A load cell whose reading a test sets, and which can be made to stop answering.
final class ScriptedPressureSensor: PressureSensor {
    struct Silent: InstrumentError {
        var instrument: String { "scripted load cell" }
        var address: String { "test:" }
        var isRecoverableByReconnect: Bool { true }
        var description: String { "scripted load cell: no answer (timeout)" }
    }

    private let state = Mutex((pressure: 5e6, answers: true, reads: 0))

    func set(pressure: Double) { state.withLock { $0.pressure = pressure } }
    func stopAnswering() { state.withLock { $0.answers = false } }
    var reads: Int { state.withLock { $0.reads } }

    func readPressure() async throws -> Double {
        try state.withLock { state in
            guard state.answers else { throw Silent() }
            state.reads += 1
            return state.pressure
        }
    }

    func identify() async throws -> InstrumentIdentity {
        InstrumentIdentity(vendor: "test", model: "scripted load cell", serialNumber: "", firmware: "", address: "test:")
    }
    func enterSafeState() async throws {}
    func reconnect(within: Duration) async throws {}
    func close() async {}
}

/// A count another task can watch while the job's task records.
final class SampleCounter: Sendable {
    private let value = Atomic(0)
    func increment() { value.add(1, ordering: .relaxed) }
    var count: Int { value.load(ordering: .relaxed) }

    /// Waits (polling, bounded) until at least `n` samples were recorded.
    /// It blocks its thread between looks: call it from a test's own thread
    /// (`onOwnThread`), where a busy pool's late timers cannot delay it.
    func wait(for n: Int, timeout: Duration = .seconds(30)) throws {
        let deadline = ContinuousClock.now + timeout
        while count < n {
            guard ContinuousClock.now < deadline else { throw TestSetupFailure("only \(count) of \(n) samples within \(timeout)") }
            _ = Pacer().wait(for: .milliseconds(1))
        }
    }
}

struct TestSetupFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Runs `body` on a thread of its own: a paced job measured against wall
/// time must not wait for a cooperative pool that the other suites keep busy.
func onOwnThread<T>(_ body: () async throws -> T) async rethrows -> T {
    let thread = DedicatedThreadExecutor(name: "test job")
    defer { thread.stop() }
    return try await withTaskExecutorPreference(thread) { try await body() }
}

/// The continuous clock, except that `sleep` blocks the calling thread. A
/// paced bench sleeps inside its actor; run on a test's own thread (see
/// `onOwnThread`), this keeps its pace however busy the cooperative pool is,
/// where Swift's timers (fired from that pool on Linux) could be late by seconds.
struct ThreadBlockingClock: Clock {
    var now: ContinuousClock.Instant { ContinuousClock.now }
    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: ContinuousClock.Instant, tolerance: Duration?) async throws {
        _ = Pacer().wait(for: ContinuousClock.now.duration(to: deadline))
        try Task.checkCancellation()
    }
}
