import ArgumentParser
import CellSimulator
@testable import cyclerctl
@testable import Electrochemistry
import Foundation
import Testing

/// `cyclerctl ocv learn` recovers the simulated cell's own OCV curve better
/// than the loaded voltages it learns from.
@Suite struct OCVLearnTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let preset = "nmc811-lpscl-liin"

    static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("ocv-\(UUID().uuidString)-\(name)")
    }

    static func samples(_ path: String) throws -> [TraceSample] {
        let series = try SampleFile.read(path: path)
        let voltage = try #require(series.voltage)
        return series.time.indices.map { TraceSample(time: series.time[$0], voltage: voltage[$0], current: series.current[$0]) }
    }

    /// RMS distance (V) from the simulator's OCV over SOC 0.05 … 0.95, away
    /// from the cut-offs where a loaded curve leaves the table's range.
    static func error(_ curve: [(soc: Double, v: Double)]) throws -> Double {
        let definition = try #require(CellPresets.named(preset))
        let socs = stride(from: 0.05, through: 0.95, by: 0.01).map { $0 }
        let squares = try socs.map { soc in
            let d = try OpenCircuitLearning.interpolate(curve, at: soc) - (definition.positive.potential(soc) - definition.referenceOffset)
            return d * d
        }
        return (squares.reduce(0, +) / Double(socs.count)).squareRoot()
    }

    @Test func aSlowCycleAveragesAwayTheOverpotential() async throws {
        let csv = Self.temporary("slow.csv")
        defer { try? FileManager.default.removeItem(at: csv) }
        try await SimCycleCommand.parse(["--preset", Self.preset, "--rate", "C/20", "--cycles", "2", "--interval", "60s", "-o", csv.path]).run()
        let samples = try Self.samples(csv.path)
        let learned = try OpenCircuitLearning.learn(samples)
        #expect(learned.method == .slowCycle)
        let halves = OpenCircuitLearning.halfCycles(samples, rest: 1e-3 * (samples.map { abs($0.current) }.max() ?? 0))
        let charge = try #require(halves.last { $0.sign > 0 }), discharge = try #require(halves.last { $0.sign < 0 })
        let error = try Self.error(Array(zip(learned.stateOfCharge, learned.voltage)).map { (soc: $0.0, v: $0.1) })
        #expect(error < (try Self.error(OpenCircuitLearning.curve(charge, rising: true))), "\(error) V")
        #expect(error < (try Self.error(OpenCircuitLearning.curve(discharge, rising: false))), "\(error) V")
    }

    /// The GITT protocol's rests, written into a cell file that reads back.
    @Test func aGITTRunsRestsBecomeTheCellFilesTable() async throws {
        let out = Self.temporary("gitt")
        defer { try? FileManager.default.removeItem(at: out) }
        try await RunCommand.parse([Self.root.appendingPathComponent("Protocols/gitt.yaml").path, "--sim", Self.preset,
                                    "--out", out.path]).run()
        let data = out.appendingPathComponent("data.csv").path
        let samples = try Self.samples(data)
        let learned = try OpenCircuitLearning.learn(samples)
        #expect(learned.method == .gitt)
        let pulse = try #require(OpenCircuitLearning.halfCycles(samples, rest: 1e-6).first { $0.sign > 0 })
        let error = try Self.error(Array(zip(learned.stateOfCharge, learned.voltage)).map { (soc: $0.0, v: $0.1) })
        #expect(error < (try Self.error(OpenCircuitLearning.curve(pulse, rising: true))), "\(error) V")

        let cell = out.appendingPathComponent("cell.yaml").path
        try "name: test cell\ntype: full\ncapacity: 1.57 mAh\nocv:\n  soc: [0, 1]\n  voltage: [2.8, 3.6]\n# kept\narea: 0.785 cm2\n"
            .write(toFile: cell, atomically: true, encoding: .utf8)
        try OCVLearnCommand.parse([data, "--cell", cell]).run()
        let text = try String(contentsOfFile: cell, encoding: .utf8)
        #expect(text.contains("area: 0.785 cm2") && text.contains("# kept"))
        #expect(text.components(separatedBy: "ocv:").count == 2)
        #expect(text.contains("  voltage: [\(String(format: "%.5f", learned.voltage[0])),"))
    }
}
