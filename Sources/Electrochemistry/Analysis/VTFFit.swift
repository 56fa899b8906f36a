import Numerics

/// Vogel–Tammann–Fulcher fit for polymer electrolytes:
/// σ = A·T^(−½)·exp(−B/(T − T₀)), the form the cell simulator uses for PEO.
///
/// For a fixed T₀ the model is a straight line in ln(σ√T) against
/// −1/(T − T₀), so the fit profiles T₀: a grid over [0, T_min − 1 K] finds the
/// basin, a golden-section search refines it, and the line at the best T₀
/// gives A and B. Standard errors come from the full three-parameter
/// Jacobian at the optimum, so T₀'s uncertainty inflates those of A and B.
public struct VTFFit: Sendable, Hashable {
    /// A (S·K^½/m), B (K), T₀ (K).
    public var prefactor: Double
    public var pseudoActivation: Double
    public var idealGlassTemperature: Double
    /// Standard errors of ln A, B and T₀.
    public var logPrefactorStandardError: Double
    public var pseudoActivationStandardError: Double
    public var idealGlassTemperatureStandardError: Double
    /// R² and residual sum of squares in ln(σ√T).
    public var rSquared: Double
    public var residualSumOfSquares: Double
    public var count: Int

    /// B expressed as an energy (eV): k_B·B, the "pseudo-activation energy".
    public var pseudoActivationEnergy: Double { pseudoActivation * ArrheniusFit.boltzmannConstant }

    /// Conductivity the fit predicts at `temperature` (K), in S/m.
    public func conductivity(at temperature: Double) -> Double {
        prefactor / temperature.squareRoot() * Double.exp(-pseudoActivation / (temperature - idealGlassTemperature))
    }

    /// Fits at least four measurements at three or more temperatures.
    ///
    /// - Throws: `AnalysisError` for invalid points, too few of them, or
    ///   conductivity that does not rise with temperature.
    public static func fit(_ measurements: [ConductivityMeasurement]) throws(AnalysisError) -> VTFFit {
        try measurements.validateMeasurements(minimumCount: 4, model: "a VTF fit")
        let t = measurements.map(\.temperature)
        let y = measurements.map { Double.log($0.conductivity * $0.temperature.squareRoot()) }
        let tMin = t.reduce(.infinity, min)
        guard Set(t).count >= 3 else {
            throw AnalysisError(.degenerate, "a VTF fit needs at least three distinct temperatures", field: "temperature")
        }
        let upper = tMin - 1
        guard upper > 0 else {
            throw AnalysisError(.invalidParameter, "the lowest temperature \(tMin) K leaves no room for T₀ below it", field: "temperature")
        }
        func line(_ t0: Double) -> StraightLineFit? { StraightLineFit(x: t.map { -1 / ($0 - t0) }, y: y) }
        func rss(_ t0: Double) -> Double { line(t0)?.residualSumOfSquares ?? .infinity }

        let gridCount = 200
        let grid = (0...gridCount).map { upper * Double($0) / Double(gridCount) }
        let values = grid.map(rss)
        guard let bestIndex = values.indices.min(by: { values[$0] < values[$1] }) else {
            throw AnalysisError(.degenerate, "no T₀ gives a finite fit")
        }
        var lo = grid[max(0, bestIndex - 1)], hi = grid[min(gridCount, bestIndex + 1)]
        let phi = (5.0.squareRoot() - 1) / 2
        var a = hi - phi * (hi - lo), b = lo + phi * (hi - lo)
        var fa = rss(a), fb = rss(b)
        for _ in 0..<80 where hi - lo > 1e-9 * upper {
            if fa < fb { hi = b; b = a; fb = fa; a = hi - phi * (hi - lo); fa = rss(a) }
            else { lo = a; a = b; fa = fb; b = lo + phi * (hi - lo); fb = rss(b) }
        }
        let t0 = (lo + hi) / 2
        guard let best = line(t0), best.slope > 0 else {
            throw AnalysisError(.degenerate, "conductivity does not rise with temperature; VTF does not apply", field: "conductivity")
        }
        let b0 = best.slope
        // Covariance s²·(JᵀJ)⁻¹ for y = ln A − B/(T − T₀) in (ln A, B, T₀).
        let dof = Double(measurements.count - 3)
        let s2 = dof > 0 ? best.residualSumOfSquares / dof : 0
        var jtj = Matrix(rows: 3, columns: 3)
        for temperature in t {
            let u = 1 / (temperature - t0)
            let row = [1, -u, -b0 * u * u]
            for r in 0..<3 { for c in 0..<3 { jtj[r, c] += row[r] * row[c] } }
        }
        let errors = (0..<3).map { k -> Double in
            var unit = [0.0, 0, 0]
            unit[k] = 1
            return max(0, s2 * LeastSquares.solve(jtj, unit)[k]).squareRoot()
        }
        return VTFFit(prefactor: Double.exp(best.intercept), pseudoActivation: b0, idealGlassTemperature: t0,
                      logPrefactorStandardError: errors[0], pseudoActivationStandardError: errors[1],
                      idealGlassTemperatureStandardError: errors[2],
                      rSquared: best.rSquared, residualSumOfSquares: best.residualSumOfSquares, count: measurements.count)
    }
}
