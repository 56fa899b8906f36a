import ArgumentParser
@testable import cyclerctl
import Electrochemistry
import Foundation
import ProtocolEngine
import Testing

/// An analysis's warnings (a Coulombic efficiency above 100 %, t₊ outside
/// [0, 1]) reach the user wherever its numbers do: the run's summary on
/// standard output, results.json, and `analyze` output. An analysis that
/// could not be made says why in the summary.
@Suite struct AnalysisWarningsTests {
    static let warning = "coulombic efficiency 150 % is above 100 %: more charge came out than went in"

    @Test func theRunSummaryAndResultsJSONCarryEveryWarning() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("warnings-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let cell = CellContext.declared(by: CellRequirements())
        let recorder = try RunRecorder(folder: RunFolder(directory: out.path), protocolName: "p", source: "sim:x", cell: cell)
        let result = AnalysisResult(kind: .cycles, values: [.init(name: "coulombic efficiency", value: 1.5, unit: "1")], cycle: 1,
                                    note: "positive current charges", warnings: [Self.warning])
        recorder.handle(JobEvent(time: 10, kind: .analysisResult(result: result)))
        recorder.handle(JobEvent(time: 20, kind: .analysisFailed(kind: .transference, reason: "t₊ = 1.3 ± 0.01 is outside [0, 1]")))
        let summary = try recorder.finish(outcome: .completed).summary(folder: out.path).split(separator: "\n").map(String.init)
        #expect(summary.contains("cycles (cycle 1): coulombic efficiency = 150 %"))
        #expect(summary.contains("  warning: \(Self.warning)"))
        #expect(summary.contains("transference: not reported: t₊ = 1.3 ± 0.01 is outside [0, 1]"))

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("results.json"))) as? [String: Any]
        let analysis = try #require((json?["analyses"] as? [[String: Any]])?.first)
        #expect(analysis["warnings"] as? [String] == [Self.warning])
        #expect(analysis["note"] as? String == "positive current charges")
    }

    /// `analyze cycles` on a plain file prints each cycle's warning under the table.
    @Test func analyzeCyclesPrintsTheWarningsBelowItsTable() throws {
        let samples = (1...300).map { k in
            let current = k <= 100 ? 1e-3 : -1e-3
            return TraceSample(time: Double(k), voltage: 3.7 + 100 * current, current: current)
        }
        let cycles = try CycleSummaries.summarise(samples)
        let text = try AnalyzeCyclesCommand.parse(["x.csv"]).text(cycles, file: "x.csv")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.last?.hasPrefix("  warning: cycle 1: coulombic efficiency 200 % is above 100 %") == true, "\(text)")
    }
}
