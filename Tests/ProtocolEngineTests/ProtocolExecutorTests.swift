import CyclerConfiguration
import CellSimulator
import Instruments
import Testing
@testable import ProtocolEngine

/// Flow, cycle counting, recording and the analysis hook, on short protocols.
@Suite struct ProtocolExecutorTests {
    @Test func nestedLoopsRunTheirCountsAndOnlyTheMarkedLoopCountsCycles() async throws {
        let definition = try parse("""
            name: nested
            record: {dt: 60 s}
            steps:
              - loop:
                  count: 3
                  cycle: true
                  steps:
                    - loop:
                        count: 2
                        steps:
                          - rest: 2 min
            """)
        let (outcome, observer, _) = try await run(definition, preset: "li-lpscl-li")
        #expect(outcome == .completed)
        let starts = observer.events.compactMap { if case .cycleStarted(let n) = $0.kind { n } else { nil } }
        #expect(starts == [1, 2, 3])
        let rests = observer.events.compactMap { if case .stepStarted(let step) = $0.kind { step.cycle } else { nil } }
        #expect(rests == [1, 1, 2, 2, 3, 3])
    }

    @Test func aLoopEndsWhenItsUntilConditionHolds() async throws {
        // Each iteration charges for 10 min; the loop stops once the cell is above 3.2 V.
        let definition = try parse("""
            name: until
            requires: {capacity: true}
            record: {dt: 60 s}
            steps:
              - loop:
                  count: 100
                  until: ["V >= 3.2 V"]
                  steps:
                    - cc: C/2
                      until: ["t >= 10 min"]
            """)
        let (outcome, observer, _) = try await run(definition, preset: "nmc811-lpscl-liin")
        #expect(outcome == .completed)
        let iterations = observer.count { if case .stepStarted = $0 { true } else { false } }
        #expect(iterations > 1 && iterations < 100)
        let last = try #require(observer.samples.last)
        #expect(last.voltage >= 3.2)
        let beforeLast = observer.samples.filter { $0.step == iterations - 1 }.last
        #expect((beforeLast?.voltage ?? 0) < 3.2)
    }

    @Test func gotoLeavesTheLoopAndSkipsToTheLabel() async throws {
        let definition = try parse("""
            name: goto
            record: {dt: 60 s}
            steps:
              - loop:
                  count: 5
                  steps:
                    - rest: 1 min
                      until: [{when: "t >= 30 s", goto: out}]
                    - rest: 1 h
                      name: skipped
              - rest: 1 min
                label: out
            """)
        let (outcome, observer, _) = try await run(definition, preset: "li-lpscl-li")
        #expect(outcome == .completed)
        let names = observer.events.compactMap { if case .stepStarted(let step) = $0.kind { step.summary } else { nil } }
        #expect(names == ["rest", "rest"])
    }

    @Test func aFailureWithoutGotoPausesWithTheOutputOff() async throws {
        let definition = try parse("""
            name: failure
            requires: {capacity: true}
            steps:
              - cc: C/2
                until: ["t >= 10 h"]
                fail_if: ["V > 3.0 V"]
            """)
        let log = CallLog()
        let (outcome, observer, _) = try await run(definition, preset: "nmc811-lpscl-liin", log: log)
        guard case .paused(let reason) = outcome, let alarm = reason.alarm else {
            Issue.record("expected a pause, got \(outcome)")
            return
        }
        #expect(alarm.cause == .stepFailure)
        #expect(log.all.last == .safeState)
        #expect(observer.events.contains { if case .limitHit(_, _, .pause) = $0.kind { true } else { false } })
    }

    @Test func everyTimeInterruptsARestAndEveryCyclesWaitsForTheCycles() async throws {
        let definition = try parse("""
            name: interleaves
            record: {dt: 5 min, sample: 1 min}
            steps:
              - every:
                  time: 1 h
                  steps:
                    - eis: {from: 100 kHz, to: 100 Hz, per_decade: 2}
              - rest: 3 h
              - loop:
                  count: 4
                  cycle: true
                  steps:
                    - every:
                        cycles: 2
                        steps:
                          - eis: {from: 100 kHz, to: 100 Hz, per_decade: 2}
                    - rest: 5 min
            """)
        let (outcome, observer, _) = try await run(definition, preset: "li-lpscl-li")
        #expect(outcome == .completed)
        let cycles = observer.spectra.map(\.cycle)
        // Two hourly sweeps inside the 3 h rest; the hourly block still applies after it, so the
        // first step boundary (cycle 1, at 3 h) runs the third; then one after 2 completed cycles.
        #expect(cycles.filter { $0 == 0 }.count == 2)
        #expect(cycles.filter { $0 > 0 } == [1, 3])
    }

    @Test func rampsAddTheIncrementOncePerIteration() async throws {
        let definition = try parse("""
            name: ramp
            requires: {area: true}
            record: {dt: 60 s}
            steps:
              - loop:
                  count: 3
                  steps:
                    - cc: 0.1 mA/cm2
                      increment: 0.05 mA/cm2
                      until: ["t >= 2 min"]
            """)
        let (_, observer, _) = try await run(definition, preset: "li-lpscl-li")
        let area = try #require(CellPresets.named("li-lpscl-li")).area
        let densities = (1...3).map { step in
            (observer.samples.first { $0.step == step }?.current ?? 0) / area * 0.1
        }
        for (measured, expected) in zip(densities, [0.1, 0.15, 0.2]) {
            #expect(abs(measured - expected) < 1e-3, "\(densities) mA/cm²")
        }
    }

    @Test func theRecorderKeepsStepEdgesAndThinsTheRest() async throws {
        let definition = try parse("""
            name: filter
            record: {dt: 10 min, dV: 1 V, sample: 10 s}
            steps:
              - rest: 30 min
            """)
        let (_, observer, _) = try await run(definition, preset: "li-lpscl-li")
        // 180 samples read; kept: the first, one per 10 min, and the last.
        // Sample times are sums of simulated steps: equal to within rounding.
        let kept = observer.samples.map(\.stepTime)
        #expect(kept.count == 4)
        for (time, expected) in zip(kept, [10.0, 610, 1210, 1800]) {
            #expect(abs(time - expected) < 1e-6)
        }
    }

    @Test func dVTriggersARecordBetweenIntervals() async throws {
        let definition = try parse("""
            name: dV
            requires: {capacity: true}
            record: {dt: 1 h, dV: 20 mV, sample: 10 s}
            steps:
              - cc: C/2
                until: ["t >= 30 min"]
            """)
        let (_, observer, _) = try await run(definition, preset: "nmc811-lpscl-liin")
        let voltages = observer.samples.map(\.voltage)
        #expect(voltages.count > 3)
        for (a, b) in zip(voltages, voltages.dropFirst().dropLast()) {
            #expect(abs(b - a) >= 0.02)
        }
    }

    @Test func cccvSwitchesToTheHoldAndEndsAtTheCutoff() async throws {
        let definition = try parse("""
            name: cccv
            requires: {capacity: true}
            record: {dt: 60 s, sample: 10 s}
            steps:
              - cccv: {current: 1C, voltage: 3.5 V, cutoff: C/10}
                until: ["t >= 5 h"]
            """)
        let (outcome, observer, _) = try await run(definition, preset: "nmc811-lpscl-liin")
        #expect(outcome == .completed)
        let capacity = try #require(CellPresets.named("nmc811-lpscl-liin")).capacity
        let last = try #require(observer.samples.last)
        #expect(abs(last.current) <= capacity / 36_000 * 1.001)
        #expect(abs(last.voltage - 3.5) < 0.01)
    }

    @Test func aSweepFollowsItsVerticesAtTheRate() async throws {
        let definition = try parse("""
            name: cv
            record: {dt: 10 s, sample: 10 s}
            steps:
              - sweep: {from: 0 V, vertices: [0.1 V, -0.1 V, 0 V], rate: 1 mV/s}
            """)
        let (outcome, observer, _) = try await run(definition, preset: "ss-lpscl-ss")
        #expect(outcome == .completed)
        let last = try #require(observer.samples.last)
        #expect(abs(last.stepTime - 400) < 1e-6, "0.4 V of travel at 1 mV/s")
        let peak = try #require(observer.samples.map(\.voltage).max())
        #expect(abs(peak - 0.1) < 0.011)
    }

    @Test func analysisResultsAttachThroughTheProvider() async throws {
        struct Echo: AnalysisProvider {
            func analyse(_ request: AnalysisRequest) async throws -> AnalysisResult? {
                AnalysisResult(kind: request.kind, values: [.init(name: "polarisations", value: Double(request.polarisations.count), unit: "")],
                               cycle: request.cycle)
            }
        }
        let definition = try parse("""
            name: hook
            record: {dt: 60 s}
            steps:
              - dc_polarisation: {mode: electronic, voltage: 0.1 V, steady: {change: 5 %, over: 2 min}, max_duration: 2 h}
              - loop:
                  count: 2
                  cycle: true
                  steps:
                    - rest: 1 min
              - analyse: electronic
            """)
        let (outcome, observer, _) = try await run(definition, preset: "ss-lpscl-ss", analysis: Echo())
        #expect(outcome == .completed)
        let results = observer.events.compactMap { if case .analysisResult(let r) = $0.kind { r } else { nil } }
        #expect(results.map(\.kind) == [.electronic, .cycles, .cycles, .electronic])
        #expect(results.compactMap(\.cycle) == [1, 2])
        #expect(results.last?.values.first?.value == 1)
    }

    @Test func withoutAProviderAnalysesAreReportedAsNotDone() async throws {
        let definition = try parse("""
            name: no provider
            steps:
              - rest: 1 min
              - analyse: cycles
            """)
        let (outcome, observer, _) = try await run(definition, preset: "li-lpscl-li")
        #expect(outcome == .completed)
        #expect(observer.events.contains { if case .analysisFailed(.cycles, _) = $0.kind { true } else { false } })
    }

    @Test func constantPowerHoldsTheProductOfVoltageAndCurrent() async throws {
        let definition = try parse("""
            name: power
            record: {dt: 60 s, sample: 10 s}
            steps:
              - "Discharge at 1 mW for 20 minutes"
            """)
        let cell = try #require(CellPresets.named("nmc811-lpscl-liin"))
        var charged = cell
        charged.initialStateOfCharge = 0.8
        let bench = SimulatedBench(definition: charged, seed: 1)
        let observer = CollectingObserver()
        let executor = ProtocolExecutor(definition: definition, instruments: ChannelInstruments(bench: bench),
                                        cell: CellContext(CellDescription(charged)), clock: ContinuousClock(), observer: observer)
        #expect(await executor.run() == .completed)
        for sample in observer.samples.dropFirst() {
            #expect(abs(sample.voltage * sample.current + 1e-3) < 5e-5, "P = \(sample.voltage * sample.current) W")
        }
    }

    @Test func pressureStepsWaitForAndCheckTheStackPressure() async throws {
        let definition = try parse("""
            name: pressure
            record: {dt: 60 s, sample: 10 s}
            steps:
              - set_pressure: {target: 12 MPa, tolerance: 0.5 MPa, settle: 2 min}
              - wait_pressure: {min: 11 MPa, max: 13 MPa, timeout: 10 min}
              - expect_pressure: {min: 11 MPa, max: 13 MPa}
              - expect_pressure: {min: 20 MPa}
            """)
        let log = CallLog()
        let (outcome, observer, _) = try await run(definition, preset: "li-lpscl-li", log: log)
        guard case .paused(let reason) = outcome, let alarm = reason.alarm else {
            Issue.record("the last check must fail, got \(outcome)")
            return
        }
        #expect(alarm.cause == .stepFailure && alarm.message.contains("outside the expected"))
        #expect(log.all.last == .safeState)
        let settled = observer.samples.filter { $0.step == 1 }
        #expect(try #require(settled.last).stepTime >= 120)
        #expect(abs((try #require(settled.last?.pressure)) - 12e6) < 0.5e6)
    }

    @Test func anUnvalidatedProtocolThatCannotRunFailsSafely() async throws {
        // A C-rate on a symmetric cell: the validator refuses it; run anyway, the job fails with the output safe.
        let definition = try parse("""
            name: unvalidated
            steps:
              - rest: 1 min
              - cc: C/10
                until: ["t >= 1 h"]
            """)
        let log = CallLog()
        let (outcome, observer, _) = try await run(definition, preset: "li-lpscl-li", log: log)
        guard case .failed(let reason) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(reason.contains("C-rate"))
        #expect(observer.alarms.first?.cause == .invalidProtocol)
        #expect(log.all.last == .safeState)
    }
}
