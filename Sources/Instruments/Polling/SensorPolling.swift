import Synchronization
import Transport

/// A channel's separate pressure and temperature sensors, each read on its own
/// cadence, with the latest reading and when it was taken.
///
/// Each sensor is polled on a thread of its own, which also waits out the
/// cadence itself (`Pacer`): a cooperative pool kept busy by other channels
/// (on Linux it also fires Swift's timers) cannot delay a reading until it
/// looks stale, which would fault a job whose sensor is fine.
public final class SensorPolling<C: Clock>: Sendable where C.Duration == Duration {
    public enum Quantity: String, Sendable, Hashable, CaseIterable {
        case pressure, temperature
    }

    /// One sensor's state: its latest good reading, the failure since it, and when polling began.
    public struct Status: Sendable {
        public var cadence: Duration
        public var latest: (value: Double, at: C.Instant)?
        public var lastFailure: String?
        public var since: C.Instant

        /// How old the latest reading is at `now` (since polling began when there is none).
        public func age(at now: C.Instant) -> Duration { (latest?.at ?? since).duration(to: now) }
    }

    private struct Source: Sendable {
        var cadence: Duration
        var read: @Sendable () async throws -> Double
        var thread: DedicatedThreadExecutor
        var pacer = Pacer()
    }

    public let clock: C
    private let sources: [Quantity: Source]
    private let state: Mutex<[Quantity: Status]>

    public init(pressure: (any PressureSensor)?, pressureCadence: Duration,
                thermal: (any ThermalController)?, temperatureCadence: Duration, clock: C) {
        var sources: [Quantity: Source] = [:]
        if let pressure {
            sources[.pressure] = Source(cadence: pressureCadence, read: { try await pressure.readPressure() },
                                        thread: DedicatedThreadExecutor(name: "pressure polling"))
        }
        if let thermal {
            sources[.temperature] = Source(cadence: temperatureCadence, read: { try await thermal.readTemperature() },
                                           thread: DedicatedThreadExecutor(name: "temperature polling"))
        }
        self.sources = sources
        self.clock = clock
        let now = clock.now
        state = Mutex(sources.mapValues { Status(cadence: $0.cadence, since: now) })
    }

    deinit {
        for source in sources.values { source.thread.stop() }
    }

    /// Whether there is anything to poll.
    public var isEmpty: Bool { sources.isEmpty }

    /// Polls every sensor until the task is cancelled.
    public func run() async {
        let now = clock.now
        state.withLock { states in
            for quantity in states.keys { states[quantity]?.since = now }
        }
        await withDiscardingTaskGroup { group in
            for (quantity, source) in sources {
                group.addTask(executorPreference: source.thread) { await self.poll(quantity, source) }
            }
        }
    }

    private func poll(_ quantity: Quantity, _ source: Source) async {
        source.pacer.reset()
        while !Task.isCancelled {
            do {
                let value = try await source.read()
                let now = clock.now
                state.withLock {
                    $0[quantity]?.latest = (value, now)
                    $0[quantity]?.lastFailure = nil
                }
            } catch is CancellationError {
                return
            } catch {
                state.withLock { $0[quantity]?.lastFailure = "\(error)" }
            }
            // Blocks this sensor's own thread; a cancellation wakes it at once.
            let woken = await withTaskCancellationHandler {
                source.pacer.wait(for: source.cadence)
            } onCancel: {
                source.pacer.cancel()
            }
            if !woken { return }
        }
    }

    /// Waits until every sensor has answered once (a reading or a failure), or
    /// `limit` has passed: a job does not start with its pressure unknown.
    public func firstAnswers(within limit: Duration) async {
        let deadline = clock.now.advanced(by: limit)
        while clock.now < deadline {
            let answered = state.withLock { $0.values.allSatisfy { $0.latest != nil || $0.lastFailure != nil } }
            if answered { return }
            try? await clock.sleep(for: .milliseconds(5))
        }
    }

    /// The state of the sensor for `quantity`, or nil when the channel has none.
    public func status(of quantity: Quantity) -> Status? {
        state.withLock { $0[quantity] }
    }
}
