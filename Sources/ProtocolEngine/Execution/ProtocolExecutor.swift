import CyclerConfiguration
import Instruments

/// Runs a validated protocol on one channel's instruments.
///
/// Every sample passes the safety limits first: a crossing puts the output in
/// its safe state before anything else (recording, events) happens, then the
/// job pauses with an alarm. Separate pressure and temperature sensors are
/// polled beside the job and joined to each sample (`AuxiliarySensors`);
/// terminations, failures and requests from outside (`control`) are checked
/// on every sample too; the recorder sees samples through the dt/dV/dI filter.
///
/// The executor belongs to one task (not `Sendable`): the job's task owns it,
/// as it owns the channel. `run()` returns when the job completes, pauses,
/// stops or fails; after a pause, `resume(by:reason:)` re-enters the step
/// that paused with what is left of it. Its position is a value
/// (`ExecutorCheckpoint`), handed to the observer at every step boundary and
/// every `checkpointInterval` inside a step, from which a new executor can
/// resume after a crash (`init(resuming:…)`).
///
/// The clock measures how fast safety reacts, sensor ages and checkpoint
/// pacing; job time is instrument time (mapped onto one job clock across
/// restarts), so a simulated bench can run far faster than real time.
public final class ProtocolExecutor<C: Clock> where C.Duration == Duration {
    public let definition: ProtocolDefinition
    let instruments: ChannelInstruments
    let cell: CellContext
    let clock: C
    let observer: any JobObserver
    let analysis: (any AnalysisProvider)?
    /// Where pause, stop and skip requests arrive from other tasks.
    public let control: JobControl
    let sensors: AuxiliarySensors<C>
    /// Wall time between two checkpoints inside a step (see `CheckpointPacer`).
    public var checkpointInterval: Duration {
        get { checkpointPacer.interval }
        set { checkpointPacer.interval = newValue }
    }

    /// The main program's position, and above it any interleaved block running.
    var cursors: [Cursor]
    var interleaves: [ActiveInterleave] = []
    var completedCycles = 0
    var stepNumber = 0
    var hasStarted = false

    // What every sample reads or writes. Exclusive access to these is not
    // checked at run time: the checks (eight per sample) cost 4 % of a
    // simulated run, and no two accesses can overlap. The executor belongs
    // to one task (it is not Sendable), and these are touched only by its
    // own code, directly or through mutating methods of plain values that
    // never call back into it, and never held across an await.
    /// Cycle number (see `Loop`).
    @exclusivity(unchecked) var cycle = 0
    @exclusivity(unchecked) var lastSample: Sample?
    @exclusivity(unchecked) var safety: SafetyMonitor
    @exclusivity(unchecked) var recordFilter: RecordFilter
    @exclusivity(unchecked) var history = JobHistory()
    @exclusivity(unchecked) var checkpointPacer = CheckpointPacer<C>(interval: .seconds(1))
    /// Instrument time → job time, fixed by the first sample of a run (and
    /// again if the instrument's clock restarts).
    @exclusivity(unchecked) var timeBase: (instrument: Double, job: Double)?
    /// Job time the first sample after a restart continues from.
    @exclusivity(unchecked) var restartJobTime: Double?
    /// The sampling interval the potentiostat was last given (s).
    @exclusivity(unchecked) var sampleInterval = 1.0
    /// Set when the job goes on after a pause or restart: the next step entered
    /// first measures the cell at open circuit and reports the resumption.
    var pendingResumption: Resumption?

    struct Resumption {
        var requestedBy: String
        var reason: String
        var gap: Double?
    }

    /// A position in a program: the counter, the loops it is inside, and the
    /// progress of the step at the counter.
    struct Cursor {
        var program: Program
        /// The main program's `every` instruction this block belongs to; nil for the main program.
        var interleave: Int?
        var pc = 0
        var frames: [LoopFrame] = []
        /// Progress to re-enter the step at `pc` with (after a pause or restart).
        var resume: StepProgress?
        /// Progress of the step running at this level while a block above it runs.
        var suspended: StepProgress?
    }

    struct LoopFrame {
        var start: Int
        var end: Int
        var loop: Loop
        var iteration: Int
    }

    struct ActiveInterleave {
        var instruction: Int
        var interleave: Interleave
        /// `frames.count` when it was registered; it ends with that frame.
        var depth: Int
        var lastCompletedCycles: Int
        var lastTime: Double
    }

    /// Thrown to unwind to `run()` once the output is already safe.
    struct Paused: Error {
        var reason: PauseReason
    }

    /// Thrown to unwind to `run()` when someone asked for a stop.
    struct Stopped: Error {
        var request: ControlRequest
    }

    /// Thrown to the running step when someone asked to skip it.
    struct SkipStep: Error {
        var request: ControlRequest
    }

    /// - Parameters:
    ///   - definition: a protocol that passed `ProtocolValidator` for this cell and channel.
    ///   - analysis: where analysis results come from; nil records `analysisFailed` events instead.
    ///   - control: the inbox other tasks post pause, stop and skip requests to.
    public init(definition: ProtocolDefinition, instruments: ChannelInstruments, cell: CellContext, clock: C,
                observer: any JobObserver, analysis: (any AnalysisProvider)? = nil, control: JobControl = JobControl()) {
        self.definition = definition
        self.cursors = [Cursor(program: Program(definition.steps))]
        self.instruments = instruments
        self.cell = cell
        self.clock = clock
        self.observer = observer
        self.analysis = analysis
        self.control = control
        self.sensors = AuxiliarySensors(instruments: instruments, clock: clock)
        self.safety = SafetyMonitor(definition.safety)
        self.recordFilter = RecordFilter(policy: definition.record)
        self.history = JobHistory(needs: definition.historyNeeds)
    }

    /// Job time now: the last sample's.
    var now: Double { lastSample?.time ?? restartJobTime ?? 0 }

    func emit(_ kind: JobEvent.Kind) {
        observer.handle(JobEvent(time: now, kind: kind))
    }

    /// Runs the job until it completes, pauses, stops or fails. Called again
    /// after a pause, it resumes as `resume(by: "operator", …)` would.
    public func run() async -> JobOutcome {
        if hasStarted, pendingResumption == nil {
            pendingResumption = Resumption(requestedBy: "operator", reason: "run again after a pause", gap: nil)
        }
        if !hasStarted {
            hasStarted = true
            emit(.jobStarted(name: definition.name))
        }
        safety.reset()
        return await withTaskGroup(of: Void.self) { group in
            group.addTask { [sensors] in await sensors.poll() }
            await sensors.firstAnswers()
            let outcome = await runToOutcome()
            group.cancelAll()
            return outcome
        }
    }

    /// Goes on after a pause: the step that paused is re-entered with what is
    /// left of it, after a short open-circuit reading (the resume rule, see
    /// `ExecutorCheckpoint`).
    ///
    /// - Parameter gap: time that passed unrecorded (s), for the `resumed` event.
    public func resume(by requestedBy: String, reason: String, gap: Double? = nil) async -> JobOutcome {
        pendingResumption = Resumption(requestedBy: requestedBy, reason: reason, gap: gap)
        // After an outage the job's clock goes on by the outage, as after a
        // restart: a reconnected instrument's own clock may have started
        // again, and the cell aged (relaxed, grew interphases) meanwhile. The
        // step re-entered counts only its time under way.
        if let gap {
            restartJobTime = now + gap
            timeBase = nil
        }
        return await run()
    }

    private func runToOutcome() async -> JobOutcome {
        let outcome: JobOutcome
        do {
            // A block interleaved above a step finishes first; the step below it then resumes.
            while cursors.count > 1 {
                try await runProgram()
                cursors.removeLast()
            }
            try await runProgram()
            if let resumption = pendingResumption {
                pendingResumption = nil
                emit(.resumed(by: resumption.requestedBy, reason: resumption.reason, gap: resumption.gap, openCircuitVoltage: nil))
            }
            _ = await makeSafe(instruments.potentiostat, context: "at the end of the job")
            outcome = .completed
        } catch let paused as Paused {
            outcome = .paused(reason: paused.reason)
        } catch let stopped as Stopped {
            _ = await makeSafe(instruments.potentiostat, context: "stopping the job")
            emit(.control(request: stopped.request))
            outcome = .stopped
        } catch is CancellationError {
            _ = await makeSafe(instruments.potentiostat, context: "the job's task was cancelled")
            outcome = .stopped
        } catch let error as ConfigurationError {
            _ = await makeSafe(instruments.potentiostat, context: "the protocol cannot run")
            let alarm = Alarm(cause: .invalidProtocol, message: "\(error)")
            emit(.alarm(alarm: alarm))
            outcome = .failed(reason: alarm.message)
        } catch let error as any InstrumentError where error.isRecoverableByReconnect {
            outcome = .paused(reason: .instrumentLost(await instrumentLost(error)))
        } catch {
            let safe = await makeSafe(instruments.potentiostat, context: "after an instrument fault")
            let alarm = Alarm(cause: .instrumentFault, message: "\(error)" + (safe ? "; output off" : ""))
            emit(.alarm(alarm: alarm))
            outcome = .failed(reason: alarm.message)
        }
        if case .paused = outcome {
            emitCheckpoint()
        } else {
            emit(.jobEnded(outcome: outcome))
        }
        return outcome
    }

    /// The cursor that runs now.
    var top: Int { cursors.count - 1 }

    /// Runs the top cursor's program to its end, checkpointing at every boundary.
    private func runProgram() async throws {
        while cursors[top].pc < cursors[top].program.instructions.count {
            let pc = cursors[top].pc
            switch cursors[top].program.instructions[pc] {
            case .tag:
                cursors[top].pc += 1
            case .every(let interleave, _):
                if top == 0, !interleaves.contains(where: { $0.instruction == pc }) {
                    interleaves.append(ActiveInterleave(instruction: pc, interleave: interleave, depth: cursors[0].frames.count,
                                                        lastCompletedCycles: completedCycles, lastTime: now))
                }
                cursors[top].pc += 1
            case .loopStart(let loop, let end, _):
                cursors[top].frames.append(LoopFrame(start: pc, end: end, loop: loop, iteration: 0))
                if loop.countsCycles { startCycle() }
                cursors[top].pc += 1
            case .loopEnd:
                try await endIteration()
            case .step(let step):
                if cursors[top].resume == nil { try await runDueInterleaves() }
                switch try await execute(step) {
                case .next: cursors[top].pc += 1
                case .jump(let label): try jump(to: label)
                }
            }
            emitCheckpoint()
        }
    }

    /// Closes one iteration of the innermost loop: repeat it, or leave it.
    private func endIteration() async throws {
        guard var frame = cursors[top].frames.popLast() else { cursors[top].pc += 1; return }
        frame.iteration += 1
        var done = frame.loop.count.map { frame.iteration >= $0 } ?? false
        if !done, let sample = lastSample {
            let monitor = StepMonitor(startTime: sample.time, area: cell.area, armed: [])
            for condition in frame.loop.until {
                let threshold = try cell.threshold(of: condition)
                if let value = monitor.value(of: condition.variable, in: sample), condition.comparison.holds(value, threshold) {
                    done = true
                }
            }
        }
        if frame.loop.countsCycles { await endCycle() }
        if done {
            cursors[top].pc = frame.end + 1
            dropInterleaves()
        } else {
            cursors[top].frames.append(frame)
            if frame.loop.countsCycles { startCycle() }
            cursors[top].pc = frame.start + 1
        }
    }

    func startCycle() {
        cycle += 1
        _ = history.takeCycleSamples()
        emit(.cycleStarted(cycle: cycle))
    }

    func endCycle() async {
        emit(.cycleEnded(cycle: cycle))
        completedCycles += 1
        let samples = history.takeCycleSamples()
        guard analysis != nil else { return }
        await analyse(AnalysisRequest(kind: .cycles, cell: cell, spectra: [], polarisations: [], samples: samples, cycle: cycle))
    }

    /// Continues at `label`, leaving every loop that does not contain it.
    func jump(to label: String) throws(ConfigurationError) {
        guard let target = cursors[top].program.labels[label] else {
            throw ConfigurationError(file: definition.file, line: 0, column: 0, field: "",
                                     message: "goto \"\(label)\": no step has this label (validate the protocol before running it)")
        }
        while let frame = cursors[top].frames.last, !(frame.start < target && target <= frame.end) {
            cursors[top].frames.removeLast()
        }
        dropInterleaves()
        cursors[top].pc = target
    }

    /// Forgets interleaved blocks whose enclosing loop has ended.
    private func dropInterleaves() {
        interleaves.removeAll { $0.depth > cursors[0].frames.count }
    }

    /// The iteration index of the innermost loop (0 for the first), for ramps.
    var iteration: Int { cursors[top].frames.last?.iteration ?? 0 }

    /// Whether any interleaved block is due now.
    var interleaveDue: Bool {
        interleaves.contains { active in
            switch active.interleave.period {
            case .cycles(let n): completedCycles - active.lastCompletedCycles >= n
            case .time(let t): now - active.lastTime >= t * (1 - 1e-9)
            }
        }
    }

    /// Runs every interleaved block that is due. A block that pauses stays on
    /// the cursor stack, so a resume finishes it before the step below.
    func runDueInterleaves() async throws {
        guard cursors.count == 1 else { return }
        for index in interleaves.indices {
            let active = interleaves[index]
            let due = switch active.interleave.period {
            case .cycles(let n): completedCycles - active.lastCompletedCycles >= n
            case .time(let t): now - active.lastTime >= t * (1 - 1e-9)
            }
            guard due else { continue }
            interleaves[index].lastCompletedCycles = completedCycles
            interleaves[index].lastTime = now
            cursors.append(Cursor(program: Program(active.interleave.steps), interleave: active.instruction))
            try await runProgram()
            cursors.removeLast()
        }
    }
}
