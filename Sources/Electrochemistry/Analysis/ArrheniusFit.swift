import Numerics

/// Activation energy from conductivity against temperature.
///
/// The model is the one the cell simulator and the literature use for ionic
/// conductors (Falco et al., Eq. 1): σ = (σ₀/T)·exp(−Eₐ/k_BT). It is linear as
/// ln(σT) = ln σ₀ − (Eₐ/k_B)·(1/T), so an ordinary least-squares line gives
/// Eₐ and its standard error exactly, without iteration.
public struct ArrheniusFit: Sendable, Hashable {
    /// Boltzmann constant (eV/K, CODATA 2018 exact).
    public static let boltzmannConstant = 8.617333262e-5

    /// Eₐ (eV) and its standard error.
    public var activationEnergy: Double
    public var activationEnergyStandardError: Double
    /// σ₀ (S·K/m) in σ = σ₀/T·exp(−Eₐ/kT).
    public var prefactor: Double
    /// Standard error of ln σ₀ (a relative error on σ₀).
    public var logPrefactorStandardError: Double
    /// R² of the line ln(σT) against 1/T.
    public var rSquared: Double
    /// Residual sum of squares in ln(σT).
    public var residualSumOfSquares: Double
    /// Temperatures the fit covers (K).
    public var temperatureRange: ClosedRange<Double>
    public var count: Int

    /// Conductivity the fit predicts at `temperature` (K), in S/m.
    public func conductivity(at temperature: Double) -> Double {
        prefactor / temperature * Double.exp(-activationEnergy / (Self.boltzmannConstant * temperature))
    }

    /// Fits at least two measurements.
    ///
    /// - Throws: `AnalysisError` for fewer than two points, a non-positive or
    ///   non-finite value (naming the point), or all points at one temperature.
    public static func fit(_ measurements: [ConductivityMeasurement]) throws(AnalysisError) -> ArrheniusFit {
        try measurements.validateMeasurements(minimumCount: 2, model: "an Arrhenius fit")
        let x = measurements.map { 1 / $0.temperature }
        let y = measurements.map { Double.log($0.conductivity * $0.temperature) }
        guard let line = StraightLineFit(x: x, y: y) else {
            throw AnalysisError(.degenerate, "every point is at the same temperature; measure at two or more", field: "temperature")
        }
        let temperatures = measurements.map(\.temperature)
        return ArrheniusFit(
            activationEnergy: -line.slope * boltzmannConstant,
            activationEnergyStandardError: line.slopeStandardError * boltzmannConstant,
            prefactor: Double.exp(line.intercept), logPrefactorStandardError: line.interceptStandardError,
            rSquared: line.rSquared, residualSumOfSquares: line.residualSumOfSquares,
            temperatureRange: temperatures.reduce(.infinity, min)...temperatures.reduce(-.infinity, max), count: measurements.count)
    }
}
