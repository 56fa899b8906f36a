/// Where a job is: enough to build a new executor from the protocol text and
/// carry on, after a pause, a crash or a restart.
///
/// It is small on purpose (a few hundred bytes), so a store can write it with
/// every batch of samples it covers. What an analysis needs from the past
/// (spectra, polarisations, the samples of the cycle under way) is not in it:
/// those are in the job's event log and samples, which `JobHistory` is rebuilt from.
///
/// Resume rule (`ProtocolExecutor.init(resuming:…)`): the cell first rests at
/// open circuit for one sample, which is recorded and reported in the
/// `resumed` event with the gap the caller measured; then the step that was
/// running is re-entered with what is left of it: its elapsed time and charge
/// carry on (a `rest: 500 h` stopped at 300 h rests 200 h more), a `cccv`
/// stays in its phase, a pulse train keeps its count and the time left in
/// its pulse or rest, an EIS step keeps the sweeps it finished. A
/// polarisation starts again from its first reading (its steady-state
/// judgement needs the whole decay), and so does a sweep's spectrum.
/// Stability timers (temperature, pressure) and the dV/dt window restart.
public struct ExecutorCheckpoint: Sendable, Hashable, Codable {
    /// Bumped when the encoding changes meaning; a resume refuses other versions.
    public static let formatVersion = 1

    public var formatVersion: Int
    /// The main program's position, then any interleaved block running above it.
    public var cursors: [CursorPosition]
    public var interleaves: [InterleavePosition]
    public var cycle: Int
    public var completedCycles: Int
    /// Steps begun so far (the running one's number).
    public var stepNumber: Int
    /// Job time of the last sample (s).
    public var jobTime: Double
    /// Whether the job had started (its `jobStarted` event was emitted).
    public var hasStarted: Bool

    /// One program's position: its counter, the loops it is inside and the
    /// progress of the step at the counter, if one is under way.
    public struct CursorPosition: Sendable, Hashable, Codable {
        /// nil for the main program; else the main program's `every` instruction whose block this is.
        public var interleave: Int?
        public var pc: Int
        public var loops: [LoopPosition]
        public var step: StepProgress?
    }

    public struct LoopPosition: Sendable, Hashable, Codable {
        /// The loop's start instruction.
        public var start: Int
        public var iteration: Int
    }

    public struct InterleavePosition: Sendable, Hashable, Codable {
        /// The main program's `every` instruction.
        public var instruction: Int
        public var depth: Int
        public var lastCompletedCycles: Int
        /// Job time it last ran (s).
        public var lastTime: Double
    }
}

/// The state inside a running step that a resume needs.
public struct StepProgress: Sendable, Hashable, Codable {
    public enum Phase: String, Sendable, Hashable, Codable {
        case constantCurrent
        case constantVoltage
    }

    /// The step's number in the job.
    public var number: Int
    /// Job time when the step began (s).
    public var startedAt: Double
    /// Step time so far (s), not counting pauses.
    public var elapsed: Double = 0
    /// Charge passed in the step so far (C, signed).
    public var charge: Double = 0
    /// A `cccv`'s phase.
    public var phase: Phase = .constantCurrent
    /// A pulse train's completed pulses, whether it is in a rest, and the
    /// step time its present pulse or rest ends at.
    public var pulsesDone = 0
    public var pulseResting = false
    public var phaseEndsAt: Double?
    /// Sweeps of an EIS step already measured.
    public var sweepsDone = 0

    public init(number: Int, startedAt: Double) {
        self.number = number
        self.startedAt = startedAt
    }
}
