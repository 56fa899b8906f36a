import ArgumentParser
@testable import cyclerctl
import Electrochemistry
import Foundation
import Numerics
import Testing

/// Every protocol in `Protocols/` runs on its simulated cell, and every file
/// the run writes goes, unedited, into the offline tool that reads it:
/// data.csv into the sample reader and `soc`, each spectrum into `eis kk` and
/// `eis fit`, each polarisation into `analyze transference|electronic --run`,
/// the cycles into `analyze cycles --run`, and the whole folder into `analyze
/// replay`, which makes every other analysis (Arrhenius, pressure series, CCD,
/// GITT) again. The numbers that come back are the in-run ones, to the last bit.
@Suite struct RunOutputChainTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Each library protocol and the simulated cell it is written for (as in `Protocols/README.md`).
    static let library: [(file: String, preset: String)] = [
        ("gcpl", "nmc811-lpscl-liin"), ("formation-precycling", "nmc811-lpscl-liin"), ("rate-capability", "nmc811-lpscl-liin"),
        ("ccd-ramp", "li-lpscl-li"), ("transference-bruce-vincent", "li-peo-li"), ("electronic-conductivity", "ss-lpscl-ss"),
        ("arrhenius-eis", "ss-latp-ss"), ("pressure-eis-series", "li-lpscl-li"), ("gitt", "nmc811-lpscl-liin"),
        ("idle-eis-interphase", "li-lgps-li"),
    ]

    /// Cell files with the OCV table `soc` needs, by preset.
    static let socCells = ["nmc811-lpscl-liin": "Config/cells/nmc811-lpscl-liin-sim.yaml"]

    @Test func everyLibraryProtocolIsInTheChain() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Protocols").path)
        #expect(Set(files.filter { $0.hasSuffix(".yaml") }) == Set(Self.library.map { "\($0.file).yaml" }))
    }

    @Test(arguments: library)
    func everyOutputReadsBackIntoItsOfflineTool(_ file: String, _ preset: String) async throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("chain-\(file)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let protocolPath = Self.root.appendingPathComponent("Protocols/\(file).yaml").path
        try await RunCommand.parse([protocolPath, "--sim", preset, "--out", out.path]).run()
        let results = try JSONDecoder().decode(Results.self, from: Data(contentsOf: out.appendingPathComponent("results.json")))

        let data = try SampleFile.read(path: out.appendingPathComponent("data.csv").path)
        #expect(data.count == results.samples)
        if let cell = Self.socCells[preset] {
            let socOut = out.appendingPathComponent("soc.csv").path
            try SOCCommand.parse([out.appendingPathComponent("data.csv").path, "--cell", Self.root.appendingPathComponent(cell).path,
                                  "--output", socOut]).run()
            let rows = try String(contentsOfFile: socOut, encoding: .utf8).split(separator: "\n").count
            #expect(rows == data.count + 1, "soc wrote \(rows) lines for \(data.count) samples")
        }

        let spectra = results.events.compactMap(\.kind.spectrum?.spectrum)
        #expect(results.files.filter { $0.hasPrefix("spectrum-") }.count == spectra.count)
        for (index, record) in spectra.enumerated() {
            let name = try #require(results.files.first { $0.hasPrefix("spectrum-\(index + 1)-") })
            let path = out.appendingPathComponent(name).path
            let spectrum = try SpectrumFile.read(path: path)
            #expect(spectrum.frequencies == record.frequency, "\(name)")
            #expect(spectrum.impedances.map(\.real) == record.real, "\(name)")
            #expect(spectrum.impedances.map(\.imaginary) == record.imaginary, "\(name)")
            try await EISKramersKronigCommand.parse([path, "--json"]).run()
        }
        let spectrumFiles = results.files.filter { $0.hasPrefix("spectrum-") }.map { out.appendingPathComponent($0).path }
        if !spectrumFiles.isEmpty {
            // Every spectrum of the run, fitted in order and warm-started, as cyclerd refits a run.
            // Exit 3 is the tool reading every file and saying a fit ends on a bound, which this one
            // circuit does on blocking and symmetric cells (an ideal capacitor, an arc with no end).
            do {
                try await EISFitCommand.parse(spectrumFiles + ["--circuit", "R0-p(R1,CPE1)-p(R2,CPE2)", "--json"]).run()
            } catch let exit as ExitCode where exit.rawValue == 3 {}
        }

        let cycles = results.analyses.filter { $0.kind == "cycles" && $0.cycle != nil }
        if !cycles.isEmpty {
            let report = try await AnalyzeCyclesCommand.parse(["--run", out.path]).protocolCycles(out.path)
            let offline = try JSONDecoder().decode(OfflineValues.self, from: Data(report.object.text.utf8))
            for summary in cycles {
                let cycle = try #require(summary.cycle)
                for value in summary.values {
                    let name = "cycle \(cycle): \(value.name)"
                    #expect(offline.values.first { $0.name == name }?.value == value.value, "\(name)")
                }
            }
            // And the same warnings, each named by its cycle.
            #expect(offline.warnings == cycles.flatMap { c in c.warnings.map { "cycle \(c.cycle ?? 0): \($0)" } })
        }

        // Every analysis of the whole job, made again from the folder's files.
        let replayed = try await AnalyzeReplayCommand.parse([out.path]).replay()
        #expect(replayed.count == results.analyses.filter { $0.cycle == nil }.reduce(0) { $0 + $1.values.count })
        for comparison in replayed {
            #expect(comparison.replayed == comparison.inRun, "\(comparison.kind): \(comparison.name)")
        }

        if let inRun = results.value("median D/L²", of: "gitt") {
            // Told the cell's particle shape, the offline command reads data.csv as the run read its samples.
            let report = try AnalyzeGITTCommand.parse([out.appendingPathComponent("data.csv").path, "--particles", "sphere"]).analysis()
            let offline = try JSONDecoder().decode(Offline.self, from: Data(report.object.text.utf8))
            let median = try #require(offline.median_normalised_diffusivity_per_s)
            #expect(abs(median / inRun - 1) < 1e-12, "offline median D/L² \(median) vs in-run \(inRun) 1/s")
        }

        let polarisations = results.events.compactMap(\.kind.polarisation?.polarisation)
        #expect(results.files.filter { $0.hasPrefix("polarisation-") }.count == polarisations.count)
        for record in polarisations {
            let arguments = ["--run", out.path, "--step", "\(record.step)", "--json"]
            switch record.mode {
            case "transference":
                let report = try AnalyzeTransferenceCommand.parse(arguments).analysis()
                let offline = try JSONDecoder().decode(Offline.self, from: Data(report.object.text.utf8))
                #expect(offline.transference_number == results.value("t+", of: "transference"))
                // Its error too: R₀ and R_s come from the run with their fits' standard errors.
                #expect(offline.transference_number_standard_error == results.entry("t+", of: "transference")?.standardError)
            case "electronic":
                let report = try AnalyzeElectronicCommand.parse(arguments).analysis()
                let offline = try JSONDecoder().decode(Offline.self, from: Data(report.object.text.utf8))
                let inRun = try #require(results.value("σe", of: "electronic"))
                // The offline tool prints S/cm; the run keeps S/m.
                #expect(offline.electronic_conductivity_S_per_cm == inRun / 100)
            default:
                Issue.record("polarisation of step \(record.step) has an unknown mode \(record.mode)")
            }
        }
    }

    /// What the chain reads of results.json.
    struct Results: Decodable {
        struct Analysis: Decodable {
            struct Value: Decodable { var name: String; var value: Double; var standardError: Double? }
            var kind: String
            var cycle: Int?
            var values: [Value]
            var warnings: [String]
        }

        struct Event: Decodable {
            struct Kind: Decodable {
                struct SpectrumPayload: Decodable { var spectrum: Spectrum }
                struct PolarisationPayload: Decodable { var polarisation: Polarisation }
                var spectrum: SpectrumPayload?
                var polarisation: PolarisationPayload?
            }
            var kind: Kind
        }

        struct Spectrum: Decodable { var frequency: [Double]; var real: [Double]; var imaginary: [Double] }
        struct Polarisation: Decodable { var step: Int; var mode: String }

        var samples: Int
        var files: [String]
        var analyses: [Analysis]
        var events: [Event]

        /// The run's last value `name` of an analysis of `kind`.
        func value(_ name: String, of kind: String) -> Double? {
            entry(name, of: kind)?.value
        }

        func entry(_ name: String, of kind: String) -> Analysis.Value? {
            analyses.last { $0.kind == kind }?.values.first { $0.name == name }
        }
    }

    /// What `analyze cycles --run` prints with --json.
    struct OfflineValues: Decodable {
        var values: [Results.Analysis.Value]
        var warnings: [String]
    }

    /// The numbers the offline analyses print with --json.
    struct Offline: Decodable {
        var transference_number: Double?
        var transference_number_standard_error: Double?
        var electronic_conductivity_S_per_cm: Double?
        var median_normalised_diffusivity_per_s: Double?
    }
}
