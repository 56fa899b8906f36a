import Foundation
import Numerics

/// The outcome of a lin-KK test: residuals, the chosen M and μ, the
/// spectrum's noise and the structure beyond it, and a verdict with its reason.
public struct KramersKronigResult: Sendable, Hashable {
    public let frequencies: [Double]
    /// (measured − model)/|Z| per point, real and imaginary parts.
    public let residuals: [Complex<Double>]
    /// Number of RC elements M chosen by the μ criterion.
    public let elementCount: Int
    /// μ at that M.
    public let mu: Double
    public let muCriterion: Double
    /// The residuals' white noise and smooth structure.
    public let structure: ResidualStructure
    /// The real part's residual when the ladder is fitted to the imaginary
    /// part alone: what drift of the series resistance leaves (`RealPartPrediction`).
    public let realPart: ResidualStructure
    /// Significance (in σ of window means) above which structure fails a spectrum.
    public let significanceLimit: Double
    /// Structure smaller than this (fraction of |Z|) is the ladder's own, not
    /// the data's: a margin over the ladder's ripple on this spectrum.
    public let structureFloor: Double

    /// The spectrum's estimated noise, as a fraction of |Z|.
    public var noiseLevel: Double { structure.noise }

    /// The largest |residual| part and the frequency where it occurs.
    public var worst: (residual: Double, frequency: Double) {
        var best = (0.0, frequencies.first ?? 0)
        for (k, r) in residuals.enumerated() {
            let m = max(abs(r.real), abs(r.imaginary))
            if m > best.0 { best = (m, frequencies[k]) }
        }
        return best
    }

    /// Root mean square of all residual parts.
    public var rms: Double {
        guard !residuals.isEmpty else { return 0 }
        let sum = residuals.reduce(0) { $0 + $1.real * $1.real + $1.imaginary * $1.imaginary }
        return (sum / Double(2 * residuals.count)).squareRoot()
    }

    /// Whether the residuals are noise: no smooth part both significant and
    /// larger than the ladder's resolution.
    public var passed: Bool { !fails(structure) && !fails(realPart) }

    private func fails(_ part: ResidualStructure) -> Bool {
        part.significance > significanceLimit && part.amplitude > structureFloor
    }

    /// Why the spectrum passed or failed, in a sentence a user can act on.
    public var reason: String {
        let noise = "noise \(percent(noiseLevel)) of |Z|"
        let smooth = "smooth residual " + located(structure)
        let fitDescription = "M=\(elementCount), μ=" + String(format: "%.2f", mu)
        if passed {
            return "residuals are noise (\(noise); largest \(smooth); rms \(percent(rms)); \(fitDescription))"
        }
        let finding = fails(structure) ? smooth : "real part off its imaginary part's prediction by " + located(realPart)
        return "\(finding) above the spectrum's \(noise) (\(fitDescription)): the system drifted or was not linear during the sweep; do not trust a fit of this spectrum"
    }

    private func located(_ part: ResidualStructure) -> String {
        "\(percent(part.amplitude)) around " + String(format: "%.3g", part.frequency) + " Hz, " + String(format: "%.1f", part.significance) + "σ"
    }

    private func percent(_ x: Double) -> String { String(format: "%.2f %%", 100 * x) }
}
