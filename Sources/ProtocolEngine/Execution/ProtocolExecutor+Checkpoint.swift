import CyclerConfiguration
import Instruments

extension ProtocolExecutor {
    /// Builds an executor that carries on from `checkpoint` (see its resume rule).
    ///
    /// - Parameters:
    ///   - events, samples: what the job recorded before (from its event log);
    ///     analyses still to come need the spectra, polarisations and the
    ///     samples of the cycle under way.
    ///   - gap: how long the job was not running (s), for the `resumed` event.
    /// - Throws: a `ConfigurationError` when the checkpoint does not fit this protocol text.
    public convenience init(definition: ProtocolDefinition, instruments: ChannelInstruments, cell: CellContext, clock: C,
                            observer: any JobObserver, analysis: (any AnalysisProvider)? = nil, control: JobControl = JobControl(),
                            resuming checkpoint: ExecutorCheckpoint, events: [JobEvent] = [], samples: [RecordedSample] = [],
                            gap: Double? = nil, requestedBy: String = "recovery", reason: String = "restart") throws(ConfigurationError) {
        self.init(definition: definition, instruments: instruments, cell: cell, clock: clock, observer: observer,
                  analysis: analysis, control: control)
        try restore(checkpoint)
        history = JobHistory(events: events, samples: samples, cycle: checkpoint.cycle, needs: definition.historyNeeds)
        restartJobTime = checkpoint.jobTime + (gap ?? 0)
        pendingResumption = Resumption(requestedBy: requestedBy, reason: reason, gap: gap)
    }

    private func restore(_ checkpoint: ExecutorCheckpoint) throws(ConfigurationError) {
        let main = Program(definition.steps)
        func mismatch(_ what: String) -> ConfigurationError {
            ConfigurationError(file: definition.file, line: 0, column: 0, field: "checkpoint",
                               message: "\(what): the checkpoint was not made by this protocol text; resume with the text the job was started with")
        }
        guard checkpoint.formatVersion == ExecutorCheckpoint.formatVersion else {
            throw mismatch("format \(checkpoint.formatVersion), expected \(ExecutorCheckpoint.formatVersion)")
        }
        func program(for position: ExecutorCheckpoint.CursorPosition) throws(ConfigurationError) -> Program {
            guard let instruction = position.interleave else { return main }
            guard main.instructions.indices.contains(instruction), case .every(let interleave, _) = main.instructions[instruction] else {
                throw mismatch("instruction \(instruction) is not an every-block")
            }
            return Program(interleave.steps)
        }
        var restored: [Cursor] = []
        for position in checkpoint.cursors {
            let program = try program(for: position)
            var frames: [LoopFrame] = []
            for loop in position.loops {
                guard program.instructions.indices.contains(loop.start),
                      case .loopStart(let body, let end, _) = program.instructions[loop.start] else {
                    throw mismatch("instruction \(loop.start) is not a loop")
                }
                frames.append(LoopFrame(start: loop.start, end: end, loop: body, iteration: loop.iteration))
            }
            guard position.pc <= program.instructions.count else { throw mismatch("position \(position.pc) is past the end") }
            restored.append(Cursor(program: program, interleave: position.interleave, pc: position.pc, frames: frames,
                                   resume: position.step))
        }
        guard !restored.isEmpty else { throw mismatch("no program position") }
        var active: [ActiveInterleave] = []
        for position in checkpoint.interleaves {
            guard main.instructions.indices.contains(position.instruction),
                  case .every(let interleave, _) = main.instructions[position.instruction] else {
                throw mismatch("instruction \(position.instruction) is not an every-block")
            }
            active.append(ActiveInterleave(instruction: position.instruction, interleave: interleave, depth: position.depth,
                                           lastCompletedCycles: position.lastCompletedCycles, lastTime: position.lastTime))
        }
        cursors = restored
        interleaves = active
        cycle = checkpoint.cycle
        completedCycles = checkpoint.completedCycles
        stepNumber = checkpoint.stepNumber
        hasStarted = checkpoint.hasStarted
    }

    /// The position now; `running` is the step under way at the top cursor.
    func makeCheckpoint(running: StepProgress? = nil) -> ExecutorCheckpoint {
        let positions = cursors.indices.map { level in
            let cursor = cursors[level]
            let step = level == top ? (running ?? cursor.resume) : (cursor.suspended ?? cursor.resume)
            return ExecutorCheckpoint.CursorPosition(
                interleave: cursor.interleave, pc: cursor.pc,
                loops: cursor.frames.map { ExecutorCheckpoint.LoopPosition(start: $0.start, iteration: $0.iteration) },
                step: step)
        }
        return ExecutorCheckpoint(
            formatVersion: ExecutorCheckpoint.formatVersion, cursors: positions,
            interleaves: interleaves.map {
                ExecutorCheckpoint.InterleavePosition(instruction: $0.instruction, depth: $0.depth,
                                                      lastCompletedCycles: $0.lastCompletedCycles, lastTime: $0.lastTime)
            },
            cycle: cycle, completedCycles: completedCycles, stepNumber: stepNumber, jobTime: now, hasStarted: hasStarted)
    }

    /// Hands the observer the position now: at step boundaries and pauses,
    /// and inside a step when `checkpointPacer` says one is due.
    func emitCheckpoint(running: StepProgress? = nil) {
        checkpointPacer.taken(at: clock.now)
        observer.checkpoint(makeCheckpoint(running: running))
    }
}
