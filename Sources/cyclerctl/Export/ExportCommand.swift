import ArgumentParser
import Foundation
import Storage

/// `cyclerctl export`: one job from the daemon's SQLite file, as BDF, CSV or JSON.
///
/// Reads the database file directly, read-only (the daemon may keep running:
/// reads come from a snapshot and never block its writes, and no migration
/// touches its schema), until the API serves exports.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write one stored job's samples (and spectra) as BDF, CSV or JSON.",
        discussion: """
        bdf writes the Battery Data Format (Test Time / s, Voltage / V, Current / A positive on charge, \\
        capacities in Ah, …); csv the project's columns (time_s, voltage_V, …); json one document with the \\
        job, its samples and its event log. A job with impedance spectra also gets a spectra table for bdf \\
        and csv, next to the output: run.bdf.csv → run-spectra.bdf.csv (needs --output).

        Examples:
          cyclerctl export 3 --db data/cyclerd.sqlite --format bdf --output job3.bdf.csv
          cyclerctl export 3 --db data/cyclerd.sqlite --format csv > job3.csv
        """
    )

    @Argument(help: "The job's id (an unknown id lists the database's jobs).")
    var job: Int64

    @Option(help: "The daemon's database file (its storage.path).")
    var db: String

    @Option(help: "bdf, csv or json.")
    var format: ExportFormat

    @Option(name: .shortAndLong, help: "The file to write (standard output when omitted).")
    var output: String?

    func run() throws {
        do {
            let summary = try export()
            var report = "job \(job): \(summary.samples) samples"
            if format == .json { report += ", \(summary.events) events" }
            if summary.spectra > 0 { report += ", \(summary.spectra) spectra (\(summary.spectrumPoints) points)" }
            FileHandle.standardError.write(Data((report + (output.map { " to \($0)" } ?? "") + "\n").utf8))
        } catch {
            FileHandle.standardError.write(Data(("cyclerctl export: \(error)\n").utf8))
            throw ExitCode(2)
        }
    }

    private func export() throws(StorageError) -> ExportSummary {
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
