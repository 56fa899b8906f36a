import Numerics

/// How an electrolyte's ionic conductivity depends on temperature.
public enum ConductivityLaw: Sendable, Hashable {
    /// `σ(T) = σ₀/T · exp(−Eₐ/(k_B T))`, written through σ at a reference
    /// temperature so presets read like the literature.
    case arrhenius(conductivityAtReference: Double, referenceTemperature: Double, activationEnergy: Double)
    /// Vogel–Tammann–Fulcher for polymers: `σ = A·T^(−½)·exp(−B/(T − T₀))`,
    /// with `B` in kelvin.
    case vtf(prefactor: Double, pseudoActivation: Double, idealGlassTemperature: Double)

    /// Conductivity in S/m at temperature `t` (K).
    public func conductivity(at t: Double) -> Double {
        switch self {
        case .arrhenius(let sigmaRef, let tRef, let ea):
            return sigmaRef * (tRef / t) * arrheniusFactor(activationEnergy: ea, temperature: t, reference: tRef)
        case .vtf(let a, let b, let t0):
            return a / t.squareRoot() * Double.exp(-b / (t - t0))
        }
    }

    /// Activation energy (eV) for Arrhenius materials; nil for VTF.
    public var activationEnergy: Double? {
        if case .arrhenius(_, _, let ea) = self { return ea }
        return nil
    }
}

/// An Arrhenius factor `exp(−Eₐ/k (1/T − 1/T_ref))`: a rate or conductance at T
/// relative to T_ref (its reciprocal for a resistance).
@inlinable
func arrheniusFactor(activationEnergy ea: Double, temperature t: Double, reference tRef: Double = 298.15) -> Double {
    Double.exp(-ea / PhysicalConstants.boltzmannEV * (1 / t - 1 / tRef))
}
