import Configuration
import Instruments

extension ProtocolExecutor {
    /// How a step ended.
    enum StepResult {
        case next
        case jump(String)
    }

    /// A running step: its description, monitor and the sample interval.
    struct RunningStep {
        var step: Step
        var info: StepInfo
        var monitor: StepMonitor
    }

    /// Starts `step`: events, record policy, sample interval and its resolved conditions.
    func begin(_ step: Step) async throws -> RunningStep {
        stepNumber += 1
        let info = StepInfo(number: stepNumber, kind: step.kind.keyword, summary: step.summary, label: step.label,
                            cycle: cycle, line: step.location.line)
        emit(.stepStarted(step: info))
        let policy = step.record ?? definition.record
        recordFilter.reset(policy: policy)
        try await instruments.potentiostat.setSampleInterval(policy.sampleInterval)
        var armed: [StepMonitor.Armed] = []
        for exit in step.failIf { armed.append(.init(exit: exit, threshold: try cell.threshold(of: exit.condition), isFailure: true)) }
        for exit in step.until { armed.append(.init(exit: exit, threshold: try cell.threshold(of: exit.condition), isFailure: false)) }
        return RunningStep(step: step, info: info, monitor: StepMonitor(startTime: now, area: cell.area, armed: armed))
    }

    /// Reads the next sample and holds it against the safety limits before
    /// anything else: a crossing turns the output off, then raises the alarm.
    func acquire(_ running: inout RunningStep) async throws -> Sample {
        try Task.checkCancellation()
        let sample = try await instruments.potentiostat.nextSample()
        let received = clock.now
        if let trip = safety.check(sample, time: sample.time) {
            let safeStateFailure = await enterSafeState(after: trip.limit.quantity)
            let response = received.duration(to: clock.now)
            lastSample = sample
            running.monitor.observe(sample)
            record(sample, running, force: true)
            let limit = trip.limit
            let alarm = Alarm(cause: .safetyLimit,
                              message: "safety limit \(limit.summary) crossed (\(trip.reading) \(limit.quantity.unitSymbol)) "
                                + "in step \(running.info.number) (\(running.info.summary), line \(running.info.line)); "
                                + "output off, job paused" + (safeStateFailure.map { "; the safe-state command failed: \($0)" } ?? ""),
                              value: trip.reading, responseTime: response.seconds)
            emit(.alarm(alarm: alarm))
            throw Paused(alarm: alarm)
        }
        lastSample = sample
        running.monitor.observe(sample)
        return sample
    }

    /// Output off first; then the instrument behind the limit (the chamber for
    /// temperature, the rig for pressure) goes to its own safe state.
    /// Returns why the output could not be made safe, if it could not.
    private func enterSafeState(after quantity: SafetyLimits.Quantity) async -> String? {
        var failure: String?
        do {
            try await instruments.potentiostat.enterSafeState()
        } catch {
            failure = "\(error)"
        }
        switch quantity {
        case .temperature: try? await instruments.thermal?.enterSafeState()
        case .pressure: try? await instruments.pressureActuator?.enterSafeState()
        case .voltage, .current: break
        }
        return failure
    }

    /// Checks the step's failures and terminations on `sample`; returns how
    /// the step ends, or nil to go on. A failure without a goto pauses the job.
    func checkExits(_ sample: Sample, _ running: inout RunningStep) async throws -> StepResult? {
        guard let hit = running.monitor.firstHolding(in: sample) else { return nil }
        record(sample, running, force: true)
        let condition = hit.exit.condition.text
        if let label = hit.exit.goto {
            emit(.limitHit(step: running.info, condition: condition, action: .goto))
            return .jump(label)
        }
        if hit.isFailure {
            try? await instruments.potentiostat.enterSafeState()
            emit(.limitHit(step: running.info, condition: condition, action: .pause))
            throw fail(running, "\(condition) held")
        }
        emit(.limitHit(step: running.info, condition: condition, action: .nextStep))
        return .next
    }

    /// Raises a step-failure alarm (the output must already be safe) and returns the pause to throw.
    func fail(_ running: RunningStep, _ reason: String) -> Paused {
        let alarm = Alarm(cause: .stepFailure, message: "step \(running.info.number) (\(running.info.summary), "
            + "line \(running.info.line)) failed: \(reason); output off, job paused")
        emit(.alarm(alarm: alarm))
        return Paused(alarm: alarm)
    }

    /// Passes a sample through the record filter to the observer.
    func record(_ sample: Sample, _ running: RunningStep, force: Bool = false) {
        guard recordFilter.shouldRecord(time: sample.time, voltage: sample.voltage, current: sample.current, force: force) else {
            return
        }
        let recorded = RecordedSample(sample, step: running.info.number, cycle: cycle, stepTime: running.monitor.elapsed,
                                      stepCharge: running.monitor.charge)
        history.append(recorded)
        observer.record(recorded)
    }

    /// Samples under the present setpoint until a condition ends the step or
    /// `body` says the step is complete (returning true). `body` may change the setpoint.
    func sampleLoop(_ running: inout RunningStep,
                    body: (Sample, inout RunningStep) async throws -> Bool) async throws -> StepResult {
        while true {
            let sample = try await acquire(&running)
            if let result = try await checkExits(sample, &running) { return result }
            let complete = try await body(sample, &running)
            record(sample, running, force: complete)
            if complete { return .next }
        }
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) * 1e-18
    }
}
