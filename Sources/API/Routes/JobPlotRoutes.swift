import CyclerConfiguration
import Foundation
import Electrochemistry
import Hummingbird
import LiveModel
import Storage

/// What the dashboard's job plots need, computed on the server from the
/// full-rate store and thinned for drawing: a cycle's V–Q curve, a spectrum's
/// fit and lin-KK verdict, and the live model's resistance and pressure.
struct JobPlotRoutes {
    let daemon: DaemonView
    let digests: JobDigests

    func add(to router: some RouterMethods<APIContext>) {
        router.get("jobs/{id}/cycles/{cycle}/curve") { request, context in try await curve(request, context) }
        router.get("jobs/{id}/spectra/{index}/fit") { request, context in try await fit(request, context) }
        router.get("jobs/{id}/resistance") { request, context in try await resistance(request, context) }
    }

    private func curve(_ request: Request, _ context: APIContext) async throws -> CycleCurveView {
        let job = try await daemon.job(try context.parameters.require("id", as: Int64.self))
        let cycle = try context.parameters.require("cycle", as: Int.self)
        let maxPoints = try request.query("max_points", in: 2...100_000) ?? 500
        let store = daemon.store
        let curve = try await blocking { [digests] () -> CycleCurve? in
            // Only the cycle's samples, by the time span the digest keeps; nil when the job has no such cycle.
            guard let span = try digests.current(job).cycles.timeSpans[cycle] else { return nil }
            return try store.cycleCurve(job: job.id ?? 0, cycle: cycle, within: span).thinned(to: maxPoints)
        }
        guard let curve, !curve.charge.isEmpty || !curve.discharge.isEmpty else {
            throw APIError.notFound("job \(job.id ?? 0) moved no charge in cycle \(cycle); GET /v1/jobs/\(job.id ?? 0)/cycles lists its cycles")
        }
        return CycleCurveView(curve, cell: Self.cell(of: job))
    }

    /// Fits on NIO's thread pool: a fit takes milliseconds to a second, and the cooperative pool runs the channels.
    private func fit(_ request: Request, _ context: APIContext) async throws -> SpectrumFitView {
        let id = try await daemon.job(try context.parameters.require("id", as: Int64.self)).id ?? 0
        let index = try context.parameters.require("index", as: Int.self)
        let circuit = request.uri.queryParameters["circuit"].map(String.init)
        if let circuit {
            do {
                _ = try Electrochemistry.Circuit(circuit)
            } catch {
                throw APIError.badRequest("circuit=\(circuit): column \(error.column): \(error.message)")
            }
        }
        let store = daemon.store
        return try await blocking {
            var spectra: [StoredSpectrum] = []
            try store.forEachEvent(job: id, kind: "spectrum") { if let spectrum = StoredSpectrum($0) { spectra.append(spectrum) } }
            guard spectra.indices.contains(index) else {
                throw APIError.notFound("job \(id) has \(spectra.count) spectra; give an index from 0 to \(spectra.count - 1)")
            }
            do {
                return try SpectrumFitView(spectra[index], index: index, circuits: circuit.map { [$0] })
            } catch {
                throw APIError.badRequest("spectrum \(index) cannot be fitted: \(error)")
            }
        }
    }

    private func resistance(_ request: Request, _ context: APIContext) async throws -> [ResistanceView] {
        let job = try await daemon.job(try context.parameters.require("id", as: Int64.self))
        let maxPoints = try request.query("max_points", in: 2...100_000) ?? 2_000
        let estimates = try await blocking { [digests] in try digests.current(job).resistance.estimates }
        let area = Self.cell(of: job)?.area
        return estimates.evenlyThinned(to: maxPoints).map { ResistanceView($0, area: area) }
    }

    /// The cell file the job was submitted with; nil when it no longer parses.
    static func cell(of job: JobRecord) -> CellDescription? {
        try? CellDescription(yaml: job.cellText, file: job.cellFile)
    }
}
