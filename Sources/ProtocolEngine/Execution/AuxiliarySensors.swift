import Instruments
import Synchronization

/// The channel's separate pressure and temperature sensors, polled on their
/// own cadences while a job runs, and joined to every potentiostat sample.
///
/// A load cell or chamber is read far less often than the potentiostat (and
/// over a slower bus), so each sample carries the latest reading and its
/// age. A reading older than `staleAfter` cadences is stale: a safety limit
/// that depends on it can no longer be trusted, which the executor treats as
/// a fault. A sample that measured a quantity itself (the simulated bench's)
/// keeps its own value.
final class AuxiliarySensors<C: Clock>: Sendable where C.Duration == Duration {
    /// How many cadences a reading may age before it is stale.
    static var staleAfter: Double { 2.5 }

    struct Reading: Sendable {
        var value: Double
        var at: C.Instant
    }

    /// One polled quantity: the latest good reading and the last failure since it.
    struct Channel: Sendable {
        var cadence: Duration
        var latest: Reading?
        var lastFailure: String?
    }

    private let clock: C
    private let pressureSensor: (any PressureSensor)?
    private let thermal: (any ThermalController)?
    private let state: Mutex<(pressure: Channel?, temperature: Channel?, since: C.Instant)>

    init(instruments: ChannelInstruments, clock: C) {
        self.clock = clock
        self.pressureSensor = instruments.pressureSensor
        self.thermal = instruments.thermal
        let now = clock.now
        state = Mutex((instruments.pressureSensor.map { _ in Channel(cadence: instruments.pressureCadence) },
                       instruments.thermal.map { _ in Channel(cadence: instruments.temperatureCadence) }, now))
    }

    /// Polls every sensor until cancelled. Run it beside the job.
    func poll() async {
        state.withLock { $0.since = clock.now }
        await withDiscardingTaskGroup { group in
            if let sensor = pressureSensor, let cadence = state.withLock({ $0.pressure?.cadence }) {
                group.addTask { await self.poll(every: cadence, read: { try await sensor.readPressure() }, into: \.pressure) }
            }
            if let thermal, let cadence = state.withLock({ $0.temperature?.cadence }) {
                group.addTask { await self.poll(every: cadence, read: { try await thermal.readTemperature() }, into: \.temperature) }
            }
        }
    }

    private func poll(every cadence: Duration, read: @Sendable () async throws -> Double,
                      into channel: WritableKeyPath<(pressure: Channel?, temperature: Channel?, since: C.Instant), Channel?>) async {
        while !Task.isCancelled {
            do {
                let value = try await read()
                let now = clock.now
                state.withLock { $0[keyPath: channel]?.latest = Reading(value: value, at: now); $0[keyPath: channel]?.lastFailure = nil }
            } catch is CancellationError {
                return
            } catch {
                state.withLock { $0[keyPath: channel]?.lastFailure = "\(error)" }
            }
            try? await clock.sleep(for: cadence)
        }
    }

    /// Adds the latest polled readings, with their ages, where the sample has none of its own.
    func fuse(_ sample: inout Sample) {
        let now = clock.now
        state.withLock { state in
            if sample.pressure == nil, let channel = state.pressure {
                sample.pressure = channel.latest?.value
                sample.pressureAge = (channel.latest?.at ?? state.since).duration(to: now).seconds
            }
            if sample.temperature == nil, let channel = state.temperature {
                sample.temperature = channel.latest?.value
                sample.temperatureAge = (channel.latest?.at ?? state.since).duration(to: now).seconds
            }
        }
    }

    /// The first quantity a safety limit watches whose reading in `sample` is
    /// stale, with why, or nil when every watched reading is fresh.
    func stale(in sample: Sample, watched: Set<SafetyLimits.Quantity>) -> (quantity: SafetyLimits.Quantity, message: String)? {
        state.withLock { state in
            for (quantity, channel, age) in [(SafetyLimits.Quantity.pressure, state.pressure, sample.pressureAge),
                                              (.temperature, state.temperature, sample.temperatureAge)] {
                guard watched.contains(quantity), let channel, let age,
                      age > Self.staleAfter * channel.cadence.seconds else { continue }
                let last = channel.latest == nil ? "never read" : "last read \((age * 10).rounded() / 10) s ago"
                let failure = channel.lastFailure.map { "; last error: \($0)" } ?? ""
                return (quantity, "the \(quantity.rawValue) sensor was \(last), more than \(Self.staleAfter) of its "
                    + "\(channel.cadence.seconds) s cadences\(failure)")
            }
            return nil
        }
    }
}
