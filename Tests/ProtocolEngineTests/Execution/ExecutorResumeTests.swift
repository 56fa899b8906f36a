import CyclerConfiguration
import CellSimulator
import Foundation
import Instruments
import Testing
@testable import ProtocolEngine

/// Interrupted at a random point, a job resumes from its checkpoint (through
/// JSON, in a new executor) and finishes as an uninterrupted run does: the
/// same steps in the same order, the same cycles, the same charge within one
/// sample period.
///
/// The benches are noiseless: a resumed run takes one extra reading (the
/// open-circuit reading of the resume rule), so a noisy bench would give both
/// runs different noise from there on, and the comparison would measure the
/// noise's effect on later cut-offs rather than the resume.
@Suite struct ExecutorResumeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var preset: String
        var yaml: String
        /// Where the interruption may fall, judged on the uninterrupted run's recorded samples.
        var interruptible: @Sendable (RecordedSample) -> Bool
        var seed: UInt64
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a rest", preset: "li-lpscl-li", yaml: """
            name: rest
            record: {dt: 60 s, sample: 10 s}
            steps:
              - cc: 0.2 mA
                until: ["t >= 30 min"]
              - rest: 3 h
            """, interruptible: { $0.step == 2 && $0.stepTime > 60 }, seed: 1),
        Case(name: "a cc with a capacity limit", preset: "nmc811-lpscl-liin", yaml: """
            name: capacity-limited
            requires: {capacity: true}
            record: {dt: 60 s, sample: 10 s}
            steps:
              - cc: C/5
                until: ["|Q| >= 0.5 mAh", "t >= 10 h"]
              - rest: 10 min
            """, interruptible: { $0.step == 1 && $0.stepTime > 60 }, seed: 2),
        Case(name: "a cccv in its CV phase", preset: "nmc811-lpscl-liin", yaml: """
            name: cccv
            requires: {capacity: true}
            record: {dt: 60 s, sample: 10 s}
            steps:
              - cccv: {current: C/2, voltage: 3.68 V, cutoff: C/20}
                until: ["t >= 4 h"]
              - rest: 10 min
            """, interruptible: { $0.step == 1 && $0.voltage > 3.675 && $0.current < 0.7 * 0.785e-3 }, seed: 3),
        Case(name: "a pulse train", preset: "nmc811-lpscl-liin", yaml: """
            name: pulses
            requires: {capacity: true}
            record: {dt: 30 s, sample: 10 s}
            steps:
              - pulse: {current: C/2, duration: 5 min, rest: 10 min, count: 6}
              - rest: 10 min
            """, interruptible: { $0.step == 1 && $0.stepTime > 20 * 60 && $0.stepTime < 80 * 60 }, seed: 4),
        Case(name: "a cycling loop with an every block", preset: "nmc811-lpscl-liin", yaml: """
            name: cycling
            requires: {capacity: true}
            record: {dt: 60 s, sample: 10 s}
            steps:
              - loop:
                  count: 3
                  cycle: true
                  steps:
                    - every:
                        cycles: 1
                        steps:
                          - eis: {mode: potentiostatic, from: 100 kHz, to: 10 Hz, per_decade: 3, amplitude: 10 mV}
                    - cc: C/2
                      until: ["V >= 3.6 V"]
                    - rest: 10 min
                    - cc: -C/2
                      until: ["V <= 2.8 V"]
            """, interruptible: { $0.cycle == 2 && $0.stepTime > 30 }, seed: 5),
    ]

    /// What the comparison looks at.
    struct Summary {
        var steps: [String]
        var cycles: Int
        var charge: Double
        var largestCurrent: Double
    }

    static func summary(_ observers: [CollectingObserver]) -> Summary {
        let events = observers.flatMap(\.events)
        let samples = observers.flatMap(\.samples)
        let steps = events.compactMap { if case .stepStarted(let step) = $0.kind { "\(step.kind) \(step.summary) cycle \(step.cycle)" } else { nil } }
        let cycles = events.filter { if case .cycleEnded = $0.kind { true } else { false } }.count
        var lastPerStep: [Int: Double] = [:]
        for sample in samples { lastPerStep[sample.step] = sample.stepCharge }
        return Summary(steps: steps, cycles: cycles, charge: lastPerStep.values.reduce(0) { $0 + abs($1) },
                       largestCurrent: samples.map { abs($0.current) }.max() ?? 0)
    }

    static func perStep(_ observers: [CollectingObserver]) -> [String] {
        var last: [Int: RecordedSample] = [:]
        for sample in observers.flatMap(\.samples) { last[sample.step] = sample }
        return last.keys.sorted().map { "\($0): \(last[$0]!.stepCharge) \(last[$0]!.stepTime)" }
    }

    @Test(arguments: cases)
    func resumesFromItsCheckpointAndFinishesAsAnUninterruptedRun(_ testCase: Case) async throws {
        let definition = try parse(testCase.yaml)
        let cell = try #require(CellPresets.named(testCase.preset))

        let uninterrupted = CollectingObserver()
        let reference = SimulatedBench(definition: cell, seed: 9, noise: .none)
        #expect(await ProtocolExecutor(definition: definition, instruments: ChannelInstruments(bench: reference),
                                       cell: CellContext(CellDescription(cell)), clock: ContinuousClock(), observer: uninterrupted).run() == .completed)
        var random = SeededRandom(seed: testCase.seed)
        // The pause acts at the next reading, so the point is one the step goes on after.
        let samples = uninterrupted.samples
        let candidates = samples.indices.dropLast().filter { samples[$0 + 1].step == samples[$0].step && testCase.interruptible(samples[$0]) }
        try #require(!candidates.isEmpty, "the uninterrupted run never reached the point to interrupt")
        let interruptAt = candidates[Int(random.uniform() * Double(candidates.count)) % candidates.count]

        // The same bench, interrupted: a pause posted once that sample is recorded.
        let bench = SimulatedBench(definition: cell, seed: 9, noise: .none)
        let before = CollectingObserver()
        let first = ProtocolExecutor(definition: definition, instruments: ChannelInstruments(bench: bench),
                                     cell: CellContext(CellDescription(cell)), clock: ContinuousClock(), observer: before)
        before.onRecord = { [control = first.control, count = SampleCounter()] _ in
            count.increment()
            if count.count == interruptAt + 1 { control.pause(by: "test", reason: "interrupt") }
        }
        guard case .paused = await first.run() else {
            Issue.record("the job did not pause at sample \(interruptAt)")
            return
        }
        let checkpoint = try #require(before.checkpoints.last)
        let inStep = try #require(checkpoint.cursors.last?.step, "the interruption fell inside a step")
        #expect(inStep.elapsed > 0)
        if testCase.name.contains("CV phase") { #expect(inStep.phase == .constantVoltage, "\(before.samples.suffix(4).map { ($0.time, $0.step, $0.voltage, $0.current) }) \(inStep) at \(interruptAt) of \(uninterrupted.samples.count)") }
        if testCase.name.contains("pulse") { #expect(inStep.pulsesDone > 0) }
        let decoded = try JSONDecoder().decode(ExecutorCheckpoint.self, from: JSONEncoder().encode(checkpoint))
        #expect(decoded == checkpoint)

        let after = CollectingObserver()
        let second = try ProtocolExecutor(definition: definition, instruments: ChannelInstruments(bench: bench),
                                          cell: CellContext(CellDescription(cell)), clock: ContinuousClock(), observer: after,
                                          resuming: decoded, events: before.events, samples: before.samples, gap: 0)
        #expect(await second.run() == .completed)

        let expected = Self.summary([uninterrupted]), got = Self.summary([before, after])
        #expect(got.steps == expected.steps)
        #expect(got.cycles == expected.cycles)
        let onePeriod = expected.largestCurrent * 10
        #expect(abs(got.charge - expected.charge) <= onePeriod,
                "charge \(got.charge) C against \(expected.charge) C uninterrupted (one sample period is \(onePeriod) C); \(Self.perStep([before, after])) vs \(Self.perStep([uninterrupted])) at \(interruptAt)")
        #expect(after.events.contains { if case .resumed = $0.kind { true } else { false } })
        let resumedSample = try #require(after.samples.first)
        let pausedSample = try #require(before.samples.last)
        #expect(resumedSample.time > pausedSample.time, "job time carries on after the restart")
    }
}
