import Foundation
import Hummingbird
import Scheduler
import Storage

/// Jobs: listing and reading them, their spectra, results and cycles, and exports.
struct JobRoutes {
    let daemon: DaemonView
    let digests: JobDigests

    func add(to router: some RouterMethods<APIContext>) {
        router.get("jobs") { request, _ in try await list(request) }
        router.get("channels/{channel}/jobs") { _, context in
            let name = try daemon.channel(try context.parameters.require("channel")).name
            let store = daemon.store
            return try await blocking { try store.jobs(channel: name).map { JobView($0) } }
        }
        router.get("jobs/{id}") { _, context in JobView(try await daemon.job(try context.parameters.require("id", as: Int64.self)), withText: true) }
        router.get("jobs/{id}/cycles") { _, context in
            let job = try await daemon.job(try context.parameters.require("id", as: Int64.self))
            return try await blocking { [digests] in try digests.current(job).cycles.summaries.map(CycleView.init) }
        }
        router.get("jobs/{id}/spectra") { _, context in
            let id = try await daemon.job(try context.parameters.require("id", as: Int64.self)).id ?? 0
            let store = daemon.store
            return try await blocking {
                var spectra: [SpectrumView] = []
                try store.forEachEvent(job: id, kind: "spectrum") { if let spectrum = StoredSpectrum($0) { spectra.append(SpectrumView(spectrum)) } }
                return spectra
            }
        }
        router.get("jobs/{id}/results") { _, context in
            let id = try await daemon.job(try context.parameters.require("id", as: Int64.self)).id ?? 0
            let store = daemon.store
            return try await blocking {
                try store.events(job: id).filter { $0.kind == "analysisResult" || $0.kind == "analysisFailed" }.map(EventView.init)
            }
        }
        router.get("jobs/{id}/export") { request, context in try await export(request, context) }
    }

    private func list(_ request: Request) async throws -> [JobView] {
        let state = try request.uri.queryParameters["state"].map { (text) throws(APIError) -> JobRecord.State in
            guard let state = JobRecord.State(rawValue: String(text)) else {
                throw APIError.badRequest("state=\(text): give one of \(JobRecord.State.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return state
        }
        let channel = try request.uri.queryParameters["channel"].map { try daemon.channel(String($0)).name }
        let store = daemon.store
        return try await blocking {
            let jobs = try channel.map { try store.jobs(channel: $0) } ?? store.allJobs()
            return jobs.filter { state == nil || $0.state == state }.map { JobView($0) }
        }
    }

    /// The job as BDF, CSV or JSON, written to a temporary file off the
    /// cooperative pool and streamed; `part=spectra` gives a BDF or CSV
    /// export's second table, the spectra.
    private func export(_ request: Request, _ context: APIContext) async throws -> Response {
        let id = try await daemon.job(try context.parameters.require("id", as: Int64.self)).id ?? 0
        let formatText = request.uri.queryParameters["format"].map(String.init) ?? "bdf"
        guard let format = ExportFormat(rawValue: formatText) else { throw APIError.badRequest("format=\(formatText): give bdf, csv or json") }
        let part = request.uri.queryParameters["part"].map(String.init) ?? "data"
        guard part == "data" || part == "spectra" else { throw APIError.badRequest("part=\(part): give data or spectra") }
        guard part == "data" || format != .json else { throw APIError.badRequest("a JSON export holds its spectra; part=spectra is for bdf and csv") }
        let store = daemon.store
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-export-\(UUID().uuidString)").path
        do {
            try await blocking {
                let export = try JobExport(store: store, job: id)
                let sink = try TextSink(path: file)
                if part == "spectra" {
                    try export.write(format, to: TextSink(path: "/dev/null"), spectra: sink)
                } else {
                    try export.write(format, to: sink)
                }
                try sink.close()
            }
        } catch {
            try? FileManager.default.removeItem(atPath: file)
            throw error
        }
        let type = format == .json ? "application/json" : "text/csv"
        let name = "job-\(id)\(part == "spectra" ? "-spectra" : "")\(format.fileExtension)"
        return Response(status: .ok, headers: [.contentType: "\(type); charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: try TemporaryFileBody.stream(file))
    }
}
