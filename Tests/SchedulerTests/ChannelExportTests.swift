import Foundation
import Storage
import Testing

/// A job a channel really ran on the simulated bench exports as BDF that the
/// BDF project's batterydf 0.1.0 reads and reports valid: the end-to-end
/// check, with the engine's own samples, step numbering and spectrum events.
@Suite struct ChannelExportTests {
    @Test func aChannelsJobExportsAsBDFThatBatterydfReportsValid() async throws {
        let file = try ChannelTests.protocolFile("""
            name: charge, impedance, discharge
            requires: {capacity: true}
            record: {dt: 60 s, sample: 10 s}
            steps:
              - cc: C/2
                until: ["t >= 20 min"]
              - eis: {mode: potentiostatic, from: 100 kHz, to: 1 Hz, per_decade: 3, amplitude: 10 mV}
              - cc: -C/2
                until: ["t >= 10 min"]
            """)
        let store = try ChannelTests.store()
        try await ChannelTests.run(try ChannelTests.configuration(protocol: file, speed: "max"), store: store)
        let job = try #require(try store.jobs(channel: "ch1").first)
        #expect(job.state == .completed)

        let folder = URL(fileURLWithPath: store.path).deletingLastPathComponent()
        let samplesPath = folder.appendingPathComponent("job.bdf.csv").path
        let spectraPath = folder.appendingPathComponent("job-spectra.bdf.csv").path
        let samples = try TextSink(path: samplesPath), spectra = try TextSink(path: spectraPath)
        let summary = try JobExport(store: store, job: try #require(job.id)).write(.bdf, to: samples, spectra: spectra)
        try samples.close()
        try spectra.close()
        #expect(summary.samples > 20 && summary.spectra == 1 && summary.spectrumPoints >= 10)

        let (status, verdicts) = try Self.batterydf([samplesPath, spectraPath])
        #expect(status == 0, "batterydf: \(verdicts)")
        #expect(verdicts.count == 2 && verdicts.allSatisfy { $0["ok"] as? Bool == true && ($0["missing"] as? [String])?.isEmpty == true })
        #expect((verdicts.first?["extras"] as? [String])?.isEmpty == true && verdicts.first?["rows"] as? Int == summary.samples)
        let last = try #require(verdicts.first?["last"] as? [String: Any])
        let charged = try #require(last["Charging Capacity / Ah"] as? Double), discharged = try #require(last["Discharging Capacity / Ah"] as? Double)
        #expect(charged > 0 && discharged > 0 && discharged < charged, "20 min in, 10 min out at the same rate")
    }

    /// Runs StorageTests' batterydf checker under the venv: its exit status and one verdict per file.
    static func batterydf(_ files: [String]) throws -> (Int32, [[String: Any]]) {
        let python = ChannelTests.root.appendingPathComponent(".venv/bin/python").path
        try #require(FileManager.default.isExecutableFile(atPath: python), "\(python) is missing: run `make deps`")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [ChannelTests.root.appendingPathComponent("Tests/StorageTests/BDF/checker/check_bdf.py").path] + files
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let verdicts = try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        return (process.terminationStatus, verdicts)
    }
}
