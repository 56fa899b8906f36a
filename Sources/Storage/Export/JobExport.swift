import Foundation

/// One stored job, ready to be written as BDF, CSV or JSON.
///
/// Works on the database file alone (the daemon may be running: reads come
/// from a snapshot and never block its writes). Samples stream from the store
/// to the file, so exporting a months-long job needs no more memory than a
/// short one.
public struct JobExport {
    public let store: Store
    public let job: JobRecord
    let id: Int64

    /// Finds job `id` in `store`.
    ///
    /// - Throws: `StorageError.notFound` naming the database and listing the
    ///   jobs it does hold, so the next command can be typed from the message.
    public init(store: Store, job id: Int64) throws(StorageError) {
        guard let job = try store.job(id: id) else {
            let jobs = try store.allJobs()
            let detail = jobs.isEmpty
                ? "it holds no jobs at all; check that this is the daemon's storage.path"
                : "its jobs are:\n" + jobs.map(Self.line).joined(separator: "\n") + "\npass one of these ids"
            throw StorageError(.notFound, path: store.path, detail: "no job \(id); \(detail)")
        }
        self.store = store
        self.job = job
        self.id = id
    }

    /// A job as the not-found message lists it: id, channel, name, state and when it was submitted.
    static func line(_ job: JobRecord) -> String {
        let submitted = Date(timeIntervalSince1970: job.submittedAt).formatted(.iso8601)
        return "  \(job.id ?? 0)  \(job.channel)  \(job.name)  \(job.state.rawValue)  submitted \(submitted)"
    }

    /// How many impedance spectra the job recorded: whether a BDF or CSV
    /// export needs its second, spectra file.
    public func spectrumCount() throws(StorageError) -> Int {
        try store.eventCount(job: id, kind: "spectrum")
    }

    /// Writes the job in `format` to `output`; for BDF and CSV, its spectra to
    /// `spectra` (one table of every spectrum's points, since a spectrum's rows
    /// are indexed by frequency and cannot share the time series' rows).
    ///
    /// - Returns: what was written.
    @discardableResult
    public func write(_ format: ExportFormat, to output: TextSink, spectra: TextSink? = nil) throws(StorageError) -> ExportSummary {
        switch format {
        case .bdf: try writeBDF(to: output, spectra: spectra)
        case .csv: try writeCSV(to: output, spectra: spectra)
        case .json: try writeJSON(to: output)
        }
    }

    /// Every spectrum of the job, to `spectra` when given, one table row per
    /// point, each row written by `row`.
    func writeSpectra(to spectra: TextSink?, header: String,
                      row: (StoredSpectrum, Int) -> String) throws(StorageError) -> (count: Int, points: Int) {
        guard let spectra else { return (0, 0) }
        try spectra.write(header)
        var count = 0, points = 0
        try store.forEachEvent(job: id, kind: "spectrum") { event in
            guard let spectrum = StoredSpectrum(event) else { return }
            count += 1
            for k in spectrum.frequency.indices {
                try spectra.write(row(spectrum, k))
                points += 1
            }
        }
        return (count, points)
    }
}
