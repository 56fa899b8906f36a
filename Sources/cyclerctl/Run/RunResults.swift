import CyclerConfiguration
import ProtocolEngine

/// The shape of results.json.
struct RunResults: Encodable {
    var protocolName: String
    /// The bench or instrument the job ran on (`sim:PRESET` or the potentiostat's address).
    var source: String
    /// The cell the job ran on, so offline analyses of the folder use its geometry and capacity.
    var cell: CellDescription
    var outcome: JobOutcome
    var samples: Int
    /// Every analysis result, in the order the job produced them (also among the events).
    var analyses: [ReportedAnalysis]
    /// The files beside results.json that offline tools read: spectra, polarisation traces.
    var files: [String]
    var events: [JobEvent]

    /// What `run` prints on standard output when the job ends: the outcome,
    /// every analysis in lab units with its warnings, every analysis that
    /// could not be made and why, and the files an offline tool can read.
    func summary(folder: String) -> String {
        var lines = ["\(protocolName) on \(source): \(outcome), \(samples) samples in \(folder)/\(RunFolder.dataFile)"]
        lines += analyses.map(\.summary)
        lines += events.compactMap {
            if case .analysisFailed(let kind, let reason) = $0.kind { ReportedAnalysis.failure(kind, reason) } else { nil }
        }
        if !files.isEmpty { lines.append("files: " + files.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }
}

/// An analysis result with its values twice: in SI under `values`, for
/// programs, and as a lab reports them under `lab` (mAh, mAh/g, %, mS/cm),
/// and what the reader must be told about them under `warnings`.
struct ReportedAnalysis: Encodable {
    var kind: AnalysisKind
    var cycle: Int?
    var note: String
    var warnings: [String]
    var values: [AnalysisResult.Value]
    var lab: [LabFigure]

    init(_ result: AnalysisResult, cell: CellContext) {
        kind = result.kind
        cycle = result.cycle
        note = result.note
        warnings = result.warnings
        values = result.values
        lab = result.values.flatMap { LabFigure.figures(for: $0, cell: cell) }
    }

    /// For the terminal: `cycles (cycle 2): discharge capacity = 1.52 mAh, …`,
    /// then a `  warning: …` line for each warning.
    var summary: String {
        let heading = kind.rawValue + (cycle.map { " (cycle \($0))" } ?? "")
        let line = heading + ": " + lab.map { "\($0.name) = \($0.text)" }.joined(separator: ", ")
        return ([line] + Self.warningLines(warnings)).joined(separator: "\n")
    }

    /// Each warning as an indented line of its own, as every analysis output prints them.
    static func warningLines(_ warnings: [String]) -> [String] {
        warnings.map { "  warning: \($0)" }
    }

    /// The line for an analysis the job could not make: `transference: not reported: …`.
    static func failure(_ kind: AnalysisKind, _ reason: String) -> String {
        "\(kind.rawValue): not reported: \(reason)"
    }
}
