import Numerics
import Electrochemistry

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
    /// Negative-side interface arc (both Li interfaces for symmetric cells).
    public var negativeResistance: Double
    public var negativeTime: Double
    public var negativeExponent: Double
    /// Positive-side (cathode) interface arc; 0 for symmetric and blocking cells.
    public var positiveResistance: Double
    public var positiveTime: Double
    public var positiveExponent: Double
    /// Solid diffusion in the cathode (finite Warburg, reflecting): Z₀ (Ω), τ (s).
    public var diffusionZ0: Double
    public var diffusionTime: Double
    /// Salt concentration polarisation (finite Warburg, transmissive), for t₊ < 1.
    public var concentrationZ0: Double
    public var concentrationTime: Double
    /// Series double-layer capacitance of blocking electrodes (F); 0 = none.
    public var blockingCapacitance: Double
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
    /// The small-signal equivalent circuit in impedance.py syntax, and its
    /// parameter vector.
    ///
    /// The OCV's slope appears as the reflecting Warburg's capacitance
    /// (Z₀/τ = dV/dQ) for full cells, so the circuit and the time-domain model
    /// agree at every frequency. Leakage and shorts sit in parallel with the
    /// ionic path; the fixture inductance is outside.
    public var equivalentCircuit: (circuit: Circuit, parameters: [Double]) {
        var terms: [String] = ["p(R0,C0)"]
        var values: [Double] = [bulkResistance, bulkCapacitance]
        func arc(_ index: Int, _ r: Double, _ tau: Double, _ n: Double) {
            guard r > 0 else { return }
            terms.append("p(R\(index),CPE\(index))")
            values += [r, Double.pow(tau, n) / r, n]
        }
        arc(1, grainBoundaryResistance, grainBoundaryTime, grainBoundaryExponent)
        arc(2, negativeResistance, negativeTime, negativeExponent)
        arc(3, positiveResistance, positiveTime, positiveExponent)
        if diffusionZ0 > 0 {
            terms.append("Wo1")
            values += [diffusionZ0, diffusionTime]
        } else if openCircuitSlope > 0 {
            terms.append("C9")
            values.append(1 / openCircuitSlope)
        }
        if concentrationZ0 > 0 {
            terms.append("Ws1")
            values += [concentrationZ0, concentrationTime]
        }
        if blockingCapacitance > 0 {
            terms.append("C1")
            values.append(blockingCapacitance)
        }
        let ionic = terms.joined(separator: "-")
        let text = "L0-p(R9,\(ionic))"
        let parallel = 1 / parallelConductance
        // Parameters follow the text's element order: L0, R9, then the ionic chain.
        let circuit = try! Circuit(text) // Built from fixed, valid fragments.
        return (circuit, [inductance, parallel] + values)
    }
}
