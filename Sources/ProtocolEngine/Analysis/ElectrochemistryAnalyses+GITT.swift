import CyclerConfiguration
import Electrochemistry

extension ElectrochemistryAnalyses {
    /// D/L² (s⁻¹) per pulse of the job's GITT trains by Weppner–Huggins
    /// (`GITTAnalysis`): no molar volume, area or particle size needed, only
    /// the particles' shape from the cell (planar when it does not say). L
    /// is V/S, R/3 for spheres; cell files give no particle size, so D
    /// itself is D/L² times the square of the reader's L.
    ///
    /// Each value is named by the pulse's relaxed OCV before it, and each
    /// pulse's SOC change since the train started is reported beside it (the
    /// start's SOC is not known), so D/L² can be read against both; the
    /// median over the pulses is reported first.
    func gitt(_ request: AnalysisRequest) throws -> AnalysisResult {
        let geometry = request.cell.description.particleShape ?? .planar
        let pulses = try GITTAnalysis.analyse(request.samples.trace, capacity: request.cell.capacity, geometry: geometry)
        var values = [AnalysisResult.Value(name: "median D/L²", value: GITTAnalysis.median(pulses), unit: "1/s")]
        for (n, pulse) in pulses.enumerated() {
            let at = "pulse \(n + 1) from \(rounded(pulse.restVoltageBefore, places: 3)) V"
            values += [
                .init(name: "D/L² \(at)", value: pulse.normalisedDiffusivity, unit: "1/s"),
                .init(name: "ΔE_s \(at)", value: pulse.steadyStateChange, unit: "V"),
                .init(name: "ΔE_t \(at)", value: pulse.transientChange, unit: "V"),
                .init(name: "√t fit R² \(at)", value: pulse.sqrtTimeRSquared, unit: "1"),
                .init(name: "τ·D/L² \(at)", value: pulse.diffusionTimeFraction, unit: "1"),
            ]
            if let soc = pulse.stateOfChargeBefore {
                values.append(.init(name: "SOC change since the train started \(at)", value: soc, unit: "1"))
            }
        }
        let method = switch geometry {
        case .planar:
            "Weppner–Huggins D/L² = 4/(π τ)·(ΔE_s/ΔE_t)² for planar diffusion, ΔE_t from the √t fit of each pulse "
                + "(IR jump left out), ΔE_s between relaxed OCVs; valid while τ ≪ L²/D"
        case .sphere:
            "Weppner–Huggins for spherical particles: D/L² with L = R/3 (D/R² is a ninth of it), matching ΔE_s/ΔE_t to "
                + "the sphere's exact response over the √t fit of each pulse (IR jump left out), ΔE_s between relaxed OCVs"
        }
        var warnings: [String] = []
        let long = pulses.indices.filter { !pulses[$0].isShortAgainstDiffusionTime }
        if !long.isEmpty {
            warnings.append("pulses \(long.map { "\($0 + 1)" }.joined(separator: ", ")) are not short against the L²/D they measured "
                + "(τ·D/L² above \(GITTAnalysis.shortPulseLimit)): shorten them for a trustworthy D")
        }
        return AnalysisResult(kind: .gitt, values: values, note: method, warnings: warnings)
    }
}
