import CyclerConfiguration
import ArgumentParser
import Electrochemistry
import Foundation

/// `--run FOLDER --step N`: a polarisation `cyclerctl run` wrote, read with
/// the parameters the run analysed it with, so the offline number is the
/// in-run one.
struct RunPolarisationOptions: ParsableArguments {
    @Option(help: "A folder `cyclerctl run` wrote; with --step, analyse its polarisation instead of a file.")
    var run: String?

    @Option(help: "The protocol step of the polarisation in --run (the N in polarisation-K-stepN.csv).")
    var step: Int?

    /// The polarisation, when --run is given.
    func polarisation() throws -> RunPolarisation? {
        guard let run else {
            if step != nil { throw ValidationError("--step needs --run FOLDER") }
            return nil
        }
        guard let step else { throw ValidationError("--run needs --step N, the step of the polarisation (see the files in \(run))") }
        return try RunPolarisation(folder: run, step: step)
    }
}

/// A polarisation file of a run folder: the hold's trace, its applied ΔV and
/// the protocol's steady-state criterion (from the file's `#` lines), and the
/// run's results.json.
struct RunPolarisation {
    let file: String
    let samples: [TraceSample]
    let appliedVoltage: Double
    let criterion: SteadyStateCriterion
    let results: RecordedResults?

    init(folder: String, step: Int) throws {
        let run = RunFolder(directory: folder)
        // The last polarisation of the step, as the run's analysis takes the last one.
        guard let file = run.numbered("polarisation").last(where: { $0.hasSuffix("-step\(step).csv") }) else {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            throw ValidationError("\(folder) has no polarisation of step \(step) (polarisation-K-step\(step).csv); "
                + "the folder holds: \(names.sorted().joined(separator: ", "))")
        }
        self.file = file
        let series = try SampleFile.read(path: file)
        samples = series.time.indices.map { TraceSample(time: series.time[$0], voltage: series.voltage?[$0] ?? 0, current: series.current[$0]) }
        let header = try RunFolder.header(of: file)
        guard let applied = header["applied_V"].flatMap(Double.init), let change = header["steady_change"].flatMap(Double.init),
              let window = header["steady_window_s"].flatMap(Double.init) else {
            throw ValidationError("\(file) lacks the applied_V, steady_change or steady_window_s line that `cyclerctl run` writes")
        }
        appliedVoltage = applied
        criterion = SteadyStateCriterion(window: window, relativeDriftTolerance: change)
        results = run.results
    }

    /// The run's last analysis value `name` of `kind` (in SI) with its standard error, e.g. R0 of transference.
    func inRunValue(_ name: String, of kind: String) -> RecordedResults.Analysis.Value? {
        results?.entry(name, of: kind)
    }

    /// The cell the run used, for its geometry.
    var cell: CellDescription? { results?.cell }
}
