import Numerics

/// The shape of the active particles Li diffuses into, which decides how a
/// GITT pulse's transient turns into D.
///
/// Both shapes are described by the same diffusion length L = V/S (a slab's
/// thickness with one face fed, a sphere's R/3), so D/L² means the same for
/// both and the short-time √t law is the same. They part after it: a
/// sphere's surface fills faster than a slab's because the volume behind it
/// shrinks inwards (2√(Dt/π) + Dt/R + …), so a planar reading of a sphere
/// comes out low: about 20 % for a 1 min pulse on 10 µm NMC.
public enum ParticleGeometry: String, Sendable, Hashable, CaseIterable, Codable {
    /// Semi-infinite planar diffusion, Weppner and Huggins' own assumption (thin films).
    case planar
    /// Spherical particles fed through their whole surface (most powders).
    case sphere

    /// How far the surface's state of charge has moved `time` after a
    /// constant current starts, per unit rate of the mean state of charge (s),
    /// for D/L² = `normalisedDiffusivity`.
    ///
    /// Planar: 2√(t L²/(πD)), the semi-infinite response. Sphere: exact, with
    /// τ = R²/D = 9 L²/D and s = t/τ; for s ≤ 0.1 the short-time form
    /// (τ/3)(eˢ erfc(−√s) − 1), whose neglected far-side reflections are
    /// below 4e-6 of it there, and beyond that the eigenfunction series
    /// τ(s + 1/15 − Σ 2/(3λₙ²) e^(−λₙ² s)), λₙ the roots of tan λ = λ.
    public func surfaceDisplacement(at time: Double, normalisedDiffusivity: Double) -> Double {
        switch self {
        case .planar:
            return 2 * (time / (Double.pi * normalisedDiffusivity)).squareRoot()
        case .sphere:
            let tau = 9 / normalisedDiffusivity, s = time / tau
            if s <= 0.1 {
                return tau * (Double.exp(s) * (2 - Double.erfc(s.squareRoot())) - 1) / 3
            }
            // λ₁₃²·0.1 ≈ 180: twelve terms leave nothing above 1e-70.
            var lead = 1.0 / 15
            for n in 1...12 {
                let lambda = Self.sphereEigenvalue(n)
                lead -= 2 / (3 * lambda * lambda) * Double.exp(-lambda * lambda * s)
            }
            return tau * (s + lead)
        }
    }

    /// The n-th positive root of tan λ = λ, in (nπ, (n + ½)π): the decay
    /// rates λₙ²D/R² of a sphere's concentration modes (Carslaw and Jaeger).
    public static func sphereEigenvalue(_ n: Int) -> Double {
        let q = (Double(n) + 0.5) * Double.pi
        // The asymptotic series is good to 1e-12 from n ≈ 30 on.
        var lambda = q - 1 / q - 2 / (3 * q * q * q)
        if n < 30 {
            for _ in 0..<8 {
                let f = Double.sin(lambda) - lambda * Double.cos(lambda)
                let df = lambda * Double.sin(lambda)
                lambda -= f / df
            }
        }
        return lambda
    }
}
