import Electrochemistry

extension ElectrochemistryAnalyses {
    /// D/L² (s⁻¹) per pulse of the job's GITT trains by Weppner–Huggins
    /// (`GITTAnalysis`): no molar volume, area or particle size needed. Cell
    /// files give no particle size, so D itself is D/L² times the square of
    /// whatever diffusion length the reader takes for the material.
    ///
    /// Each value is named by the pulse's relaxed OCV before it, so D/L² can
    /// be read against the state of charge; the median over the pulses is
    /// reported first.
    func gitt(_ request: AnalysisRequest) throws -> AnalysisResult {
        let pulses = try GITTAnalysis.analyse(request.samples.trace)
        let sorted = pulses.map(\.normalisedDiffusivity).sorted()
        let median = sorted.count.isMultiple(of: 2)
            ? (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2 : sorted[sorted.count / 2]
        var values = [AnalysisResult.Value(name: "median D/L²", value: median, unit: "1/s")]
        for (n, pulse) in pulses.enumerated() {
            let at = "pulse \(n + 1) from \(rounded(pulse.restVoltageBefore, places: 3)) V"
            values += [
                .init(name: "D/L² \(at)", value: pulse.normalisedDiffusivity, unit: "1/s"),
                .init(name: "ΔE_s \(at)", value: pulse.steadyStateChange, unit: "V"),
                .init(name: "ΔE_t \(at)", value: pulse.transientChange, unit: "V"),
                .init(name: "√t fit R² \(at)", value: pulse.sqrtTimeRSquared, unit: "1"),
            ]
        }
        let longest = pulses.map(\.duration).max() ?? 0
        var notes = ["Weppner–Huggins D/L² = 4/(π τ)·(ΔE_s/ΔE_t)², ΔE_t from the √t fit of each pulse (IR jump left out), "
            + "ΔE_s between relaxed OCVs; valid while τ ≪ L²/D"]
        if longest * median > 0.3 {
            notes.append("the pulses (up to \(rounded(longest)) s) are not short against L²/D ≈ \(rounded(1 / median)) s: "
                + "shorten them for a trustworthy D")
        }
        return AnalysisResult(kind: .gitt, values: values, note: notes.joined(separator: "; "))
    }
}
