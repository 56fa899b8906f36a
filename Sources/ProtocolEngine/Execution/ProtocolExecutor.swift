import Configuration
import Instruments

/// Runs a validated protocol on one channel's instruments.
///
/// Every sample passes the safety limits first: a crossing puts the output in
/// its safe state before anything else (recording, events) happens, then the
/// job pauses with an alarm. Terminations and failures are checked on every
/// sample too; the recorder sees samples through the dt/dV/dI filter.
///
/// The executor belongs to one task (not `Sendable`): the job's task owns it,
/// as it owns the channel. `run()` returns when the job completes, pauses or
/// fails; calling it again after a pause resumes at the step that paused.
/// The clock only measures how fast safety reacts; job time is instrument
/// time, so a simulated bench can run far faster than real time.
public final class ProtocolExecutor<C: Clock> where C.Duration == Duration {
    public let definition: ProtocolDefinition
    let instruments: ChannelInstruments
    let cell: CellContext
    let clock: C
    let observer: any JobObserver
    let analysis: (any AnalysisProvider)?

    /// The main program's position, and above it any interleaved block running.
    var cursors: [Cursor]
    var interleaves: [ActiveInterleave] = []
    /// Cycle number (see `Loop`) and how many cycles have ended.
    var cycle = 0
    var completedCycles = 0
    var stepNumber = 0
    var lastSample: Sample?
    var safety: SafetyMonitor
    var recordFilter: RecordFilter
    var history = JobHistory()
    var hasStarted = false

    /// A position in a program: the counter and the loops it is inside.
    struct Cursor {
        var program: Program
        var pc = 0
        var frames: [LoopFrame] = []
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
        var alarm: Alarm
    }

    /// - Parameters:
    ///   - definition: a protocol that passed `ProtocolValidator` for this cell and channel.
    ///   - analysis: where analysis results come from; nil records `analysisFailed` events instead.
    public init(definition: ProtocolDefinition, instruments: ChannelInstruments, cell: CellContext, clock: C,
                observer: any JobObserver, analysis: (any AnalysisProvider)? = nil) {
        self.definition = definition
        self.cursors = [Cursor(program: Program(definition.steps))]
        self.instruments = instruments
        self.cell = cell
        self.clock = clock
        self.observer = observer
        self.analysis = analysis
        self.safety = SafetyMonitor(definition.safety)
        self.recordFilter = RecordFilter(policy: definition.record)
    }

    /// Job time now: the last sample's instrument time.
    var now: Double { lastSample?.time ?? 0 }

    func emit(_ kind: JobEvent.Kind) {
        observer.handle(JobEvent(time: now, kind: kind))
    }

    /// Runs (or resumes) the job until it completes, pauses or fails.
    public func run() async -> JobOutcome {
        if !hasStarted {
            hasStarted = true
            emit(.jobStarted(name: definition.name))
        }
        safety.reset()
        let outcome: JobOutcome
        do {
            try await runProgram()
            try await instruments.potentiostat.enterSafeState()
            outcome = .completed
        } catch let paused as Paused {
            outcome = .paused(alarm: paused.alarm)
        } catch is CancellationError {
            try? await instruments.potentiostat.enterSafeState()
            outcome = .stopped
        } catch let error as ConfigurationError {
            try? await instruments.potentiostat.enterSafeState()
            let alarm = Alarm(cause: .invalidProtocol, message: "\(error)")
            emit(.alarm(alarm: alarm))
            outcome = .failed(reason: alarm.message)
        } catch {
            try? await instruments.potentiostat.enterSafeState()
            let alarm = Alarm(cause: .instrumentFault, message: "\(error)")
            emit(.alarm(alarm: alarm))
            outcome = .failed(reason: alarm.message)
        }
        if case .paused = outcome {} else { emit(.jobEnded(outcome: outcome)) }
        return outcome
    }

    /// The cursor that runs now.
    private var top: Int { cursors.count - 1 }

    /// Runs the top cursor's program to its end.
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
                try await runDueInterleaves()
                switch try await execute(step) {
                case .next: cursors[top].pc += 1
                case .jump(let label): try jump(to: label)
                }
            }
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

    /// Runs every interleaved block that is due.
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
            cursors.append(Cursor(program: Program(active.interleave.steps)))
            defer { cursors.removeLast() }
            try await runProgram()
        }
    }
}
