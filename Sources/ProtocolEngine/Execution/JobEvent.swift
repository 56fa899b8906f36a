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
        /// The protocol could not run as written (it was not validated for this cell or channel).
        case invalidProtocol
    }

    public var cause: Cause
    public var message: String
    /// The reading that crossed (SI), when there is one.
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
    /// A safety limit or step failure: output safe, job resumable.
    case paused(alarm: Alarm)
    /// An instrument fault: output safe.
    case failed(reason: String)
    /// Cancelled: output safe.
    case stopped
}
