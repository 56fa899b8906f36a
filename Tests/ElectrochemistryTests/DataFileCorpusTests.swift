import Foundation
import Testing
@testable import Electrochemistry

/// The corpus in `Fixtures/Foreign`: files as EC-Lab, Neware, Arbin, Maccor,
/// Gamry and ZView write them (CRLF, decimal commas, Latin-1, kΩ, mA, µA,
/// clock times), each read to the SI values in `EXPECTED.tsv`; and files
/// whose units cannot be known, each refused at the line and column in
/// `REFUSED.tsv`.
@Suite struct DataFileCorpusTests {
    struct Readable: Sendable, CustomTestStringConvertible {
        var file: String
        var reader: String
        var points: Int
        var checks: [(name: String, index: Int, value: Double)]
        var testDescription: String { file }
    }

    struct Refused: Sendable, CustomTestStringConvertible {
        var file: String
        var reader: String
        var line: Int
        var column: Int
        var fragment: String
        var testDescription: String { file }
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/Foreign")

    static func manifest(_ name: String) -> [[String]] {
        let text = (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    }

    static let readable: [Readable] = manifest("EXPECTED.tsv").compactMap { columns in
        guard columns.count == 4, let points = Int(columns[2]) else { return nil }
        let checks = columns[3].split(separator: " ").compactMap { check -> (String, Int, Double)? in
            let parts = check.split(separator: "=")
            guard parts.count == 2, let open = parts[0].firstIndex(of: "["), let value = Double(parts[1]),
                  let index = Int(parts[0][parts[0].index(after: open)...].dropLast()) else { return nil }
            return (String(parts[0][..<open]), index, value)
        }
        return Readable(file: columns[0], reader: columns[1], points: points, checks: checks)
    }

    static let refused: [Refused] = manifest("REFUSED.tsv").compactMap { columns in
        let position = columns.count == 4 ? columns[2].split(separator: ":").compactMap { Int($0) } : []
        guard position.count == 2 else { return nil }
        return Refused(file: columns[0], reader: columns[1], line: position[0], column: position[1], fragment: columns[3])
    }

    @Test func theCorpusHasTwentyReadableFilesAndEveryFileIsListed() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { !$0.hasSuffix(".tsv") }
        #expect(Self.readable.count >= 20)
        #expect(Set(files) == Set(Self.readable.map(\.file) + Self.refused.map(\.file)))
    }

    /// The values a check names, in SI.
    static func column(_ name: String, of series: SampleSeries) -> [Double?]? {
        switch name {
        case "time": series.time
        case "current": series.current
        case "voltage": series.voltage
        case "temperature": series.temperature
        case "pressure": series.pressure
        case "step": series.step?.map(Double.init)
        case "cycle": series.cycle?.map(Double.init)
        default: nil
        }
    }

    static func column(_ name: String, of spectrum: ImpedanceData) -> [Double?]? {
        switch name {
        case "f": spectrum.frequencies
        case "re": spectrum.impedances.map(\.real)
        case "im": spectrum.impedances.map(\.imaginary)
        default: nil
        }
    }

    /// Unit scaling multiplies by powers of ten, which rounds in the last
    /// bits; anything beyond that is a misread.
    static func agree(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-12 * max(abs(a), abs(b))
    }

    @Test(arguments: readable)
    func readsToTheDocumentedValues(_ expected: Readable) throws {
        let path = Self.directory.appendingPathComponent(expected.file).path
        let lookup: (String) -> [Double?]?
        if expected.reader == "spectrum" {
            let spectrum = try SpectrumFile.read(path: path)
            #expect(spectrum.frequencies.count == expected.points)
            lookup = { Self.column($0, of: spectrum) }
        } else {
            let series = try SampleFile.read(path: path)
            #expect(series.count == expected.points)
            lookup = { Self.column($0, of: series) }
        }
        #expect(!expected.checks.isEmpty)
        for check in expected.checks {
            let values = try #require(lookup(check.name), "\(expected.file) has no \(check.name)")
            let value = try #require(values[check.index], "\(expected.file): \(check.name)[\(check.index)] is missing")
            #expect(Self.agree(value, check.value), "\(expected.file): \(check.name)[\(check.index)] = \(value), expected \(check.value)")
        }
    }

    @Test(arguments: refused)
    func isRefusedWithALocatedMessage(_ expected: Refused) throws {
        let path = Self.directory.appendingPathComponent(expected.file).path
        let error = try #require(throws: DataFileError.self) {
            if expected.reader == "spectrum" { _ = try SpectrumFile.read(path: path) } else { _ = try SampleFile.read(path: path) }
        }
        #expect((error.line, error.column) == (expected.line, expected.column), "\(error)")
        #expect(error.message.contains(expected.fragment), "\(error)")
        #expect(error.file == path)
    }
}
