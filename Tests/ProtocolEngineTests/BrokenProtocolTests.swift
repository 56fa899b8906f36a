import CyclerConfiguration
import Foundation
import Testing
@testable import ProtocolEngine

/// The corpus of broken protocols in `Broken/`: each must be refused with an
/// error at the line, column and field in `Broken/EXPECTED.tsv`, saying what
/// is wrong. A file may pick its cell (`# cell: NAME.yaml`, from `Cells/`) and
/// channel (`# channel: smu`) in a comment.
@Suite struct BrokenProtocolTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var file: String
        var line: Int
        var column: Int
        var field: String
        var fragment: String
        var testDescription: String { file }
    }

    static let directory = repositoryRoot.appendingPathComponent("Tests/ProtocolEngineTests/Broken")

    static let cases: [Case] = {
        let manifest = (try? String(contentsOf: directory.appendingPathComponent("EXPECTED.tsv"), encoding: .utf8)) ?? ""
        return manifest.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { row in
            let columns = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 4 else { return nil }
            let position = columns[1].split(separator: ":").compactMap { Int($0) }
            guard position.count == 2 else { return nil }
            return Case(file: columns[0], line: position[0], column: position[1], field: columns[2], fragment: columns[3])
        }
    }()

    @Test func theCorpusHasAtLeastFortyProtocolsAndEveryFileIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }
        #expect(Self.cases.count >= 40)
        #expect(Set(files) == Set(Self.cases.map(\.file)))
    }

    @Test(arguments: cases)
    func isRefusedWithALocatedHelpfulError(_ expected: Case) throws {
        let path = Self.directory.appendingPathComponent(expected.file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let errors = try Self.errors(in: text, file: path)
        #expect(!errors.isEmpty, "\(expected.file) was accepted")
        let match = errors.first { $0.line == expected.line && $0.column == expected.column && $0.field == expected.field }
        #expect(match != nil, "no error at \(expected.line):\(expected.column) \(expected.field); got \(errors)")
        #expect(match?.message.contains(expected.fragment) == true, "\(match?.message ?? "")")
        #expect(errors.allSatisfy { $0.file == path })
    }

    /// Parse, then validate against the cell and channel the file names.
    static func errors(in text: String, file: String) throws -> [ConfigurationError] {
        let definition: ProtocolDefinition
        do {
            definition = try ProtocolLoader.parse(text, file: file)
        } catch {
            return error.errors
        }
        let comment = { (key: String) in
            text.split(separator: "\n").first { $0.hasPrefix("# \(key): ") }.map { String($0.dropFirst(key.count + 4)) }
        }
        let channel = try comment("channel").map { try ChannelCapabilities.named(orFile: $0) } ?? .simulatedBench
        guard let cell = comment("cell") else { return ProtocolValidator.validate(definition, channel: channel) }
        let description = try CellDescription.load(contentsOf: repositoryRoot.appendingPathComponent("Tests/ProtocolEngineTests/Cells/\(cell)").path)
        return ProtocolValidator.validate(definition, cellFile: description, channel: channel)
    }
}
