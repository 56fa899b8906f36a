import Numerics

/// How each point's residual is scaled before squaring.
///
/// Impedances in one spectrum span decades, so the choice decides which part
/// of the spectrum the fit listens to: unit weighting follows the largest
/// impedances (the low-frequency end), modulus and proportional weighting give
/// every frequency a similar say, which is what recovers a small bulk
/// resistance under a large interface arc.
public enum FitWeighting: String, Sendable, Hashable, CaseIterable {
    /// Residuals in Ω.
    case unit
    /// Real and imaginary residuals divided by the measured real and imaginary
    /// parts (Boukamp/Orazem proportional weighting).
    case proportional
    /// Both residuals divided by the measured |Z| (impedance.py's `weight_by_modulus`).
    case modulus

    /// The divisors (real, imaginary) for a measured impedance `z`.
    ///
    /// Proportional weighting floors each part at 1 % of |Z|: where the arc
    /// touches the real axis Z″ is near zero, and dividing by it would let one
    /// noisy point outweigh the whole spectrum.
    func scales(for z: Complex<Double>) -> (real: Double, imaginary: Double) {
        switch self {
        case .unit:
            return (1, 1)
        case .modulus:
            let m = z.length
            return (m, m)
        case .proportional:
            let floor = 0.01 * z.length
            return (max(abs(z.real), floor), max(abs(z.imaginary), floor))
        }
    }
}
