import CyclerConfiguration
import CellSimulator
import Instruments
import Testing
@testable import ProtocolEngine

/// Pause, resume, stop and skip posted from another task while a step runs,
/// on a bench paced so the job takes real time.
@Suite struct ExecutorControlTests {
    /// A job on a bench running `speed`× real time, in a task of its own, with a counter other tasks can watch.
    final class PacedJob: @unchecked Sendable {
        let bench: SimulatedBench
        let observer = CollectingObserver()
        let counter = SampleCounter()
        let executor: ProtocolExecutor<ContinuousClock>

        init(_ yaml: String, preset: String = "li-lpscl-li", speed: Double = 5_000) throws {
            let definition = try parse(yaml)
            let cell = try #require(CellPresets.named(preset))
            bench = SimulatedBench(definition: cell, seed: 11, speed: .factor(speed), clock: ThreadBlockingClock())
            executor = ProtocolExecutor(definition: definition, instruments: ChannelInstruments(bench: bench),
                                        cell: CellContext(CellDescription(cell)), clock: ContinuousClock(), observer: observer)
            let counter = counter
            observer.onRecord = { _ in counter.increment() }
        }

        func start() -> Task<JobOutcome, Never> {
            Task { await onOwnThread { await executor.run() } }
        }
    }

    static let twoRests = """
        name: controlled
        record: {dt: 10 s, sample: 10 s}
        steps:
          - cc: 0.1 mA
            until: ["t >= 5 h"]
          - rest: 1 min
            name: last
        """

    @Test func aPauseFromAnotherTaskTurnsTheOutputOffAndResumeFinishesTheJob() async throws {
        try await onOwnThread { try await pauseAndResume() }
    }

    private func pauseAndResume() async throws {
        let job = try PacedJob(Self.twoRests)
        let running = job.start()
        try job.counter.wait(for: 50)
        job.executor.control.pause(by: "alice", reason: "checking the cell")
        let outcome = await running.value
        guard case .paused(.requested(let request)) = outcome else {
            Issue.record("expected an operator pause, got \(outcome)")
            return
        }
        #expect(request.requestedBy == "alice")
        #expect(await job.bench.output == .openCircuit, "the output is off while paused")
        let stepTimeAtPause = try #require(job.observer.samples.last).stepTime
        #expect(stepTimeAtPause < 5 * 3600)

        let resumed = await Task { await onOwnThread { await job.executor.resume(by: "alice", reason: "looks fine") } }.value
        #expect(resumed == .completed)
        let charge = try #require(job.observer.samples.last { $0.step == 1 })
        #expect(abs(charge.stepTime - 5 * 3600) <= 10.001, "the cc ran 5 h in all: \(charge.stepTime) s")
        #expect(abs(charge.stepCharge - 1e-4 * 5 * 3600) < 1e-4 * 20, "its charge is 5 h of 0.1 mA: \(charge.stepCharge) C")
        #expect(job.observer.count { if case .control(let r) = $0 { r.action == .pause } else { false } } == 1)
        #expect(job.observer.count { if case .resumed(by: "alice", _, _, _) = $0 { true } else { false } } == 1)
    }

    @Test func aStopFromAnotherTaskEndsTheJobWithTheOutputOff() async throws {
        try await onOwnThread { try await stop() }
    }

    private func stop() async throws {
        let job = try PacedJob(Self.twoRests)
        let running = job.start()
        try job.counter.wait(for: 20)
        job.executor.control.stop(by: "bob", reason: "wrong cell")
        #expect(await running.value == .stopped)
        #expect(await job.bench.output == .openCircuit)
        #expect(job.observer.count { if case .jobEnded(.stopped) = $0 { true } else { false } } == 1)
        #expect(job.observer.count { if case .control(let r) = $0 { r.action == .stop && r.requestedBy == "bob" } else { false } } == 1)
    }

    @Test func aSkipEndsTheRunningStepAndTheJobGoesOn() async throws {
        try await onOwnThread { try await skip() }
    }

    private func skip() async throws {
        let job = try PacedJob(Self.twoRests)
        let running = job.start()
        try job.counter.wait(for: 20)
        job.executor.control.skipStep(by: "carol", reason: "enough")
        #expect(await running.value == .completed)
        let ends = job.observer.events.compactMap { if case .stepEnded(let step, let reason) = $0.kind { (step.summary, reason) } else { nil } }
        #expect(ends.count == 2)
        #expect(ends.first?.1.hasPrefix("skipped by carol") == true, "\(ends)")
        #expect(ends.last?.0 == "last")
        let cc = try #require(job.observer.samples.last { $0.step == 1 })
        #expect(cc.stepTime < 5 * 3600)
    }
}
