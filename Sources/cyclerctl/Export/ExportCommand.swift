import API
import ArgumentParser
import Foundation
import NIOCore
import Storage

/// `cyclerctl export`: one job as BDF, CSV or JSON, from the running daemon
/// over its API, or with `--db` from its SQLite file directly.
///
/// The file is read read-only (the daemon may keep running: reads come from
/// a snapshot and never block its writes, and no migration touches its
/// schema), for when the daemon is stopped or the file was copied elsewhere.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one stored job's samples (and spectra) as BDF, CSV or JSON.",
        discussion: """
        bdf writes the Battery Data Format (Test Time / s, Voltage / V, Current / A positive on charge, \\
        capacities in Ah, …); csv the project's columns (time_s, voltage_V, …); json one document with the \\
        job, its samples and its event log. A job with impedance spectra also gets a spectra table for bdf \\
        and csv, next to the output: run.bdf.csv → run-spectra.bdf.csv (needs --output).

        Examples:
          cyclerctl export 3 --format bdf --output job3.bdf.csv
          cyclerctl export 3 --format json --host http://127.0.0.1:8470 --token "$CYCLERD_TOKEN" > job3.json
          cyclerctl export 3 --db data/cyclerd.sqlite --format bdf --output job3.bdf.csv
          cyclerctl export 3 --db data/cyclerd.sqlite --format csv > job3.csv
        """
    )

    @Argument(help: "The job's id (an unknown id lists the database's jobs).")
    var job: Int64

    @Option(help: "Read the daemon's database file (its storage.path) instead of asking the daemon.")
    var db: String?

    @Option(help: "bdf, csv or json.")
    var format: ExportFormat

    @Option(name: .shortAndLong, help: "The file to write (standard output when omitted).")
    var output: String?

    @OptionGroup var daemon: DaemonOptions

    func run() async throws {
        guard let db else { return try await exportFromDaemon() }
        do {
            let summary = try export(db)
            var report = "job \(job): \(summary.samples) samples"
            if format == .json { report += ", \(summary.events) events" }
            if summary.spectra > 0 { report += ", \(summary.spectra) spectra (\(summary.spectrumPoints) points)" }
            FileHandle.standardError.write(Data((report + (output.map { " to \($0)" } ?? "") + "\n").utf8))
        } catch {
            FileHandle.standardError.write(Data(("cyclerctl export: \(error)\n").utf8))
            throw ExitCode(2)
        }
    }

    private func export(_ db: String) throws(StorageError) -> ExportSummary {
        // Read-only: a missing path is an error, not a new empty database, and the daemon's schema is left alone.
        let export = try JobExport(store: try Store(path: db, readOnly: true), job: job)
        let spectraPath = spectraFile(count: try export.spectrumCount())
        let sink = try TextSink(path: output)
        let spectra = try spectraPath.map { path throws(StorageError) in try TextSink(path: path) }
        let summary = try export.write(format, to: sink, spectra: spectra)
        try sink.close()
        try spectra?.close()
        return summary
    }

    /// The export over the API, streamed to the output as it arrives.
    private func exportFromDaemon() async throws {
        try await ClientCommand.perform {
            let client = try daemon.client()
            let spectra = format == .json ? 0 : try await client.get("/v1/jobs/\(job)/spectra", as: [SpectrumView].self).count
            let bytes = try await download(client, part: "data", to: output)
            var report = "job \(job): \(bytes) bytes of \(format.rawValue) from \(client.address)" + (output.map { " to \($0)" } ?? "")
            if let spectraPath = spectraFile(count: spectra) {
                _ = try await download(client, part: "spectra", to: spectraPath)
                report += ", \(spectra) spectra to \(spectraPath)"
            }
            FileHandle.standardError.write(Data((report + "\n").utf8))
        }
    }

    private func download(_ client: DaemonClient, part: String, to path: String?) async throws -> Int {
        let file: FileHandle
        if let path, path != "-" {
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                throw ValidationError("cannot create \(path); check that its directory exists and is writable")
            }
            file = handle
        } else {
            file = FileHandle.standardOutput
        }
        var bytes = 0
        try await client.download("/v1/jobs/\(job)/export?format=\(format.rawValue)&part=\(part)") { chunk in
            bytes += chunk.readableBytes
            try file.write(contentsOf: chunk.readableBytesView)
        }
        if file !== FileHandle.standardOutput { try file.close() }
        return bytes
    }

    /// Where the spectra table goes, when the format has one and the job
    /// recorded spectra. Standard output carries one table only: the samples
    /// go there and a note says how to get the spectra too.
    private func spectraFile(count: Int) -> String? {
        guard format != .json, count > 0 else { return nil }
        guard let output, output != "-" else {
            let spectra = count == 1 ? "1 impedance spectrum" : "\(count) impedance spectra"
            FileHandle.standardError.write(Data("""
                cyclerctl export: job \(job) holds \(spectra), which \(format.rawValue) writes to a second file beside the \
                samples; standard output gets the samples only. Pass --output FILE\(format.fileExtension) to write the \
                spectra to \(SpectraFileName.path(besides: "FILE\(format.fileExtension)")) as well.

                """.utf8))
            return nil
        }
        return SpectraFileName.path(besides: output)
    }
}
