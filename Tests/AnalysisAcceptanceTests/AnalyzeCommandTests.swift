import ArgumentParser
@testable import cyclerctl
import Electrochemistry
import Foundation
import Testing

/// `cyclerctl analyze` reads the files labs export and points at bad input.
@Suite struct AnalyzeCommandTests {
    /// Writes `text` to a fresh temporary file and returns its path.
    static func file(_ text: String, name: String = "data.csv") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("analyze-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func headersCarryTheirUnits() throws {
        let path = try Self.file("time_s,Ewe/V,I/mA,conductivity_mS/cm,r_bulk_Ohm,T (degC)\n1,2,3,4,5,25\n")
        let table = try AnalysisTable(path: path)
        #expect(table.header.map(\.name) == ["time", "Ewe", "I", "conductivity", "r_bulk", "T"])
        #expect(table.header.map(\.unit) == ["s", "V", "mA", "mS/cm", "Ohm", "degC"])
        #expect(try table.values(2, dimension: .current, example: "I/mA") == [3e-3])
        #expect(abs(try table.values(3, dimension: .conductance / .length, example: "sigma_S/m")[0] - 0.4) < 1e-12)
        #expect(try table.values(5, dimension: .temperature, example: "T (K)") == [298.15])
    }

    @Test func tabSeparatedExportsAndCommentsAreRead() throws {
        let path = try Self.file("# exported\ntime/s\tEwe/V\tI/mA\n\n1\t3.7\t1\n2\t3.8\t1\n")
        let samples = try SampleTrace(path: path, needsVoltage: true).samples
        #expect(samples == [TraceSample(time: 1, voltage: 3.7, current: 1e-3), TraceSample(time: 2, voltage: 3.8, current: 1e-3)])
    }

    @Test func badCellsAreLocatedByLineAndColumn() throws {
        let path = try Self.file("time_s,voltage_V,current_A\n1,3.7,0.001\n2, 3.8,oops\n")
        do {
            _ = try SampleTrace(path: path, needsVoltage: true)
            Issue.record("a non-number was accepted")
        } catch {
            #expect(error.line == 3 && error.column == 8)
            #expect(error.description.hasPrefix("\(path):3:8: error:"))
        }
    }

    @Test func wrongUnitsAndMissingColumnsPointAtTheHeader() throws {
        let wrongUnit = try Self.file("time_s,voltage_A,current_A\n1,1,1\n")
        do {
            _ = try SampleTrace(path: wrongUnit, needsVoltage: true)
            Issue.record("a current unit on a voltage column was accepted")
        } catch {
            #expect(error.line == 1 && error.column == 8)
        }
        let noCurrent = try Self.file("time_s,voltage_V\n1,1\n")
        #expect(throws: AnalysisFileError.self) { try SampleTrace(path: noCurrent, needsVoltage: true) }
    }

    /// An analysis error about one sample lands on that sample's line and field.
    @Test func analysisErrorsAreLocatedInTheFile() throws {
        let path = try Self.file("time_s,voltage_V,current_A\n1,3.7,1\n2,3.8,1\n2,3.9,-1\n")
        let trace = try SampleTrace(path: path, needsVoltage: true)
        do {
            _ = try CycleSummaries.summarise(trace.samples)
            Issue.record("a repeated time was accepted")
        } catch {
            let located = trace.locate(error)
            #expect(located.line == 4 && located.column == 1)
        }
    }

    /// An unlabelled current could be A or mA, a 1000× difference: refused, at the column.
    @Test func aColumnWithoutAUnitIsRefusedNotGuessed() throws {
        let path = try Self.file("time_s,voltage_V,current\r\n1,3.7,1\r\n2,3.8,1\r\n")
        let error = try #require(throws: AnalysisFileError.self) { try SampleTrace(path: path, needsVoltage: true) }
        #expect(error.line == 1 && error.column == 18)
        #expect(error.message.contains("column 'current' has no unit"))
        let arrhenius = try Self.file("temperature,r_bulk_Ohm\n300,100\n320,50\n")
        #expect(throws: ExitCode(2)) { try AnalyzeArrheniusCommand.parse([arrhenius, "--thickness", "1mm", "--area", "1cm2"]).run() }
    }

    @Test func aBadFileExitsWithStatusTwo() throws {
        let path = try Self.file("temperature_K,conductivity_S/cm\n300,1e-3\n310,-2\n")
        var command = try AnalyzeArrheniusCommand.parse([path])
        #expect(throws: ExitCode(2)) { try command.run() }
        command = try AnalyzeArrheniusCommand.parse([path + ".missing"])
        #expect(throws: ExitCode(2)) { try command.run() }
    }

    @Test func jsonIsValidAndKeepsKeyOrder() throws {
        let value = JSONValue.object([("b", .number(1.5)), ("a", .string("x\"y\n")), ("n", .optional(nil)),
                                      ("nan", .number(.nan)), ("list", .array([.bool(true), .null]))])
        #expect(value.text == #"{"b":1.5,"a":"x\"y\n","n":null,"nan":null,"list":[true,null]}"#)
        let parsed = try JSONSerialization.jsonObject(with: Data(value.text.utf8)) as? [String: Any]
        #expect(parsed?["b"] as? Double == 1.5)
    }

    /// What `cyclerctl sim cycle` writes, `analyze` reads: a symmetric cell
    /// plated and stripped at 0.5 mA/cm² for 30 min each way holds
    /// 0.5 mA/cm² × 0.785 cm² × 1800 s per half-cycle.
    @Test func simCycleOutputIsReadBack() async throws {
        let path = try Self.file("", name: "sym.csv")
        let sim = try SimCycleCommand.parse(["--preset", "li-lpscl-li", "--rate", "0.5mA/cm2", "--half-cycle", "30min",
                                             "--cycles", "2", "--interval", "10s", "-o", path])
        try await sim.run()
        let samples = try SampleTrace(path: path, needsVoltage: true).samples
        let cycles = try CycleSummaries.summarise(samples)
        #expect(cycles.count == 2)
        let expected = 5.0 * 0.785e-4 * 1800
        for c in cycles {
            #expect(abs(c.chargeCapacity / expected - 1) < 1e-3 && abs(c.dischargeCapacity / expected - 1) < 1e-3)
        }
        let ccd = try CriticalCurrentDensity.analyse(samples, area: 0.785e-4)
        #expect(ccd.firstFailingCurrentDensity == nil)
        #expect(ccd.lastStableCurrentDensity.map { abs($0 - 5) < 0.01 } == true)
    }
}
