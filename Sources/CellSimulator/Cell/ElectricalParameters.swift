import Numerics

/// The cell's linear electrical model at one instant, derived from its
/// definition and state: the single source of truth for both the time-domain
/// stepper and the analytic impedance.
public struct ElectricalParameters: Sendable, Hashable {
    /// Bulk electrolyte resistance (Ω) and geometric capacitance (F).
    public var bulkResistance: Double
    public var bulkCapacitance: Double
    /// Grain-boundary arc (Ω, s, exponent); resistance 0 means none.
    public var grainBoundaryResistance: Double
    public var grainBoundaryTime: Double
    public var grainBoundaryExponent: Double
    /// Negative-side interface arc: both Li interfaces for symmetric cells;
    /// for blocking cells both double layers, a CPE (a ZARC whose resistance
    /// only shows beyond `SimulatedCell.blockingTime`).
    public var negativeResistance: Double
    public var negativeTime: Double
    public var negativeExponent: Double
    /// Positive-side (cathode) interface arc; 0 for symmetric and blocking cells.
    public var positiveResistance: Double
    public var positiveTime: Double
    public var positiveExponent: Double
    /// The part of `positiveResistance` that is the composite cathode's ionic
    /// path at DC, R_ion/3 (Ω): in a spectrum it belongs to the cathode's arc.
    public var compositeResistance: Double
    /// Solid diffusion in the cathode's spherical particles: Z₀ = τ·dU/dQ (Ω)
    /// and τ = R²/D (s); see `SphericalDiffusion`.
    public var diffusionZ0: Double
    public var diffusionTime: Double
    /// Salt concentration polarisation (finite Warburg, transmissive), for t₊ < 1.
    public var concentrationZ0: Double
    public var concentrationTime: Double
    /// Electronic leakage through the electrolyte (Ω).
    public var leakageResistance: Double
    /// Resistance of an active short (Ω); infinity when none.
    public var shortResistance: Double
    /// Fixture inductance (H).
    public var inductance: Double
    /// OCV (V) and its slope against charge (V/C).
    public var openCircuitVoltage: Double
    public var openCircuitSlope: Double

    /// Conductance in parallel with the ionic path (S).
    public var parallelConductance: Double {
        1 / leakageResistance + (shortResistance.isFinite ? 1 / shortResistance : 0)
    }
}

extension ElectricalParameters {
    /// The cell's exact small-signal impedance at `frequency` (Hz), in closed
    /// form: the ground truth the lock-in on the time-domain model must match.
    ///
    /// The ionic chain (bulk, grain boundary, the two interfaces as ZARCs,
    /// the particles' diffusion or the OCV's
    /// capacitance, salt polarisation) sits in
    /// parallel with leakage and shorts; the fixture inductance is outside.
    public func impedance(frequency: Double) -> Complex<Double> {
        let omega = 2 * Double.pi * frequency
        let j = Complex<Double>(0, 1)
        func zarc(_ r: Double, _ tau: Double, _ n: Double) -> Complex<Double> {
            guard r > 0 else { return .zero }
            let phase = n * Double.pi / 2, magnitude = Double.pow(omega * tau, n)
            return Complex(r) / Complex(1 + magnitude * Double.cos(phase), magnitude * Double.sin(phase))
        }
        var chain = Complex(bulkResistance) / Complex(1, omega * bulkResistance * bulkCapacitance)
        chain += zarc(grainBoundaryResistance, grainBoundaryTime, grainBoundaryExponent)
        chain += zarc(negativeResistance, negativeTime, negativeExponent)
        chain += zarc(positiveResistance, positiveTime, positiveExponent)
        if diffusionZ0 > 0 {
            chain += SphericalDiffusion.impedance(omega: omega, z0: diffusionZ0, tau: diffusionTime)
        } else if openCircuitSlope > 0 {
            chain += Complex(openCircuitSlope) / (j * Complex(omega))
        }
        if concentrationZ0 > 0 {
            let x = Complex<Double>.sqrt(Complex(0, omega * concentrationTime))
            let t = omega * concentrationTime > 1e4 ? Complex(1) : Complex<Double>.tanh(x)
            chain += Complex(concentrationZ0) * t / x
        }
        let parallel = Complex(1) / (Complex(parallelConductance) + Complex(1) / chain)
        return parallel + j * Complex(omega * inductance)
    }
}
