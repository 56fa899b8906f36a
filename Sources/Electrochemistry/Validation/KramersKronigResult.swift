import Foundation
import Numerics

/// The outcome of a lin-KK test: residuals, the chosen M and μ, and a verdict
/// with its reason.
public struct KramersKronigResult: Sendable, Hashable {
    public let frequencies: [Double]
    /// (measured − model)/|Z| per point, real and imaginary parts.
    public let residuals: [Complex<Double>]
    /// Number of RC elements M chosen by the μ criterion.
    public let elementCount: Int
    /// μ at that M.
    public let mu: Double
    public let muCriterion: Double
    public let residualLimit: Double

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

    /// Whether every residual is within the limit.
    public var passed: Bool { worst.residual <= residualLimit }

    /// Why the spectrum passed or failed, in a sentence a user can act on.
    public var reason: String {
        let (w, f) = worst
        let at = "at " + String(format: "%.3g", f) + " Hz"
        let fitDescription = "M=\(elementCount), μ=" + String(format: "%.2f", mu)
        if passed {
            return "residuals within \(percent(residualLimit)) (max \(percent(w)) \(at), rms \(percent(rms)); \(fitDescription))"
        }
        return "max residual \(percent(w)) \(at) exceeds \(percent(residualLimit)) (rms \(percent(rms)); \(fitDescription)): the system drifted or was not linear during the sweep; do not trust a fit of this spectrum"
    }

    private func percent(_ x: Double) -> String { String(format: "%.2f %%", 100 * x) }
}
