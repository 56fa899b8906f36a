import CyclerConfiguration
import Foundation

/// What the offline tools read back of a run's results.json.
///
/// Decoded with `JSONDecoder`, which reads each number back to the double the
/// run wrote; `JSONSerialization` can miss the last bit, and a replayed
/// analysis must be compared with the very value the run reported.
struct RecordedResults: Decodable {
    struct Analysis: Decodable {
        struct Value: Decodable {
            var name: String
            var value: Double
            var standardError: Double?
        }

        var kind: String
        var cycle: Int?
        var values: [Value]
    }

    /// The cell the run used.
    var cell: CellDescription
    var analyses: [Analysis]

    /// The run's last value `name` of an analysis of `kind`.
    func value(_ name: String, of kind: String) -> Double? {
        entry(name, of: kind)?.value
    }

    /// The same, with its standard error.
    func entry(_ name: String, of kind: String) -> Analysis.Value? {
        analyses.last { $0.kind == kind }?.values.first { $0.name == name }
    }
}

extension RunFolder {
    /// results.json, or nil when it is missing or not one `cyclerctl run` wrote.
    var results: RecordedResults? {
        (try? Data(contentsOf: URL(fileURLWithPath: path(Self.resultsFile)))).flatMap { try? JSONDecoder().decode(RecordedResults.self, from: $0) }
    }
}
