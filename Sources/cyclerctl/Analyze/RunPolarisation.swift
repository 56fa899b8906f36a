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
    let results: [String: Any]

    init(folder: String, step: Int) throws {
        let suffix = "-step\(step).csv"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        // The last polarisation of the step, as the run's analysis takes the last one.
        let candidates = names.filter { $0.hasPrefix("polarisation-") && $0.hasSuffix(suffix) }
            .compactMap { name in Int(name.dropFirst("polarisation-".count).dropLast(suffix.count)).map { ($0, name) } }
        guard let name = candidates.max(by: { $0.0 < $1.0 })?.1 else {
            throw ValidationError("\(folder) has no polarisation of step \(step) (polarisation-K-step\(step).csv); "
                + "the folder holds: \(names.sorted().joined(separator: ", "))")
        }
        file = URL(fileURLWithPath: folder).appendingPathComponent(name).path
        let series = try SampleFile.read(path: file)
        samples = series.time.indices.map { TraceSample(time: series.time[$0], voltage: series.voltage?[$0] ?? 0, current: series.current[$0]) }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        var parameters: [String: Double] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("# ") {
            let parts = line.dropFirst(2).split(separator: ":", maxSplits: 1)
            if parts.count == 2, let value = Double(parts[1].trimmingCharacters(in: .whitespaces)) { parameters[String(parts[0])] = value }
        }
        guard let applied = parameters["applied_V"], let change = parameters["steady_change"], let window = parameters["steady_window_s"] else {
            throw ValidationError("\(file) lacks the applied_V, steady_change or steady_window_s line that `cyclerctl run` writes")
        }
        appliedVoltage = applied
        criterion = SteadyStateCriterion(window: window, relativeDriftTolerance: change)
        results = RunFolder(directory: folder).results
    }

    /// The run's last analysis value `name` of `kind` (in SI), e.g. R0 of transference.
    func inRunValue(_ name: String, of kind: String) -> Double? {
        let analyses = results["analyses"] as? [[String: Any]] ?? []
        let values = analyses.last { $0["kind"] as? String == kind }?["values"] as? [[String: Any]]
        return values?.first { $0["name"] as? String == name }?["value"] as? Double
    }

    /// The simulator preset the run used, for its geometry.
    var preset: String? { results["preset"] as? String }
}
