import Foundation
import ProtocolEngine

/// Writes a run's samples to data.csv and its events to results.json, and
/// shows progress on the terminal.
final class RunRecorder: JobObserver {
    private let data: OutputFile
    private let resultsPath: String
    private let protocolName: String
    /// The bench or instrument the job ran on (`sim:PRESET` or the potentiostat's address).
    private let source: String
    private var events: [JobEvent] = []
    private let progress = ProgressLine()
    private var step: StepInfo?
    private var sampleCount = 0

    /// Whether a safe-state command failed during the job (an output may still be on).
    private(set) var safeStateFailed = false

    init(directory: String, protocolName: String, source: String) throws {
        let base = URL(fileURLWithPath: directory)
        data = try OutputFile(path: base.appendingPathComponent("data.csv").path)
        resultsPath = base.appendingPathComponent("results.json").path
        self.protocolName = protocolName
        self.source = source
        data.write("time_s,step,cycle,step_time_s,voltage_V,current_A,step_charge_C,pressure_Pa,temperature_K")
    }

    func record(_ s: RecordedSample) {
        sampleCount += 1
        data.write("\(s.time),\(s.step),\(s.cycle),\(s.stepTime),\(s.voltage),\(s.current),\(s.stepCharge),"
            + "\(s.pressure.map { "\($0)" } ?? ""),\(s.temperature.map { "\($0)" } ?? "")")
        progress.update(time: s.time, voltage: s.voltage, current: s.current, step: step)
    }

    /// A command-line run is not resumed from a checkpoint (the daemon's store keeps them).
    func checkpoint(_ checkpoint: ExecutorCheckpoint) {}

    func handle(_ event: JobEvent) {
        events.append(event)
        switch event.kind {
        case .stepStarted(let info):
            step = info
        case .alarm(let alarm):
            if alarm.cause == .safeStateFailed { safeStateFailed = true }
            progress.print("\(alarm.severity == .critical ? "CRITICAL" : "ALARM"): \(alarm.message)")
        case .jobEnded(let outcome):
            progress.print("job ended: \(outcome)")
        case .analysisResult(let result):
            progress.print("\(result.kind.rawValue): " + result.values.map { "\($0.name) = \($0.value) \($0.unit)" }.joined(separator: ", "))
        case .analysisFailed(let kind, let reason):
            progress.print("\(kind.rawValue) analysis failed: \(reason)")
        default:
            break
        }
    }

    /// Flushes the data and writes results.json.
    func finish(outcome: JobOutcome) throws {
        data.flush()
        let analyses = events.compactMap { if case .analysisResult(let result) = $0.kind { result } else { nil } }
        let results = RunResults(protocolName: protocolName, source: source, outcome: outcome, samples: sampleCount,
                                 analyses: analyses, events: events)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try encoder.encode(results).write(to: URL(fileURLWithPath: resultsPath))
        progress.print("\(sampleCount) samples, \(events.count) events → \(resultsPath)")
    }
}

/// The shape of results.json.
struct RunResults: Encodable {
    var protocolName: String
    var source: String
    var outcome: JobOutcome
    var samples: Int
    /// Every analysis result, in the order the job produced them (also among the events).
    var analyses: [AnalysisResult]
    var events: [JobEvent]
}
