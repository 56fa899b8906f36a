import Numerics
import Foundation

/// Exact or analytically discretised Foster forms of the common elements.
extension FosterNetwork {
    /// Default density of the analytic ladders: 10 branches per decade keeps
    /// the ladder's impedance within about 0.1 % of the exact element.
    public static let branchesPerDecade = 10.0

    /// A resistor and a capacitor in parallel: one exact branch.
    public static func parallelRC(resistance r: Double, capacitance c: Double) -> FosterNetwork {
        FosterNetwork(branches: [Branch(resistance: r, timeConstant: r * c)])
    }

    /// A resistor in parallel with a CPE (a ZARC, or Cole–Cole arc):
    /// `Z = R/(1 + (jωτ₀)^n)` with `τ₀ = (R·Q)^(1/n)`.
    ///
    /// Its distribution of relaxation times is known in closed form,
    /// `g(x) = sin(nπ)/(2π (cosh(n x) + cos(nπ)))` in `x = ln(τ/τ₀)`, with
    /// cumulative `G(x) = ½ + arctan(tan(nπ/2)·tanh(n x/2))/(nπ)`. Each branch
    /// takes the exact mass of its bin, so the ladder's DC resistance is exactly
    /// R and only the placement within a bin is approximate (< 0.1 % in |Z| at
    /// 10 per decade). Tails holding less than `tailMass` are folded into the
    /// outermost branches.
    public static func zarc(resistance r: Double, q: Double, n: Double,
                            perDecade: Double = branchesPerDecade, tailMass: Double = 1e-4) -> FosterNetwork {
        let tau0 = Double.pow(r * q, 1 / n)
        return zarc(resistance: r, timeConstant: tau0, n: n, perDecade: perDecade, tailMass: tailMass)
    }

    /// A ZARC given by its characteristic time constant τ₀ instead of Q.
    public static func zarc(resistance r: Double, timeConstant tau0: Double, n: Double,
                            perDecade: Double = branchesPerDecade, tailMass: Double = 1e-4) -> FosterNetwork {
        if n >= 0.9999 { return FosterNetwork(branches: [Branch(resistance: r, timeConstant: tau0)]) }
        let a = Double.tan(n * Double.pi / 2)
        func cumulative(_ x: Double) -> Double { 0.5 + Double.atan(a * Double.tanh(n * x / 2)) / (n * Double.pi) }
        let h = Double.log(10) / perDecade
        // Extend the grid symmetrically until the tail beyond it is negligible.
        var half = 0
        while cumulative(-(Double(half) + 0.5) * h) > tailMass / 2 { half += 1 }
        var branches: [Branch] = []
        branches.reserveCapacity(2 * half + 1)
        for k in -half...half {
            let lower = k == -half ? 0 : cumulative((Double(k) - 0.5) * h)
            let upper = k == half ? 1 : cumulative((Double(k) + 0.5) * h)
            branches.append(Branch(resistance: r * (upper - lower), timeConstant: tau0 * Double.exp(Double(k) * h)))
        }
        return FosterNetwork(branches: branches)
    }

    /// Finite-length Warburg, reflecting end: `Z = Z₀ coth(√(jωτ))/√(jωτ)`.
    ///
    /// Exact partial fractions: `Z₀/(jωτ)` (a capacitor `C = τ/Z₀`) plus
    /// branches `R_k = 2Z₀/(kπ)²`, `τ_k = τ/(kπ)²`. Terms faster than
    /// `fastestTime` are folded into R∞ (their sum is known: the branches add to
    /// Z₀/3), and the dense high-k tail is merged into bins of `perDecade`.
    public static func warburgOpen(z0: Double, tau: Double, fastestTime: Double,
                                   perDecade: Double = branchesPerDecade) -> FosterNetwork {
        finiteWarburg(z0: z0, tau: tau, total: z0 / 3, pole: { Double($0) * Double.pi },
                      fastestTime: fastestTime, perDecade: perDecade,
                      elastance: z0 / tau)
    }

    /// Finite-length Warburg, transmissive end: `Z = Z₀ tanh(√(jωτ))/√(jωτ)`.
    ///
    /// Exact partial fractions with poles at `((k − ½)π)²/τ`; DC resistance Z₀.
    public static func warburgShort(z0: Double, tau: Double, fastestTime: Double,
                                    perDecade: Double = branchesPerDecade) -> FosterNetwork {
        finiteWarburg(z0: z0, tau: tau, total: z0, pole: { (Double($0) - 0.5) * Double.pi },
                      fastestTime: fastestTime, perDecade: perDecade, elastance: 0)
    }

    private static func finiteWarburg(z0: Double, tau: Double, total: Double, pole: (Int) -> Double,
                                      fastestTime: Double, perDecade: Double, elastance: Double) -> FosterNetwork {
        var network = FosterNetwork(elastance: elastance)
        var binned = BranchBinner(perDecade: perDecade)
        var used = 0.0
        var k = 1
        while true {
            let p = pole(k)
            let tk = tau / (p * p)
            if tk < fastestTime { break }
            let rk = 2 * z0 / (p * p)
            binned.add(Branch(resistance: rk, timeConstant: tk))
            used += rk
            k += 1
        }
        network.branches = binned.branches
        network.seriesResistance = max(0, total - used)
        return network
    }
}

/// Merges branches whose time constants fall in the same log bin, keeping the
/// total resistance and the resistance-weighted mean of log τ.
struct BranchBinner {
    let perDecade: Double
    private var bins: [Int: (r: Double, rLogTau: Double)] = [:]

    init(perDecade: Double) { self.perDecade = perDecade }

    mutating func add(_ b: FosterNetwork.Branch) {
        let key = Int((Double.log10(b.timeConstant) * perDecade).rounded(.down))
        let logTau = Double.log(b.timeConstant)
        bins[key, default: (0, 0)].r += b.resistance
        bins[key, default: (0, 0)].rLogTau += b.resistance * logTau
    }

    var branches: [FosterNetwork.Branch] {
        bins.keys.sorted().compactMap { key in
            guard let bin = bins[key], bin.r > 0 else { return nil }
            return FosterNetwork.Branch(resistance: bin.r, timeConstant: Double.exp(bin.rLogTau / bin.r))
        }
    }
}
