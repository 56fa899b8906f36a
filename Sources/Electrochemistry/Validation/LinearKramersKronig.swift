import Numerics

/// The linear Kramers–Kronig test of Schönleber et al. (2014): fit the
/// spectrum with a series resistance, inductance (and, for a capacitive
/// low-frequency end, capacitance) and M RC elements at fixed time constants
/// spread from 1/ω_max to beyond 1/ω_min. Every such model is
/// Kramers–Kronig compliant, so residuals beyond noise mean the system was not
/// linear, causal and stable during the sweep (drift, a changing interphase, a
/// loose contact), and a fit of that spectrum should not be believed. What is
/// beyond noise is judged against the spectrum's own noise
/// (`ResidualStructure`), not a fixed percentage.
///
/// M is where μ = 1 − Σ|R_k<0| / Σ R_k≥0 falls to `muCriterion` (0.85),
/// searched from three elements per decade up: beyond that point the RC
/// ladder starts to fit noise with alternating signs.
public struct LinearKramersKronig: Sendable {
    /// Schönleber's c: the μ at which M stops growing.
    public var muCriterion: Double
    /// Significance of smooth residuals (in σ of a window mean) that fails a
    /// spectrum. White residuals reach about 3 over the ~70 windows of each
    /// length a spectrum has; 4 keeps false alarms near one in a thousand.
    public var significanceLimit: Double
    /// Smooth residuals within this multiple of the ladder's own ripple on
    /// the spectrum (`ladderResolution`) pass however significant: that
    /// structure is not the data's. On exact spectra the ripple left is at
    /// most about twice the estimate.
    public var resolutionMargin: Double
    /// Upper bound on M.
    public var maxElements: Int
    /// Decades by which the time constants extend beyond 1/ω_min (as
    /// pyimpspec's `log_F_ext` does): a diffusion tail or an arc whose apex
    /// lies below the window (a blocking cell's leakage relaxes over minutes)
    /// otherwise has no element to describe it, and a valid spectrum fails.
    /// One decade is enough: inside the window every element with ωτ ≫ 1 has
    /// the same shape (a capacitance plus a real part ∝ 1/ω²), so further
    /// elements only add nearly collinear columns whose alternating sums
    /// follow a drifting low-frequency end and let it pass.
    public var timeConstantExtension: Double
    public init(muCriterion: Double = 0.85, significanceLimit: Double = 4, resolutionMargin: Double = 3, maxElements: Int = 50,
                timeConstantExtension: Double = 1) {
        self.muCriterion = muCriterion
        self.significanceLimit = significanceLimit
        self.resolutionMargin = resolutionMargin
        self.maxElements = maxElements
        self.timeConstantExtension = timeConstantExtension
    }

    public func validate(_ data: ImpedanceData) -> KramersKronigResult {
        let omegas = data.angularFrequencies
        let moduli = data.impedances.map { max($0.length, .leastNormalMagnitude) }
        let high = omegas.max()!, low = omegas.min()!
        // A capacitive low-frequency end (blocking electrodes, a finite Warburg)
        // needs a series capacitance, which is compliant too.
        let lowest = data.impedances[omegas.firstIndex(of: low)!]
        let capacitive = -lowest.imaginary > 2 * abs(lowest.real - data.impedances[omegas.firstIndex(of: high)!].real)
        let b = data.impedances.indices.map { data.impedances[$0].real / moduli[$0] }
            + data.impedances.indices.map { data.impedances[$0].imaginary / moduli[$0] }
        let series: [VoigtBasis.Column] = [.resistance, .inductance] + (capacitive ? [.inverseCapacitance] : [])
        // At least one residual degree of freedom per coefficient.
        let limit = max(1, min(maxElements, 2 * data.count - series.count - 1))
        let tauLow = 1 / high, tauHigh = Double.pow(10, timeConstantExtension) / low
        // Below three elements per decade the ladder is too coarse for μ to
        // mean anything: its negative resistances come from under-fitting a
        // sharp arc, not from fitting noise, and stopping there fails valid spectra.
        let first = min(limit, max(1, Int((3 * Double.log10(tauHigh / tauLow)).rounded(.up))))
        func ladder(_ m: Int) -> (m: Int, mu: Double, basis: VoigtBasis, coefficients: [Double]) {
            let taus = m == 1 ? [(tauLow * tauHigh).squareRoot()]
                : VoigtBasis.timeConstants(from: tauLow, to: tauHigh, perDecade: Double(m - 1) / Double.log10(tauHigh / tauLow))
            let basis = VoigtBasis(columns: series + taus.map { .relaxation(tau: $0) })
            let coefficients = LeastSquares.solve(basis.designMatrix(omegas: omegas, scales: moduli), b)
            let r = coefficients[series.count...]
            let positive = r.filter { $0 >= 0 }.reduce(0, +), negative = r.filter { $0 < 0 }.reduce(0) { $0 - $1 }
            return (m, positive > 0 ? 1 - negative / positive : 0, basis, coefficients)
        }
        // μ falls as M grows; bisection finds where it crosses c in a handful
        // of solves instead of one per M, which matters when every spectrum
        // of a run is checked as it arrives.
        var fit = ladder(first)
        if fit.mu > muCriterion, limit > first {
            var below = first, crossing = ladder(limit)
            if crossing.mu <= muCriterion {
                while crossing.m - below > 1 {
                    let middle = ladder((below + crossing.m) / 2)
                    if middle.mu <= muCriterion { crossing = middle } else { below = middle.m }
                }
            }
            fit = crossing
        }
        let residuals = data.impedances.indices.map { k in
            (data.impedances[k] - fit.basis.impedance(omega: omegas[k], coefficients: fit.coefficients)) / Complex(moduli[k])
        }
        let resolution = ladderResolution(fit.basis, coefficients: fit.coefficients, omegas: omegas, moduli: moduli,
                                          frequencies: data.frequencies)
        let structure = ResidualStructure(residuals: residuals, frequencies: data.frequencies)
        return KramersKronigResult(frequencies: data.frequencies, residuals: residuals, elementCount: fit.m,
                                   mu: fit.mu, muCriterion: muCriterion, structure: structure,
                                   realPart: RealPartPrediction(data, residuals: residuals, columns: fit.basis.columns, noise: structure.noise).structure,
                                   significanceLimit: significanceLimit, structureFloor: resolutionMargin * resolution)
    }

    /// The smooth residual the ladder leaves on a spectrum of this shape
    /// with no noise and no drift (fraction of |Z|).
    ///
    /// Time constants at fixed nodes describe an arc between two nodes only
    /// approximately: a sharp ideal RC arc leaves ripples of a few tenths of
    /// a per cent, a CPE arc or a diffusion tail far less. The fitted
    /// ladder's own spectrum, refitted by the same ladder shifted by half a
    /// node, leaves about that ripple, and measures it for this spectrum
    /// rather than for the sharpest arc there could be: a fixed floor sized
    /// for that arc let drift up to 0.3 % of |Z| through on every spectrum.
    private func ladderResolution(_ basis: VoigtBasis, coefficients: [Double], omegas: [Double], moduli: [Double],
                                  frequencies: [Double]) -> Double {
        let taus = basis.columns.compactMap { column -> Double? in
            if case .relaxation(let tau) = column { return tau }
            return nil
        }
        guard taus.count > 1 else { return 0 }
        let half = (taus[1] / taus[0]).squareRoot()
        let shifted = VoigtBasis(columns: basis.columns.map { column in
            if case .relaxation(let tau) = column { return .relaxation(tau: tau * half) }
            return column
        })
        let model = omegas.map { basis.impedance(omega: $0, coefficients: coefficients) }
        let b = model.indices.map { model[$0].real / moduli[$0] } + model.indices.map { model[$0].imaginary / moduli[$0] }
        let refit = LeastSquares.solve(shifted.designMatrix(omegas: omegas, scales: moduli), b)
        let ripple = omegas.indices.map { k in (model[k] - shifted.impedance(omega: omegas[k], coefficients: refit)) / Complex(moduli[k]) }
        return ResidualStructure(residuals: ripple, frequencies: frequencies, noise: 1).amplitude
    }
}
