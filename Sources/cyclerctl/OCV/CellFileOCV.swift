import Foundation
import Electrochemistry

/// A cell file's text with its `ocv:` block replaced, the rest (comments,
/// order, other fields) kept as written.
enum CellFileOCV {
    static func replacing(in text: String, with table: LearnedOpenCircuit, source: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let start = lines.firstIndex(where: { $0.hasPrefix("ocv:") }) {
            var end = start + 1
            // The block runs on while lines are indented or blank; a comment at the margin starts what follows.
            while end < lines.count, lines[end].first.map({ $0 == " " || $0 == "\t" }) ?? true { end += 1 }
            // Keep trailing blank lines and comments for what follows.
            while end > start + 1, lines[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
            lines.removeSubrange(start..<end)
        }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        let soc = table.stateOfCharge.map { $0.formatted(significantDigits: 4) }.joined(separator: ", ")
        let voltage = table.voltage.map { String(format: "%.5f", $0) }.joined(separator: ", ")
        lines += ["# Learned by cyclerctl ocv learn from \(source) (\(table.method.rawValue), \(table.stateOfCharge.count) points,",
                  "# \(Quantity(table.capacity, .charge).labText()) between the cut-offs).",
                  "ocv:", "  soc: [\(soc)]", "  voltage: [\(voltage)]"]
        return lines.joined(separator: "\n") + "\n"
    }
}
