import CyclerConfiguration
import Instruments

extension ProtocolExecutor {
    /// How a step ended.
    enum StepResult {
        case next
        case jump(String)
    }

    /// A running step: its description, monitor, progress and how it is sampled.
    struct RunningStep {
        var step: Step
        var info: StepInfo
        var monitor: StepMonitor
        var progress: StepProgress
        /// The record policy's sampling interval, which approaching a voltage limit shortens.
        var policyInterval: Double
        /// The previous sample, for the approach speed towards voltage limits.
        var previous: Sample?

        /// The progress with the monitor's step time and charge.
        var snapshot: StepProgress {
            var progress = progress
            progress.elapsed = monitor.elapsed
            progress.charge = monitor.charge
            return progress
        }
    }

    /// Starts `step`, or re-enters it with `progress` after a pause or restart:
    /// events, record policy, sample interval and its resolved conditions.
    /// A job going on after a pause first reads the cell at open circuit once.
    func begin(_ step: Step, resuming progress: StepProgress?) async throws -> RunningStep {
        let number = progress?.number ?? stepNumber + 1
        stepNumber = number
        let info = StepInfo(number: number, kind: step.kind.keyword, summary: step.summary, label: step.label,
                            cycle: cycle, line: step.location.line)
        if progress == nil { emit(.stepStarted(step: info)) }
        let policy = step.record ?? definition.record
        recordFilter.reset(policy: policy)
        try await setSampleInterval(policy.sampleInterval)
        var armed: [StepMonitor.Armed] = []
        for exit in step.failIf { armed.append(.init(exit: exit, threshold: try cell.threshold(of: exit.condition), isFailure: true)) }
        for exit in step.until { armed.append(.init(exit: exit, threshold: try cell.threshold(of: exit.condition), isFailure: false)) }
        func monitor() -> StepMonitor {
            StepMonitor(startTime: now, area: cell.area, armed: armed, elapsed: progress?.elapsed ?? 0, charge: progress?.charge ?? 0)
        }
        var running = RunningStep(step: step, info: info, monitor: monitor(),
                                  progress: progress ?? StepProgress(number: number, startedAt: now),
                                  policyInterval: policy.sampleInterval)
        if let resumption = pendingResumption {
            pendingResumption = nil
            try await instruments.potentiostat.apply(.openCircuit)
            let sample = try await acquire(&running)
            record(sample, running, force: true)
            emit(.resumed(by: resumption.requestedBy, reason: resumption.reason, gap: resumption.gap,
                          openCircuitVoltage: sample.voltage))
            running.monitor = monitor()
        }
        emitCheckpoint(running: running.snapshot)
        return running
    }

    /// Gives the potentiostat a new sampling interval, if it changed.
    func setSampleInterval(_ seconds: Double) async throws {
        try await instruments.potentiostat.setSampleInterval(seconds)
        sampleInterval = seconds
        checkpointPacer.restart()
    }

    /// Reads the next sample, maps it onto job time, joins the separate
    /// sensors' readings, and holds it against the safety limits before
    /// anything else: a crossing turns the output off, then raises the alarm.
    /// Requests from outside act here too, once the sample is safe.
    ///
    /// The per-sample checks here and in `sampleLoop` are synchronous and
    /// only what they find is awaited: each await of an async function costs
    /// an executor switch even when nothing suspends, and a simulated bench
    /// delivers a sample in about a microsecond. So a sample the instrument
    /// already holds is taken without an await, and this function is inlined
    /// into its callers (an async call of its own would cost the switch).
    /// Cancellation is checked where a sample is awaited: a bench's buffered
    /// samples (at most a batch, microseconds of work) are taken first.
    @inline(__always)
    func acquire(_ running: inout RunningStep) async throws -> Sample {
        var sample: Sample
        if let buffered = potentiostat.takeBufferedSample() {
            sample = buffered
        } else {
            try Task.checkCancellation()
            sample = try await potentiostat.nextSample()
        }
        sample.time = jobTime(ofInstrumentTime: sample.time)
        sensors.fuse(&sample)
        if let hazard = hazard(in: sample) { try await respond(to: hazard, sample, &running) }
        lastSample = sample
        running.monitor.observe(sample)
        if let request = control.take() { try await act(on: request, &running) }
        return sample
    }

    /// Instrument time onto the job's clock: the identity for a fresh job, and
    /// a continuation of the last job time after a restart or when the
    /// instrument's own clock started again (a reconnected device).
    func jobTime(ofInstrumentTime time: Double) -> Double {
        if let base = timeBase, let last = lastSample, time - base.instrument + base.job < last.time {
            timeBase = (time, last.time + sampleInterval)
        }
        if timeBase == nil {
            timeBase = restartJobTime.map { (time, $0 + sampleInterval) } ?? (time, time)
        }
        let base = timeBase ?? (time, time)
        return base.job + (time - base.instrument)
    }

    /// What holding a sample against the safety limits found: a limit that
    /// must act now, or a stale sensor behind a limit.
    enum Hazard {
        /// `received`: when the sample was read, to time the response from.
        case limit(limit: SafetyLimits.Limit, reading: Double, received: C.Instant?)
        case staleSensor(quantity: SafetyLimits.Quantity, age: Double, message: String)
    }

    /// Safety first: holds `sample` against the limits (counting their
    /// delays) and the watched sensors' ages; nil when it is safe.
    func hazard(in sample: Sample) -> Hazard? {
        let received = safety.limits.isEmpty ? nil : clock.now
        if let trip = safety.check(sample, time: sample.time) {
            return .limit(limit: trip.limit, reading: trip.reading, received: received)
        }
        if let stale = sensors.stale(in: sample, watched: safety.watchedQuantities) {
            return .staleSensor(quantity: stale.quantity, age: stale.age, message: stale.message)
        }
        return nil
    }

    /// Acts on a hazard: turns the output off, records the sample, raises
    /// the alarm and pauses the job.
    func respond(to hazard: Hazard, _ sample: Sample, _ running: inout RunningStep) async throws -> Never {
        switch hazard {
        case .limit(let limit, let reading, let received):
            let outputOff = await makeSafe(after: limit.quantity, context: "safety limit \(limit.summary)")
            let response = (received ?? clock.now).duration(to: clock.now)
            lastSample = sample
            running.monitor.observe(sample)
            record(sample, running, force: true)
            let alarm = Alarm(cause: .safetyLimit,
                              message: "safety limit \(limit.summary) crossed (\(reading) \(limit.quantity.unitSymbol)) "
                                + "in step \(running.info.number) (\(running.info.summary), line \(running.info.line)); "
                                + outcomeWords(outputOff: outputOff),
                              value: reading, responseTime: response.seconds)
            emit(.alarm(alarm: alarm))
            throw Paused(reason: .alarm(alarm))
        case .staleSensor(let quantity, let age, let message):
            let outputOff = await makeSafe(after: quantity, context: "stale \(quantity.rawValue) sensor")
            lastSample = sample
            record(sample, running, force: true)
            let alarm = Alarm(cause: .staleSensor,
                              message: "\(message); the \(quantity.rawValue) safety limit cannot be trusted "
                                + "in step \(running.info.number) (\(running.info.summary), line \(running.info.line)); "
                                + outcomeWords(outputOff: outputOff) + ". Check the sensor's cable and power, then resume.",
                              value: age)
            emit(.alarm(alarm: alarm))
            throw Paused(reason: .alarm(alarm))
        }
    }

    /// Acts on a pause, stop or skip posted from another task (`control.take()`).
    func act(on request: ControlRequest, _ running: inout RunningStep) async throws {
        switch request.action {
        case .pause:
            _ = await makeSafe(instruments.potentiostat, context: "pause requested by \(request.requestedBy)")
            if let sample = lastSample { record(sample, running, force: true) }
            emit(.control(request: request))
            throw Paused(reason: .requested(request))
        case .stop:
            if let sample = lastSample { record(sample, running, force: true) }
            throw Stopped(request: request)
        case .skipStep:
            if let sample = lastSample { record(sample, running, force: true) }
            emit(.control(request: request))
            throw SkipStep(request: request)
        }
    }

    /// Ends the step on `hit`, the first of its failures and terminations
    /// that holds on `sample`: returns how it ends. A failure without a goto
    /// pauses the job.
    func endStep(on hit: StepMonitor.Armed, _ sample: Sample, _ running: inout RunningStep) async throws -> StepResult {
        record(sample, running, force: true)
        let condition = hit.exit.condition.text
        if let label = hit.exit.goto {
            emit(.limitHit(step: running.info, condition: condition, action: .goto))
            return .jump(label)
        }
        if hit.isFailure {
            let outputOff = await makeSafe(instruments.potentiostat, context: "\(condition) failed step \(running.info.number)")
            emit(.limitHit(step: running.info, condition: condition, action: .pause))
            throw fail(running, "\(condition) held", outputOff: outputOff)
        }
        emit(.limitHit(step: running.info, condition: condition, action: .nextStep))
        return .next
    }

    /// Puts the output off and returns the step-failure pause to throw.
    func failSafely(_ running: RunningStep, _ reason: String) async -> Paused {
        let outputOff = await makeSafe(instruments.potentiostat, context: "step \(running.info.number) failed")
        return fail(running, reason, outputOff: outputOff)
    }

    /// Raises a step-failure alarm and returns the pause to throw.
    func fail(_ running: RunningStep, _ reason: String, outputOff: Bool) -> Paused {
        let alarm = Alarm(cause: .stepFailure, message: "step \(running.info.number) (\(running.info.summary), "
            + "line \(running.info.line)) failed: \(reason); " + outcomeWords(outputOff: outputOff))
        emit(.alarm(alarm: alarm))
        return Paused(reason: .alarm(alarm))
    }

    /// Passes a sample through the record filter to the observer, with a checkpoint when one is due.
    func record(_ sample: Sample, _ running: RunningStep, force: Bool = false) {
        guard recordFilter.shouldRecord(time: sample.time, voltage: sample.voltage, current: sample.current, force: force) else {
            return
        }
        let recorded = RecordedSample(sample, step: running.info.number, cycle: cycle, stepTime: running.monitor.elapsed,
                                      stepCharge: running.monitor.charge)
        // Only analyses read the history; a job without them keeps none.
        if analysis != nil { history.append(recorded) }
        observer.record(recorded)
        if checkpointPacer.isDue(clock) { emitCheckpoint(running: running.snapshot) }
    }

    /// Samples under the present setpoint until a condition ends the step or
    /// `body` says the step is complete (returning true). `body` may change
    /// the setpoint. Sampling quickens as a voltage limit approaches.
    func sampleLoop(_ running: inout RunningStep,
                    body: (Sample, inout RunningStep) async throws -> Bool) async throws -> StepResult {
        while true {
            let sample = try await acquire(&running)
            if let hit = running.monitor.firstHolding(in: sample) { return try await endStep(on: hit, sample, &running) }
            let complete = try await body(sample, &running)
            record(sample, running, force: complete)
            if complete { return .next }
            if let interval = approachInterval(sample, &running) { try await setSampleInterval(interval) }
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
