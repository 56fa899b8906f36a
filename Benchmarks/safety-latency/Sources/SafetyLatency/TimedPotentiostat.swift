import Electrochemistry
import CellSimulator
import Instruments
import Synchronization

/// Wraps a potentiostat and timestamps the two events the benchmark measures:
/// the moment `nextSample()` hands over a sample past the limit, and the
/// moment the executor calls `enterSafeState()`.
final class TimedPotentiostat: Potentiostat {
    struct Marks {
        var crossingHandedOver: ContinuousClock.Instant?
        var safeStateCalled: ContinuousClock.Instant?
    }

    let inner: any Potentiostat
    let limit: Double
    let marks = Mutex(Marks())

    init(inner: any Potentiostat, voltageLimit: Double) {
        self.inner = inner
        self.limit = voltageLimit
    }

    var capabilities: PotentiostatCapabilities { inner.capabilities }
    func identify() async throws -> InstrumentIdentity { try await inner.identify() }
    func apply(_ setpoint: SourceSetpoint) async throws { try await inner.apply(setpoint) }
    func setSampleInterval(_ seconds: Double) async throws { try await inner.setSampleInterval(seconds) }
    func measureImpedance(_ request: ImpedanceRequest) async throws -> ImpedanceSpectrum { try await inner.measureImpedance(request) }

    func nextSample() async throws -> Sample {
        let sample = try await inner.nextSample()
        if sample.voltage > limit {
            marks.withLock { if $0.crossingHandedOver == nil { $0.crossingHandedOver = .now } }
        }
        return sample
    }

    func reconnect(within: Duration) async throws {}
    func close() async {}
    func enterSafeState() async throws {
        marks.withLock { if $0.safeStateCalled == nil { $0.safeStateCalled = .now } }
        try await inner.enterSafeState()
    }

    /// Seconds from the crossing sample to the output-off call, if both happened.
    var latency: Double? {
        marks.withLock { marks in
            guard let crossing = marks.crossingHandedOver, let off = marks.safeStateCalled else { return nil }
            let (seconds, attoseconds) = crossing.duration(to: off).components
            return Double(seconds) + Double(attoseconds) * 1e-18
        }
    }
}
