import CyclerConfiguration
import CellSimulator
import Synchronization
import Instruments
import Testing
@testable import ProtocolEngine

/// Safety limits on pressure and temperature work when those come from a
/// separate sensor, polled on its own cadence, not from the potentiostat.
@Suite struct SensorFusionTests {
    /// A channel whose potentiostat reports only V and I, with a scripted load cell beside it.
    struct Channel {
        let bench: SimulatedBench
        let sensor = ScriptedPressureSensor()
        let observer = CollectingObserver()
        let executor: ProtocolExecutor<ContinuousClock>

        init(_ yaml: String, cadence: Duration = .milliseconds(20), speed: Double? = 1000) throws {
            let cell = try #require(CellPresets.named("li-lpscl-li"))
            bench = SimulatedBench(definition: cell, seed: 5, speed: speed.map { .factor($0) } ?? .maximum, clock: ThreadBlockingClock())
            let instruments = ChannelInstruments(potentiostat: ElectricalOnlyPotentiostat(inner: bench.potentiostat),
                                                 pressureSensor: sensor, pressureCadence: cadence)
            executor = ProtocolExecutor(definition: try parse(yaml), instruments: instruments, cell: CellContext(CellDescription(cell)),
                                        clock: ContinuousClock(), observer: observer)
        }

        func run() async -> JobOutcome { await onOwnThread { await executor.run() } }
    }

    static let pressureLimited = """
        name: pressure limited
        safety: {pressure: {min: 1 MPa, max: 20 MPa}}
        record: {dt: 1 s, sample: 1 s}
        steps:
          - cc: 0.1 mA
            until: ["t >= 1 h"]
        """

    /// Two minutes of rest with the load cell reading 7 MPa and no limit on it.
    static func loggingAt7MPa() throws -> Channel {
        let channel = try Channel("""
            name: logging
            record: {dt: 1 s, sample: 1 s}
            steps:
              - rest: 2 min
            """, speed: 100)
        channel.sensor.set(pressure: 7e6)
        return channel
    }

    @Test func samplesCarryTheLoadCellsReadingAndItsAge() async throws {
        let channel = try Self.loggingAt7MPa()
        #expect(await channel.run() == .completed)
        let late = channel.observer.samples.dropFirst(10)
        #expect(!late.isEmpty && late.allSatisfy { $0.pressure == 7e6 })
        #expect(channel.sensor.reads > 5)
    }

    @Test func aLostSensorWithNoLimitLeavesAGapNotItsLastReading() async throws {
        let channel = try Self.loggingAt7MPa()
        let sensor = channel.sensor
        channel.observer.onRecord = { sample in if sample.time >= 30 { sensor.stopAnswering() } }
        #expect(await channel.run() == .completed, "no limit watches the pressure, so the job goes on")
        let samples = channel.observer.samples
        #expect(samples.filter { $0.time >= 10 && $0.time < 30 }.allSatisfy { $0.pressure == 7e6 })
        // Stale after 2.5 cadences of 20 ms (5 s of job time at 100x): later samples say "not known".
        let late = samples.filter { $0.time >= 45 }
        #expect(!late.isEmpty && late.allSatisfy { $0.pressure == nil })
    }

    @Test func aMaximumTripsFromTheSeparateSensor() async throws {
        let channel = try Channel(Self.pressureLimited)
        let sensor = channel.sensor
        channel.observer.onRecord = { sample in if sample.time >= 60 { sensor.set(pressure: 25e6) } }
        let outcome = await channel.run()
        guard case .paused(.alarm(let alarm)) = outcome else {
            Issue.record("expected a safety pause, got \(outcome)")
            return
        }
        #expect(alarm.cause == .safetyLimit)
        #expect(alarm.message.contains("output off"))
        #expect(await channel.bench.output == .openCircuit)
        // Every reading is recorded (dt = sample): the first that carries the
        // crossed pressure is the one the output went off on.
        let crossing = try #require(channel.observer.samples.first { ($0.pressure ?? 0) > 20e6 })
        #expect(crossing == channel.observer.samples.last, "output off on the first sample after the load cell crossed")
    }

    @Test func aMinimumTripsToo() async throws {
        let channel = try Channel(Self.pressureLimited)
        let sensor = channel.sensor
        channel.observer.onRecord = { sample in if sample.time >= 30 { sensor.set(pressure: 0.5e6) } }
        guard case .paused(.alarm(let alarm)) = await channel.run() else {
            Issue.record("expected a safety pause")
            return
        }
        #expect(alarm.cause == .safetyLimit && alarm.message.contains("pressure min"))
    }

    @Test func aReadingThatIsNotANumberCrossesTheLimit() async throws {
        let channel = try Channel(Self.pressureLimited)
        let sensor = channel.sensor
        channel.observer.onRecord = { sample in if sample.time >= 30 { sensor.set(pressure: .nan) } }
        guard case .paused(.alarm(let alarm)) = await channel.run() else {
            Issue.record("expected a safety pause")
            return
        }
        #expect(alarm.cause == .safetyLimit && alarm.message.contains("nan"))
    }

    @Test func aSensorThatStopsAnsweringFaultsTheJobWithinThreeCadences() async throws {
        // The bench runs flat out, so a potentiostat reading follows at once
        // whenever the sensor's reading turns stale.
        let cadence = Duration.milliseconds(100)
        let channel = try Channel("""
            name: long
            safety: {pressure: {max: 20 MPa}}
            record: {dt: 1 h, sample: 1 s}
            steps:
              - cc: 0.1 mA
                until: ["t >= 1000 h"]
            """, cadence: cadence, speed: nil)
        let sensor = channel.sensor
        let watcher = Task {
            try await Task.sleep(for: cadence * 3)
            sensor.stopAnswering()
        }
        let outcome = await channel.run()
        watcher.cancel()
        guard case .paused(.alarm(let alarm)) = outcome else {
            Issue.record("expected a stale-sensor pause, got \(outcome)")
            return
        }
        #expect(alarm.cause == .staleSensor)
        #expect(alarm.message.contains("no answer"), "the alarm says why: \(alarm.message)")
        #expect(await channel.bench.output == .openCircuit)
        let age = try #require(alarm.value)
        #expect(age > 2.5 * cadence.seconds && age < 3 * cadence.seconds, "faulted when the reading was \(age) s old")
    }
}
