import ArgumentParser
@testable import cyclerctl
import Foundation
import Storage
import Testing

/// `cyclerctl export` on a database file: the samples where --output says,
/// the spectra beside them, and a clear failure for a wrong path or job.
@Suite struct ExportCommandTests {
    /// A folder with a database holding one job: 20 samples and a 3-point spectrum.
    static func database() throws -> (folder: URL, db: String, job: Int64) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerctl-export-\(UUID().uuidString)")
        let db = folder.appendingPathComponent("cyclerd.sqlite").path
        let store = try Store(path: db)
        let job = try #require(try store.insert(JobRecord(channel: "ch1", name: "t", protocolFile: "p.yaml", protocolText: "name: t",
                                                          cellFile: "c.yaml", cellText: "name: c", submittedAt: 0)).id)
        var batch = JournalBatch(samples: (1...20).map { k in
            PendingSample(job: job, time: Double(k), unixTime: 1_000 + Double(k), voltage: 3.7, current: 1e-3, pressure: nil,
                          temperature: 298.15, step: 1, cycle: 0, stepTime: Double(k), stepCharge: 1e-3 * Double(k))
        })
        // The body's shape is the engine's JobEvent; StorageTests encode a real one.
        let spectrum = """
            {"kind":{"spectrum":{"spectrum":{"frequency":[1000,10,0.1],"real":[1,2,3],"imaginary":[-0.1,-1,-0.5],\
            "mode":"potentiostatic","step":1,"cycle":0,"voltage":3.7,"current":0}}},"time":20.5}
            """
        batch.events = [PendingEvent(job: job, time: 20.5, unixTime: 1_020.5, kind: "spectrum", body: spectrum)]
        try store.append(batch, channel: "ch1")
        return (folder, db, job)
    }

    @Test func bdfGoesToTheOutputAndSpectraBesideIt() async throws {
        let (folder, db, job) = try Self.database()
        let output = folder.appendingPathComponent("run.bdf.csv").path
        try await ExportCommand.parse(["\(job)", "--db", db, "--format", "bdf", "--output", output]).run()

        let samples = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(samples.first?.hasPrefix("Test Time / s,Unix Time / s,Voltage / V,Current / A") == true && samples.count == 21)
        let spectra = try String(contentsOfFile: folder.appendingPathComponent("run-spectra.bdf.csv").path, encoding: .utf8)
            .split(separator: "\n")
        #expect(spectra.first?.contains("Frequency / Hz,Real Impedance / ohm,Imaginary Impedance / ohm") == true && spectra.count == 4)
    }

    @Test func aMissingDatabaseFailsWithoutCreatingOne() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).sqlite").path
        await #expect(throws: ExitCode(2)) {
            try await ExportCommand.parse(["1", "--db", path, "--format", "csv"]).run()
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func anUnknownJobFailsAndWritesNothing() async throws {
        let (folder, db, _) = try Self.database()
        let output = folder.appendingPathComponent("job.json").path
        await #expect(throws: ExitCode(2)) {
            try await ExportCommand.parse(["99", "--db", db, "--format", "json", "--output", output]).run()
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func theSpectraFileKeepsTheSamplesFilesExtensions() {
        #expect(SpectraFileName.path(besides: "run.bdf.csv") == "run-spectra.bdf.csv")
        #expect(SpectraFileName.path(besides: "/data/exports/job3.csv") == "/data/exports/job3-spectra.csv")
        #expect(SpectraFileName.path(besides: "out/job3") == "out/job3-spectra")
        #expect(SpectraFileName.path(besides: ".hidden.csv") == ".hidden-spectra.csv")
    }
}
