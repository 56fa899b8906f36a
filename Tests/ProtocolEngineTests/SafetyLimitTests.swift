import CyclerConfiguration
import CellSimulator
import Instruments
import Testing
@testable import ProtocolEngine

/// Drives a simulated cell over each safety limit: the output must be off
/// within the crossing sample, the job paused and an alarm recorded.
@Suite struct SafetyLimitTests {
    /// The call after the crossing sample must be the safe-state command, and
    /// no further sample may be taken.
    private func expectTripped(_ outcome: JobOutcome, _ observer: CollectingObserver, _ log: CallLog,
                               quantity: SafetyLimits.Quantity, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        guard case .paused(let reason) = outcome, let alarm = reason.alarm else {
            Issue.record("expected a paused job, got \(outcome)", sourceLocation: sourceLocation)
            return
        }
        #expect(alarm.cause == .safetyLimit, sourceLocation: sourceLocation)
        #expect(alarm.message.contains(quantity.rawValue), sourceLocation: sourceLocation)
        #expect(observer.alarms.count == 1, sourceLocation: sourceLocation)
        let calls = log.all
        let lastSample = try #require(calls.lastIndex { if case .sample = $0 { true } else { false } })
        #expect(calls[lastSample + 1] == .safeState, "the command after the crossing sample turns the output off",
                sourceLocation: sourceLocation)
        #expect(calls.count == lastSample + 2, "nothing is sampled or applied after the trip", sourceLocation: sourceLocation)
        // The crossing sample itself is recorded.
        let recorded = try #require(observer.samples.last)
        guard case .sample(let crossingTime) = calls[lastSample] else { return }
        #expect(recorded.time == crossingTime, sourceLocation: sourceLocation)
        #expect(!observer.events.contains { if case .jobEnded = $0.kind { true } else { false } },
                "a paused job has not ended", sourceLocation: sourceLocation)
    }

    @Test func voltageMaximumTurnsTheOutputOffOnTheCrossingSample() async throws {
        let definition = try parse("""
            name: over-voltage
            safety: {voltage: {max: 3.0 V}}
            steps:
              - cc: 1 mA
                until: ["t >= 10 h"]
            """)
        let log = CallLog()
        let (outcome, observer, _) = try await run(definition, preset: "nmc811-lpscl-liin", log: log)
        try expectTripped(outcome, observer, log, quantity: .voltage)
        let crossing = try #require(observer.samples.last)
        #expect(crossing.voltage > 3.0)
        #expect(observer.samples.dropLast().allSatisfy { $0.voltage <= 3.0 })
    }

    @Test func currentMaximumTripsOnAPotentiostaticInrush() async throws {
        // Holding 3.5 V on a discharged cell (OCV ≈ 2.8 V) drives far more than 1 mA.
        let definition = try parse("""
            name: over-current
            safety: {current: {min: -1 mA, max: 1 mA}}
            steps:
              - rest: 30 s
              - cv: 3.5 V
                until: ["t >= 1 h"]
            """)
        let log = CallLog()
        let (outcome, observer, _) = try await run(definition, preset: "nmc811-lpscl-liin", log: log)
        try expectTripped(outcome, observer, log, quantity: .current)
        #expect(try #require(observer.samples.last).current > 1e-3)
    }

    @Test func temperatureMaximumTripsWhileTheChamberHeats() async throws {
        let definition = try parse("""
            name: over-temperature
            safety: {temperature: {max: 40 degC}}
            record: {dt: 10 s}
            steps:
              - set_temperature: 60 degC
              - rest: 4 h
            """)
        let log = CallLog()
        let (outcome, observer, _) = try await run(definition, preset: "li-lpscl-li", log: log)
        try expectTripped(outcome, observer, log, quantity: .temperature)
        let crossing = try #require(observer.samples.last?.temperature)
        #expect(crossing > 313.15 && crossing < 314.5, "tripped on the first sample past 40 °C, not later")
    }

    @Test func pressureMaximumTripsWhenTheRigOvershoots() async throws {
        let definition = try parse("""
            name: over-pressure
            safety: {pressure: {max: 50 MPa}}
            steps:
              - rest: 1 min
              - set_pressure: {target: 60 MPa, settle: 1 min}
            """)
        let log = CallLog()
        let (outcome, observer, _) = try await run(definition, preset: "li-lpscl-li", log: log)
        try expectTripped(outcome, observer, log, quantity: .pressure)
        #expect(try #require(observer.samples.last?.pressure) > 50e6)
    }

    @Test func aDelayedLimitWaitsForThePersistentCrossing() async throws {
        let definition = try parse("""
            name: delayed
            safety: {pressure: {max: 50 MPa, delay: 30 s}}
            record: {dt: 10 s}
            steps:
              - set_pressure: 60 MPa
              - rest: 10 min
            """)
        let log = CallLog()
        let (outcome, observer, _) = try await run(definition, preset: "li-lpscl-li", log: log)
        try expectTripped(outcome, observer, log, quantity: .pressure)
        let over = observer.samples.filter { ($0.pressure ?? 0) > 50e6 }
        let first = try #require(over.first), last = try #require(over.last)
        #expect(last.time - first.time >= 30 && last.time - first.time < 40)
    }

    @Test func aPausedJobResumesTheStepThatTrippedWithWhatIsLeftOfIt() async throws {
        // The cell cools back below the limit while paused; resuming re-enters
        // the rest with its elapsed time, so it rests 2 h in all, not 2 h more.
        let definition = try parse("""
            name: resumable
            safety: {temperature: {max: 30 degC}}
            record: {dt: 60 s}
            steps:
              - set_temperature: 35 degC
              - rest: 2 h
            """)
        let cell = try #require(CellPresets.named("li-lpscl-li"))
        let bench = SimulatedBench(definition: cell, seed: 3)
        let observer = CollectingObserver()
        let executor = ProtocolExecutor(definition: definition, instruments: ChannelInstruments(bench: bench),
                                        cell: CellContext(CellDescription(cell)), clock: ContinuousClock(), observer: observer)
        guard case .paused = await executor.run() else {
            Issue.record("expected a pause")
            return
        }
        let restBefore = try #require(observer.samples.last { $0.step == 2 }).stepTime
        // The operator lowers the chamber and lets the cell cool, then resumes.
        try await bench.chamber.setSetpoint(298.15)
        await bench.rest(seconds: 7200)
        let outcome = await executor.resume(by: "test", reason: "cooled down")
        #expect(outcome == .completed)
        let restStarts = observer.count { if case .stepStarted(let step) = $0 { step.kind == "rest" } else { false } }
        #expect(restStarts == 1, "the rest that tripped is re-entered, not started again")
        #expect(observer.count { if case .resumed(by: "test", _, _, _) = $0 { true } else { false } } == 1)
        let restEnd = try #require(observer.samples.last { $0.step == 2 })
        #expect(restBefore > 0)
        #expect(abs(restEnd.stepTime - 7200) <= 1, "step time carries on across the pause: \(restEnd.stepTime) s")
        #expect(observer.count { if case .jobEnded = $0 { true } else { false } } == 1)
    }
}
