import ArgumentParser
import Foundation
import Electrochemistry
import Testing

@testable import cyclerctl

/// `cyclerctl eis fit` exits non-zero, without standard errors, when a fit
/// cannot be believed.
@Suite struct EISFitCommandTests {
    /// A spectrum of R0-p(R1,CPE1) with an exponent of 1.15, beyond the CPE's bound.
    static func pinnedSpectrum() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eisfit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var lines = ["frequency_Hz,z_real_ohm,z_imag_ohm"]
        let q = pow(1e-4, 1.15) / 500
        for k in 0...70 {
            let f = pow(10, 6 - Double(k) / 10), w = 2 * Double.pi * f
            // Z = R0 + R1 / (1 + R1·Q·(jω)^n)
            let phase = 1.15 * Double.pi / 2, magnitude = 500 * q * pow(w, 1.15)
            let dr = 1 + magnitude * cos(phase), di = magnitude * sin(phase)
            let denominator = dr * dr + di * di
            lines.append("\(f),\(50 + 500 * dr / denominator),\(-500 * di / denominator)")
        }
        let url = dir.appendingPathComponent("pinned.csv")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func aParameterOnItsBoundExitsWithThree() async throws {
        let command = try EISFitCommand.parse([try Self.pinnedSpectrum(), "--circuit", "R0-p(R1,CPE1)", "--no-kk"])
        do {
            try await command.run()
            Issue.record("a fit with CPE1_1 on its bound exited 0")
        } catch let exit as ExitCode {
            #expect(exit.rawValue == 3)
        }
    }

    @Test func theReportSaysWhyAndGivesNoStandardErrors() throws {
        let c = try Circuit("R0-p(R1,CPE1)")
        let data = try SpectrumInputs.read(try Self.pinnedSpectrum())
        let fit = try CircuitFitter().fit(data, circuit: c)
        let report = FitReport(file: "pinned.csv", fit: fit, kramersKronig: nil,
                               interpretation: SpectrumInterpretation(fit, geometry: nil))
        #expect(report.untrustworthy?.contains("CPE1_1 ended on a bound") == true)
        #expect(report.table.contains("FIT NOT TRUSTWORTHY"))
        #expect(!report.table.contains("±"))
        #expect(report.json.contains("\"trustworthy\":false"))
    }

    /// A guess must be numbers, as many as the circuit has parameters.
    @Test func aMalformedInitialGuessIsRefused() async throws {
        let path = try Self.pinnedSpectrum()
        #expect(throws: (any Error).self) {
            try EISFitCommand.parse([path, "--circuit", "R0-p(R1,CPE1)", "--initial-guess", "50,five"])
        }
        let short = try EISFitCommand.parse([path, "--circuit", "R0-p(R1,CPE1)", "--no-kk", "--initial-guess", "50,500"])
        do {
            try await short.run()
            Issue.record("two values for four parameters were accepted")
        } catch let exit as ExitCode {
            #expect(exit.rawValue == 2)
        }
    }
}
