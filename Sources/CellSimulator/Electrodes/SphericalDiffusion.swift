import Electrochemistry
import Numerics

/// Li diffusion in a spherical particle fed through its surface: how far the
/// surface state of charge runs ahead of the particle's mean.
///
/// With τ = R²/D and the current as d(mean SOC)/dt, the surface leads the
/// mean by exactly `Σₙ (2τ/(3λₙ²))·(1 − e^(−λₙ² t/τ))` per unit rate after a
/// current step, where λₙ are the roots of tan λ = λ (Carslaw and Jaeger):
/// a Foster ladder, so the same exact stepper that runs the arcs runs the
/// particle, at the cost of its few slow branches per step. The steady lead
/// is τ/15 per unit rate, which the single-particle model's parabolic
/// profile also gives.
enum SphericalDiffusion {
    /// The lead of the surface over the mean, in SOC per unit of (SOC/s)·τ,
    /// as a Foster ladder at τ = 1: branches `2/(3λₙ²)` at `1/λₙ²`, binned
    /// `perDecade` per decade; poles faster than `fastestTime` fold into
    /// the series term (the branches add to 1/15).
    ///
    /// The first `exactPoles` poles are summed one by one; beyond them the
    /// poles lie π apart to within 1e-7, so each bin takes the integral of
    /// `2/(3πλ²)` over its span of λ, and of its log τ, in closed form:
    /// building a ladder for τ = 10⁴ s down to 1 ns costs microseconds
    /// instead of a million roots.
    static func unitLead(fastestTime: Double, perDecade: Double = FosterNetwork.branchesPerDecade,
                         exactPoles: Int = 2000) -> FosterNetwork {
        var bins: [Int: (r: Double, rLogTau: Double)] = [:]
        func key(_ tau: Double) -> Int { Int((Double.log10(tau) * perDecade).rounded(.down)) }
        var used = 0.0
        let fastestPole = 1 / fastestTime.squareRoot()
        var n = 1
        while n <= exactPoles {
            let lambda = ParticleGeometry.sphereEigenvalue(n)
            if lambda > fastestPole { break }
            let tau = 1 / (lambda * lambda)
            let r = 2 / (3 * lambda * lambda)
            bins[key(tau), default: (0, 0)].r += r
            bins[key(tau), default: (0, 0)].rLogTau += r * Double.log(tau)
            used += r
            n += 1
        }
        // The continuum starts halfway to the next pole.
        var low = n > exactPoles ? ParticleGeometry.sphereEigenvalue(exactPoles) + Double.pi / 2 : fastestPole
        while low < fastestPole {
            // The bin holding τ just below 1/low², and the λ at its fast edge.
            let k = key((1 - 1e-12) / (low * low))
            let high = min(fastestPole, Double.pow(10, -Double(k) / (2 * perDecade)))
            let mass = 2 / (3 * Double.pi) * (1 / low - 1 / high)
            // ∫ ln λ/λ² dλ = −(ln λ + 1)/λ, and ln τ = −2 ln λ.
            let logLambda = ((Double.log(low) + 1) / low - (Double.log(high) + 1) / high) / (1 / low - 1 / high)
            bins[k, default: (0, 0)].r += mass
            bins[k, default: (0, 0)].rLogTau += mass * (-2 * logLambda)
            used += mass
            low = high
        }
        let branches = bins.keys.sorted().map { key in
            let bin = bins[key]!
            return FosterNetwork.Branch(resistance: bin.r, timeConstant: Double.exp(bin.rLogTau / bin.r))
        }
        return FosterNetwork(seriesResistance: max(0, 1.0 / 15 - used), branches: branches)
    }

    /// The exact impedance of the particle with OCV slope folded in:
    /// `Z = (Z₀/3)·tanh x/(x − tanh x)`, `x = √(jωτ)`, `Z₀ = τ·dU/dQ`. At low
    /// frequency it is the OCV's capacitance `Q/(dU/dSOC)` in series with Z₀/15.
    static func impedance(omega: Double, z0: Double, tau: Double) -> Complex<Double> {
        let x = Complex<Double>.sqrt(Complex(0, omega * tau))
        if omega * tau < 1e-4 {
            let x2 = x * x
            return Complex(z0) * (Complex(1) / x2 + Complex(1.0 / 15) - x2 / Complex(525))
        }
        let t = omega * tau > 1e4 ? Complex(1) : Complex<Double>.tanh(x)
        return Complex(z0 / 3) * t / (x - t)
    }
}
