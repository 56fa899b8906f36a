/// Something that happened in a job, in instrument time.
public struct JobEvent: Sendable, Codable {
    /// Instrument time (s) of the sample the event belongs to.
    public var time: Double
    public var kind: Kind

    public init(time: Double, kind: Kind) {
        self.time = time
        self.kind = kind
    }

    public enum Kind: Sendable, Codable {
        case jobStarted(name: String)
        case jobEnded(outcome: JobOutcome)
        case stepStarted(step: StepInfo)
        case stepEnded(step: StepInfo, reason: String)
        case cycleStarted(cycle: Int)
        case cycleEnded(cycle: Int)
        /// A termination, failure or goto condition held.
        case limitHit(step: StepInfo, condition: String, action: LimitAction)
        case alarm(alarm: Alarm)
        case spectrum(spectrum: SpectrumRecord)
        case polarisation(polarisation: PolarisationRecord)
        case analysisResult(result: AnalysisResult)
        /// An analysis could not be done; the job goes on.
        case analysisFailed(kind: AnalysisKind, reason: String)
        /// Someone outside the job asked it to pause, stop or skip a step, and it did.
        case control(request: ControlRequest)
        /// The job went on after a pause or a restart. `gap` is the time the
        /// caller says passed unrecorded (s; nil when unknown), `openCircuitVoltage`
        /// what the cell read in the short rest before its step was re-entered.
        case resumed(by: String, reason: String, gap: Double?, openCircuitVoltage: Double?)

        /// The case's name, as event logs and streams label documents.
        public var name: String {
            switch self {
            case .jobStarted: "jobStarted"
            case .jobEnded: "jobEnded"
            case .stepStarted: "stepStarted"
            case .stepEnded: "stepEnded"
            case .cycleStarted: "cycleStarted"
            case .cycleEnded: "cycleEnded"
            case .limitHit: "limitHit"
            case .alarm: "alarm"
            case .spectrum: "spectrum"
            case .polarisation: "polarisation"
            case .analysisResult: "analysisResult"
            case .analysisFailed: "analysisFailed"
            case .control: "control"
            case .resumed: "resumed"
            }
        }
    }
}

/// What a limit did.
public enum LimitAction: String, Sendable, Codable {
    /// Ended the step; the job continues with the next one.
    case nextStep
    /// Ended the step and continued at a label.
    case goto
    /// Failed the step: output off, job paused.
    case pause
}

/// The step an event is about.
public struct StepInfo: Sendable, Hashable, Codable {
    /// Sequential number of the step run.
    public var number: Int
    public var kind: String
    public var summary: String
    public var label: String?
    public var cycle: Int
    /// Where it is written.
    public var line: Int

    public init(number: Int, kind: String, summary: String, label: String?, cycle: Int, line: Int) {
        self.number = number
        self.kind = kind
        self.summary = summary
        self.label = label
        self.cycle = cycle
        self.line = line
    }
}

/// A safety limit or failure that stopped the job, and how fast the output went off.
public struct Alarm: Sendable, Hashable, Codable {
    public enum Cause: String, Sendable, Codable {
        case safetyLimit
        case stepFailure
        case instrumentFault
        /// An instrument stopped answering in a way reconnecting may cure.
        case instrumentLost
        /// A sensor a safety limit depends on has not been read for several of its cadences.
        case staleSensor
        /// A safe-state command failed: an output may still be on.
        case safeStateFailed
        /// The protocol could not run as written (it was not validated for this cell or channel).
        case invalidProtocol
    }

    /// How urgently a person must act.
    public enum Severity: String, Sendable, Codable, Comparable {
        /// The job paused itself safely; look when convenient.
        case alarm
        /// The output may still be on: go to the instrument now.
        case critical

        public static func < (a: Severity, b: Severity) -> Bool { a == .alarm && b == .critical }
    }

    public var cause: Cause
    public var message: String
    /// Critical only when a safe-state command failed.
    public var severity: Severity { cause == .safeStateFailed ? .critical : .alarm }
    /// The reading that crossed (SI), or a stale sensor's age (s), when there is one.
    public var value: Double?
    /// Seconds from receiving the crossing sample to issuing the output-off command.
    public var responseTime: Double?

    public init(cause: Cause, message: String, value: Double? = nil, responseTime: Double? = nil) {
        self.cause = cause
        self.message = message
        self.value = value
        self.responseTime = responseTime
    }
}

/// How a job run ended.
public enum JobOutcome: Sendable, Hashable, Codable {
    case completed
    /// Output safe (unless an alarm says otherwise), position kept: `run()` resumes.
    case paused(reason: PauseReason)
    /// An instrument fault that reconnecting cannot cure, or a protocol that cannot run.
    case failed(reason: String)
    /// Stopped by request or cancelled.
    case stopped
}

/// Why a job paused. A scheduler's policy reads it: an operator's pause waits
/// for an operator, a lost instrument for a reconnect.
public enum PauseReason: Sendable, Hashable, Codable {
    /// A safety limit, a step failure or a stale sensor.
    case alarm(Alarm)
    /// Someone asked for the pause.
    case requested(ControlRequest)
    /// An instrument was lost in a way reconnecting may cure; the alarm says which.
    case instrumentLost(Alarm)

    /// The alarm behind the pause, if one was raised.
    public var alarm: Alarm? {
        switch self {
        case .alarm(let alarm), .instrumentLost(let alarm): alarm
        case .requested: nil
        }
    }
}
