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
    /// takes the exact mass of its bin, so the DC resistance is exactly R. Mass
    /// at a bin's centre overstates a tail falling as `e^(λx)` by
    /// `sinh(λh/2)/(λh/2)` (0.2 % at n = 0.95), so each branch sits shifted by
    /// the log-offset that cancels it: within about 0.05 % in |Z|.
    ///
    /// - Parameters:
    ///   - fastestTime: faster relaxation is folded into R∞. The high-frequency
    ///     tail only matches a power law as far as the grid goes, so this sets
    ///     the top of the faithful range, about `1/(2π·100·fastestTime)` Hz.
    ///     The default `τ₀·10⁻⁸` reaches `10⁶/τ₀`.
    ///   - tailMass: the slow tail holding less than this joins the slowest
    ///     branch; at low frequency it only ever acts as a resistor.
    public static func zarc(resistance r: Double, q: Double, n: Double, fastestTime: Double? = nil,
                            perDecade: Double = branchesPerDecade, tailMass: Double = 1e-4) -> FosterNetwork {
        let tau0 = Double.pow(r * q, 1 / n)
        return zarc(resistance: r, timeConstant: tau0, n: n, fastestTime: fastestTime,
                    perDecade: perDecade, tailMass: tailMass)
    }

    /// A ZARC given by its characteristic time constant τ₀ instead of Q.
    public static func zarc(resistance r: Double, timeConstant tau0: Double, n: Double, fastestTime: Double? = nil,
                            perDecade: Double = branchesPerDecade, tailMass: Double = 1e-4) -> FosterNetwork {
        let floor = fastestTime ?? tau0 * 1e-8
        precondition(n > 0 && floor > 0, "a ZARC needs n > 0 and fastestTime > 0")
        if n >= 0.9999 { return FosterNetwork(branches: [Branch(resistance: r, timeConstant: tau0)]) }
        let a = Double.tan(n * Double.pi / 2)
        let c = Double.cos(n * Double.pi)
        func cumulative(_ x: Double) -> Double { 0.5 + Double.atan(a * Double.tanh(n * x / 2)) / (n * Double.pi) }
        // d ln g/dx, written with tanh so it stays finite far out.
        func logSlope(_ x: Double) -> Double { -n * Double.tanh(n * x) / (1 + c / Double.cosh(n * x)) }
        let h = Double.log(10) / perDecade
        var slowest = 0
        while cumulative(-(Double(slowest) + 0.5) * h) > tailMass / 2 { slowest += 1 }
        let edge = Double.log(floor / tau0) / h + 0.5
        let fastest = min(slowest, Int(edge.rounded(.up)))
        var network = FosterNetwork(seriesResistance: r * cumulative((Double(fastest) - 0.5) * h))
        network.branches.reserveCapacity(slowest - fastest + 1)
        for k in fastest...slowest {
            let x = Double(k) * h
            let lower = cumulative(x - h / 2)
            let upper = k == slowest ? 1 : cumulative(x + h / 2)
            let u = logSlope(x) * h / 2
            let shift = abs(u) < 1e-4 ? u * h / 12 : Double.log(Double.sinh(u) / u) * h / (2 * u)
            network.branches.append(Branch(resistance: r * (upper - lower), timeConstant: tau0 * Double.exp(x + shift)))
        }
        return network
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
