import Foundation
import ProtocolEngine

/// Writes a run's samples to data.csv, each spectrum and polarisation to a
/// file of its own, and results.json; shows progress on the terminal.
final class RunRecorder: JobObserver {
    private let folder: RunFolder
    private let data: TimedOutputFile
    private let protocolName: String
    /// The bench or instrument the job ran on (`sim:PRESET` or the potentiostat's address).
    private let source: String
    private let cell: CellContext
    private var events: [JobEvent] = []
    private var files: [String] = []
    private var spectra = 0, polarisations = 0
    private let progress = ProgressLine()
    private var step: StepInfo?
    private var sampleCount = 0

    /// Whether a safe-state command failed during the job (an output may still be on).
    private(set) var safeStateFailed = false

    init(folder: RunFolder, protocolName: String, source: String, cell: CellContext) throws {
        self.folder = folder
        data = try TimedOutputFile(path: folder.path(RunFolder.dataFile))
        self.protocolName = protocolName
        self.source = source
        self.cell = cell
        data.write("time_s,step,cycle,step_time_s,voltage_V,current_A,step_charge_C,pressure_Pa,temperature_degC")
    }

    func record(_ s: RecordedSample) {
        sampleCount += 1
        data.write("\(s.time),\(s.step),\(s.cycle),\(s.stepTime),\(s.voltage),\(s.current),\(s.stepCharge),"
            + "\(s.pressure.map { "\($0)" } ?? ""),\(s.temperature.map { "\($0 - 273.15)" } ?? "")")
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
        case .spectrum(let record):
            spectra += 1
            keep { try folder.write(record, index: spectra) }
        case .polarisation(let record):
            polarisations += 1
            keep { try folder.write(record, index: polarisations) }
        case .analysisResult(let result):
            progress.print(ReportedAnalysis(result, cell: cell).summary)
        case .analysisFailed(let kind, let reason):
            progress.print(ReportedAnalysis.failure(kind, reason))
        default:
            break
        }
    }

    /// Records a written file's name, or says on the terminal why it could not be written.
    private func keep(_ write: () throws -> String) {
        do { files.append(try write()) } catch { progress.print("could not write a file into \(folder.directory): \(error)") }
    }

    /// Flushes the data, writes results.json and returns what was written.
    func finish(outcome: JobOutcome) throws -> RunResults {
        data.flush()
        let analyses = events.compactMap { if case .analysisResult(let result) = $0.kind { ReportedAnalysis(result, cell: cell) } else { nil } }
        let results = RunResults(protocolName: protocolName, source: source, cell: cell.description, outcome: outcome, samples: sampleCount,
                                 analyses: analyses, files: files, events: events)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try encoder.encode(results).write(to: URL(fileURLWithPath: folder.path(RunFolder.resultsFile)))
        return results
    }
}
