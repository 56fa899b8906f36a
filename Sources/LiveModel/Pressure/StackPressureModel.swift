import Numerics

/// Expected stack pressure from the charge passed, with the stack's stiffness
/// and creep fitted online from the measured pressure.
///
/// The electrodes' breathing grows the stack by `g = β·Q` (β from their
/// chemistry, Q the charge stored since the start). A stiff frame turns growth
/// into pressure, and creep (Li flows above ≈1 MPa) relaxes it: the relaxed
/// growth `r` follows `g` with time constant τ. So
/// `P = P₀ + k·(g − r)`, linear in (P₀, k) for a given τ. A small bank of τ
/// candidates each runs a two-parameter recursive least squares; the one
/// whose predictions have erred least is reported. Each sample's residual is
/// taken before the sample updates the fit, so it is an honest one-step
/// prediction error.
public struct StackPressureModel: Sendable {
    public struct Settings: Sendable, Hashable {
        /// Pa/m: starting stiffness, 0.7 MPa/µm (Koerver, via DOMAIN.md §2).
        public var priorStiffness = 0.7e12
        /// s: candidate creep times.
        public var creepTimes: [Double] = [1, 2, 5, 10, 20, 50, 100].map { $0 * 3600 }
        /// s: memory of the fit (exponential forgetting).
        public var memory = 48 * 3600.0
        /// Pa: residuals beyond this are not fitted (a rig that changed
        /// pressure, or contact that gave way) but re-baseline P₀ after the fact.
        public var outlierLimit = 0.5e6
        public init() {}
    }

    /// One candidate creep time with its fit, in MPa and µm for conditioning.
    struct Candidate: Sendable {
        var creepTime: Double
        var relaxedGrowth = 0.0
        /// (P₀ in MPa, k in MPa/µm) and the 2×2 covariance.
        var p0: Double
        var k: Double
        var c00 = 1.0, c01 = 0.0, c11: Double
        /// Exponentially weighted mean squared residual (MPa²).
        var meanSquare = 0.0
    }

    public let growthPerCharge: Double
    public var settings: Settings
    private var candidates: [Candidate] = []
    private var charge = 0.0
    private var started = false
    private var measured = false
    /// Creep decay factors for the last interval, reused while the interval repeats.
    private var decayInterval = -1.0
    private var decay: [Double] = []
    private var forgetting = 1.0

    /// - Parameters:
    ///   - growthPerCharge: β (m/C), from `ElectrodeStrain.growthPerCharge`.
    ///   - appliedPressure: the rig's pressure (Pa), if known before the first reading.
    public init(growthPerCharge: Double, appliedPressure: Double?, settings: Settings = Settings()) {
        self.growthPerCharge = growthPerCharge
        self.settings = settings
        if let appliedPressure { start(at: appliedPressure) }
    }

    private mutating func start(at pressure: Double) {
        decayInterval = -1
        let k = settings.priorStiffness * 1e-6 * 1e-6 // Pa/m → MPa/µm
        candidates = settings.creepTimes.map {
            Candidate(creepTime: $0, p0: pressure * 1e-6, k: k, c00: 1, c01: 0, c11: k * k)
        }
        started = true
    }

    /// Stack growth since the start (m).
    public var growth: Double { growthPerCharge * charge }

    /// The best candidate: the smallest recent residual.
    private var best: Candidate? {
        candidates.min { $0.meanSquare < $1.meanSquare }
    }

    /// Expected pressure now (Pa), or nil before any pressure is known.
    public var expected: Double? {
        guard let c = best else { return nil }
        return (c.p0 + c.k * (growth - c.relaxedGrowth) * 1e6) * 1e6
    }

    /// Fitted stiffness (Pa/m) and creep time (s).
    public var stiffness: Double? { best.map { $0.k * 1e12 } }
    public var creepTime: Double? { best?.creepTime }

    /// Advances by `dt` seconds with `current` (A) and, when measured, fits
    /// `pressure` (Pa). Returns the residual measured − expected (Pa) for a
    /// measured sample.
    public mutating func update(dt: Double, current: Double, pressure: Double?) -> Double? {
        charge += current * dt
        let g = growth
        if dt != decayInterval {
            decay = candidates.map { Double.exp(-dt / $0.creepTime) }
            forgetting = Double.exp(-dt / settings.memory)
            decayInterval = dt
        }
        for j in candidates.indices {
            candidates[j].relaxedGrowth = g + (candidates[j].relaxedGrowth - g) * decay[j]
        }
        guard let pressure else { return nil }
        guard measured else {
            // The stack's state at the first reading is unknown (a cell
            // assembled part-charged carries stress): the reading is the baseline.
            measured = true
            if started { rebase(appliedPressure: pressure) } else { start(at: pressure) }
            return 0
        }
        let residual = pressure - (expected ?? pressure)
        let y = pressure * 1e-6
        let limit = settings.outlierLimit * 1e-6
        for j in candidates.indices {
            var c = candidates[j]
            let phi1 = (g - c.relaxedGrowth) * 1e6
            let e = y - (c.p0 + c.k * phi1)
            if abs(e) > limit {
                c.p0 += e
            } else {
                c.meanSquare = forgetting * c.meanSquare + (1 - forgetting) * e * e
                // Recursive least squares with forgetting on φ = (1, g − r).
                let pp0 = c.c00 + c.c01 * phi1, pp1 = c.c01 + c.c11 * phi1
                let s = forgetting + pp0 + phi1 * pp1
                let g0 = pp0 / s, g1 = pp1 / s
                c.p0 += g0 * e
                c.k += g1 * e
                c.c00 = (c.c00 - g0 * pp0) / forgetting
                c.c01 = (c.c01 - g0 * pp1) / forgetting
                c.c11 = (c.c11 - g1 * pp1) / forgetting
                // Bounded covariance: a long rest must not wind the fit up.
                c.c00 = min(c.c00, 1)
                c.c11 = min(c.c11, 100 * c.k * c.k + 1e-6)
                let bound = (c.c00 * c.c11).squareRoot()
                c.c01 = min(max(c.c01, -bound), bound)
            }
            candidates[j] = c
        }
        return residual
    }

    /// Re-bases the expected pressure at a new applied pressure (the rig was
    /// told to change), keeping stiffness and creep.
    public mutating func rebase(appliedPressure: Double) {
        guard started else {
            start(at: appliedPressure)
            return
        }
        for j in candidates.indices { candidates[j].p0 = appliedPressure * 1e-6 }
    }
}
