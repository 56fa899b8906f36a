import Numerics

/// The real part of a spectrum as its imaginary part predicts it, the half
/// of lin-KK Boukamp (1995) and Schönleber et al. (2014) run on one part.
///
/// A complete fit takes a change in the series resistance during the sweep
/// in its stride: drift that only moves the real part is absorbed by the
/// ladder's real parts and the series resistance, and the residual it
/// leaves is a fraction of the drift. Late in a sweep every arc above the
/// lowest frequencies is a series resistance too, so this is how most drift
/// looks. Fitted to the imaginary part alone, which such drift leaves
/// alone, the ladder fixes the real part up to a constant, and the drift
/// stands in the real residual.
///
/// It runs on the complete fit's residual, not on the data: the ladder is
/// linear, so this is the same test less what the ladder's own truncation
/// (`rankTolerance`) would leave on a valid spectrum.
///
/// Its significance is judged against the noise it would have: the real
/// part's own noise plus the imaginary part's, carried through the ladder's
/// coefficients into the prediction, which is smooth and largest where the
/// imaginary part says least about the real (the low-frequency end).
struct RealPartPrediction {
    /// What the real residual holds beyond that noise.
    let structure: ResidualStructure

    /// Ladder directions the imaginary part pins down less than this
    /// fraction (times the point count) as well as its best are left out.
    /// Near-collinear RC columns differ little in their imaginary parts but
    /// much in their real ones, so kept, they carry the imaginary noise into
    /// the prediction tens of times over and hide any drift in it; on the
    /// corpora of the tests, 1e-13 (kept) flags 55 % of drifting spectra and
    /// 1e-5 to 1e-2 flag 56–63 %, with no valid spectrum failing at any of them.
    static let rankTolerance = 1e-3

    /// - Parameters:
    ///   - residuals: the complete fit's, (measured − model)/|Z| per point.
    ///   - columns: the ladder's columns (the series resistance among them or not).
    ///   - noise: σ of each part of the residual, as a fraction of |Z|.
    init(_ data: ImpedanceData, residuals: [Complex<Double>], columns: [VoigtBasis.Column], noise: Double) {
        let omegas = data.angularFrequencies
        let order = omegas.indices.sorted { omegas[$0] < omegas[$1] }
        let moduli = order.map { max(data.impedances[$0].length, .leastNormalMagnitude) }
        let units = order.map { k in columns.filter { $0 != .resistance }.map { VoigtBasis.unitImpedance($0, omega: omegas[k]) } }
        let n = order.count, m = units.first?.count ?? 0
        var imaginary = Matrix(rows: n, columns: m)
        for k in 0..<n { for j in 0..<m { imaginary[k, j] = units[k][j].imaginary / moduli[k] } }
        let fit = LeastSquares.Solution(imaginary, order.map { residuals[$0].imaginary }, tolerance: Self.rankTolerance)
        // The real residual, less the series resistance that best fits it.
        let constant = moduli.map { 1 / $0 }
        let constantNorm = constant.reduce(0) { $0 + $1 * $1 }
        var residual = (0..<n).map { k in
            residuals[order[k]].real - zip(units[k], fit.x).reduce(0) { $0 + $1.0.real * $1.1 } / moduli[k]
        }
        let resistance = zip(constant, residual).reduce(0) { $0 + $1.0 * $1.1 } / constantNorm
        for k in 0..<n { residual[k] -= resistance * constant[k] }
        let frequencies = order.map { data.frequencies[$0] }
        var best = (amplitude: 0.0, significance: 0.0, frequency: frequencies.first ?? 0)
        for length in ResidualStructure.windows where length <= n / 2 {
            for start in 0...(n - length) {
                let window = start..<(start + length)
                let mean = residual[window].reduce(0, +) / Double(length)
                // The window's weights with the fitted constant projected out.
                let along = constant[window].reduce(0, +) / Double(length) / constantNorm
                var weights = constant.map { -along * $0 }
                for k in window { weights[k] += 1 / Double(length) }
                let own = weights.reduce(0) { $0 + $1 * $1 }
                let carried = fit.variance(of: (0..<m).map { j in (0..<n).reduce(0) { $0 + weights[$1] * units[$1][j].real / moduli[$1] } })
                let sigma = noise * (own + carried).squareRoot()
                let z = sigma > 0 ? abs(mean) / sigma : (mean != 0 ? .infinity : 0)
                if z > best.significance { best = (abs(mean), z, (frequencies[start] * frequencies[start + length - 1]).squareRoot()) }
            }
        }
        structure = ResidualStructure(noise: noise, amplitude: best.amplitude, significance: best.significance, frequency: best.frequency)
    }
}
