import Instruments
import CellSimulator
import CyclerConfiguration
import Foundation
import Testing
@testable import ProtocolEngine

/// Mutates valid protocols at random (seeded, so a failure repeats) and
/// feeds them to the parser and validator: every mutant must come back as a
/// definition or as located errors, never a crash.
@Suite struct ProtocolFuzzTests {
    /// SplitMix64: small, fast and reproducible.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let fragments = [
        ":", "-", "[", "]", "{", "}", "\"", "'", "#", "\n", " ", "\t", "|", ">", "&a", "*a", "!!int", "%", "@", ",",
        "1e999", "-0", "nan", "C/0", "0 mA", "-5 h", "1 mA/cm2", "until:", "goto: x", "loop:", "steps:", "every:",
        "\"Charge at\"", " or until ", "μ", "°C", "\u{0}", "V >=", "|dV/dt| <", "after -1 s", "label: a",
    ]

    static func corpus() throws -> [String] {
        let library = try FileManager.default.contentsOfDirectory(atPath: repositoryRoot.appendingPathComponent("Protocols").path)
        return try library.map { try String(contentsOf: repositoryRoot.appendingPathComponent("Protocols/\($0)"), encoding: .utf8) }
    }

    static func mutate(_ text: String, _ random: inout Generator) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            guard !lines.isEmpty else { break }
            let index = Int.random(in: 0..<lines.count, using: &random)
            var line = Array(lines[index])
            switch Int.random(in: 0..<7, using: &random) {
            case 0 where !line.isEmpty:
                line.remove(at: Int.random(in: 0..<line.count, using: &random))
            case 1:
                let fragment = fragments.randomElement(using: &random) ?? ""
                line.insert(contentsOf: fragment, at: Int.random(in: 0...line.count, using: &random))
            case 2:
                lines.insert(lines[index], at: index)
            case 3:
                lines.remove(at: index)
                continue
            case 4:
                let other = Int.random(in: 0..<lines.count, using: &random)
                lines.swapAt(index, other)
                continue
            case 5:
                line = Array(String(line).replacingOccurrences(of: "  ", with: Bool.random(using: &random) ? " " : "   "))
            default:
                line = Array(String(line).map { $0.isNumber ? Character(String(Int.random(in: 0...9, using: &random))) : $0 })
            }
            lines[index] = String(line)
        }
        return lines.joined(separator: "\n")
    }

    @Test func mutatedProtocolsNeverCrashTheParserOrValidator() throws {
        var random = Generator(state: 0xC0FFEE)
        let sources = try Self.corpus()
        let cells = CellPresets.all.prefix(8).map { CellContext(CellDescription($0)) }
        var parsed = 0, refused = 0
        for round in 0..<800 {
            let text = Self.mutate(sources[round % sources.count], &random)
            do {
                let definition = try ProtocolLoader.parse(text, file: "fuzz-\(round).yaml")
                parsed += 1
                for cell in [nil, cells[round % cells.count]] {
                    for error in ProtocolValidator.validate(definition, cell: cell, channel: .simulatedBench) {
                        #expect(!error.message.isEmpty && error.file == "fuzz-\(round).yaml")
                    }
                }
            } catch {
                refused += 1
                #expect(error.errors.allSatisfy { !$0.message.isEmpty && $0.file == "fuzz-\(round).yaml" })
            }
        }
        #expect(parsed > 100 && refused > 100, "the mutations exercise both paths: \(parsed) parsed, \(refused) refused")
    }

    @Test func randomBytesAndTruncationsAreRefusedCleanly() throws {
        var random = Generator(state: 42)
        let text = try Self.corpus().joined(separator: "\n")
        for _ in 0..<300 {
            let cut = String(text.prefix(Int.random(in: 0...text.count, using: &random)))
            _ = try? ProtocolLoader.parse(cut, file: "cut.yaml")
            let bytes = (0..<Int.random(in: 0...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            _ = try? ProtocolLoader.parse(String(decoding: bytes, as: UTF8.self), file: "bytes.yaml")
        }
    }
}
