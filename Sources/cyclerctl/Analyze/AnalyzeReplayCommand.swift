import ArgumentParser
import CellSimulator
import Electrochemistry
import Foundation
import ProtocolEngine

/// `cyclerctl analyze replay`: every analysis a run made, made again from the
/// files it wrote.
struct AnalyzeReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Run a run folder's analyses again from its files and compare each number with the run's.",
        discussion: """
        The samples come from data.csv, the spectra from spectrum-K-stepN.csv, the polarisations from \\
        polarisation-K-stepN.csv, the cell from the run's preset; each analysis in results.json is \\
        made again by the code the run used and every value is compared. Exits 1 if any differs. \\
        Each analysis is given everything the run recorded, which is what it saw when, as in the \\
        library's protocols, it is the job's last step.

        Example:
          cyclerctl analyze replay runs/arrhenius
        """
    )

    @Argument(help: "A folder `cyclerctl run` wrote.")
    var folder: String

    @Flag(help: "Print one JSON object per analysis instead of text.")
    var json = false

    /// One value as the run reported it and as replayed.
    struct Comparison: Equatable {
        var kind: String
        var name: String
        var inRun: Double
        var replayed: Double?
        /// The run's value as a lab reads it (`1.137 mS/cm`); the raw doubles are what is compared.
        var lab: String
    }

    func run() async throws {
        let comparisons = try await replay()
        for c in comparisons {
            if json {
                print(JSONValue.object([("kind", .string(c.kind)), ("name", .string(c.name)), ("in_run", .number(c.inRun)),
                                        ("replayed", .optional(c.replayed))]).text)
            } else {
                let verdict = c.replayed == c.inRun ? "same" : "DIFFERS"
                print("\(c.kind): \(c.name) = \(c.lab): run \(c.inRun), replay \(c.replayed.map { "\($0)" } ?? "missing")  \(verdict)")
            }
        }
        if comparisons.contains(where: { $0.replayed != $0.inRun }) { throw ExitCode(1) }
    }

    /// The run's analyses (those of the whole job; per-cycle summaries are
    /// `analyze cycles --run`'s), each made again and compared value by value.
    func replay() async throws -> [Comparison] {
        let run = RunFolder(directory: folder)
        let results = run.results
        guard let results else {
            throw ValidationError("\(folder) has no results.json written by cyclerctl run")
        }
        let spectra = try run.spectrumRecords()
        let request = { (kind: AnalysisKind) throws in
            AnalysisRequest(kind: kind, cell: CellContext(results.cell), spectra: spectra,
                            polarisations: try run.polarisationRecords(spectra: spectra), samples: try run.recordedSamples())
        }
        var comparisons: [Comparison] = []
        for analysis in results.analyses where analysis.cycle == nil {
            guard let kind = AnalysisKind(rawValue: analysis.kind) else { continue }
            let replayed = try await ElectrochemistryAnalyses().analyse(try request(kind))
            for (k, value) in analysis.values.enumerated() {
                // The n-th value of a name against the n-th made again: a series may measure twice at one
                // condition (an Arrhenius run back at 25 °C).
                let occurrence = analysis.values[..<k].count { $0.name == value.name }
                let again = replayed?.values.filter { $0.name == value.name }.dropFirst(occurrence).first
                let lab = again.flatMap {
                    LabFigure.figures(for: .init(name: value.name, value: value.value, unit: $0.unit), cell: CellContext(results.cell)).first?.text
                }
                comparisons.append(Comparison(kind: analysis.kind, name: value.name, inRun: value.value, replayed: again?.value,
                                              lab: lab ?? "\(value.value)"))
            }
        }
        return comparisons
    }
}
